import Foundation

/// The response files named on the command line: files as given, folders searched (recursively)
/// for `*.jsonl` (not CATI call files, `*.calls.jsonl`: docs/cati.md), in path order so every
/// collect reads them alike.
enum InputFiles {
  static func find(_ inputs: [String], report: inout CollectReport) -> [String] {
    var files: [String] = []
    let manager = FileManager.default
    for input in inputs {
      var isFolder: ObjCBool = false
      guard manager.fileExists(atPath: input, isDirectory: &isFolder) else {
        report.unreadable.append(input)
        continue
      }
      guard isFolder.boolValue else {
        files.append(input)
        continue
      }
      let base = input.hasSuffix("/") ? String(input.dropLast()) : input
      // A folder named through a symbolic link is searched (as `find -H` does); links inside it
      // are not followed.
      let searched =
        (try? manager.destinationOfSymbolicLink(atPath: base)).map {
          $0.hasPrefix("/") ? $0 : (base as NSString).deletingLastPathComponent + "/" + $0
        } ?? base
      for case let relative as String in manager.enumerator(atPath: searched) ?? FileManager.DirectoryEnumerator()
      where relative.hasSuffix(".jsonl") && !relative.hasSuffix(".calls.jsonl") {
        files.append(base + "/" + relative)
      }
    }
    // Each file by its real path, so a file named two ways (a relative and an absolute path, a
    // link) is read once and its reading position is found by a later collect however it is named.
    var seen = Set<String>()
    return files.map(canonical).filter { seen.insert($0).inserted }.sorted()
  }

  static func canonical(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
  }
}
