import Foundation

/// The response files named on the command line: files as given, folders searched (recursively)
/// for `*.jsonl` (not CATI call files, `*.calls.jsonl`: docs/cati.md), in path order so every
/// collect reads them alike.
enum InputFiles {
  static func find(_ inputs: [String], report: inout CollectReport) -> [String] {
    var files: [String] = []
    for input in inputs {
      var info = stat()
      guard stat(input, &info) == 0 else {
        report.unreadable.append(input)
        continue
      }
      guard (info.st_mode & S_IFMT) == S_IFDIR else {
        files.append(canonical(input))
        continue
      }
      // A folder named through a symbolic link is searched (as `find -H` does); links to folders
      // inside it are not followed.
      search(canonical(input.hasSuffix("/") ? String(input.dropLast()) : input), into: &files)
    }
    // Each file by its real path, so a file named two ways (a relative and an absolute path, a
    // link) is read once and its reading position is found by a later collect however it is named.
    var seen = Set<String>()
    return files.filter { seen.insert($0).inserted }.sorted()
  }

  /// The `*.jsonl` files in `folder` (a real path) and the folders below it, by their real paths
  /// (by `readdir`: a re-collect of a field that has not changed is mostly this and a look at each
  /// file). Only a link needs resolving: any other entry's real path is the folder's and its name.
  private static func search(_ folder: String, into files: inout [String]) {
    Directory.forEachEntry(folder) { name, given in
      let path = folder + "/" + name
      var type = given
      if type == Int32(DT_UNKNOWN) {  // file systems that do not say: ask
        var info = stat()
        guard lstat(path, &info) == 0 else { return true }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: type = Int32(DT_DIR)
        case S_IFLNK: type = Int32(DT_LNK)
        default: type = Int32(DT_REG)
        }
      }
      if type == Int32(DT_DIR) {
        search(path, into: &files)
      } else if name.hasSuffix(".jsonl") && !name.hasSuffix(".calls.jsonl") {
        files.append(type == Int32(DT_LNK) ? canonical(path) : path)
      }
      return true
    }
  }

  static func canonical(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
  }
}
