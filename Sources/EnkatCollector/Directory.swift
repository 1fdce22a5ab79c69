import Foundation

/// The entries of a folder, by `readdir`.
enum Directory {
  /// Calls `body` with the name and `d_type` of each entry of `folder` but `.` and `..`, until it
  /// returns false; false when the folder cannot be opened.
  @discardableResult
  static func forEachEntry(_ folder: String, _ body: (_ name: String, _ type: Int32) -> Bool) -> Bool {
    guard let directory = opendir(folder) else { return false }
    defer { closedir(directory) }
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
      }
      if name == "." || name == ".." { continue }
      guard body(name, Int32(entry.pointee.d_type)) else { break }
    }
    return true
  }
}
