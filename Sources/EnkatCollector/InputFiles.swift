import Foundation

/// The response files named on the command line: files as given, folders searched (recursively)
/// for `*.jsonl`, in path order so every collect reads them alike.
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
      for case let relative as String in manager.enumerator(atPath: base) ?? FileManager.DirectoryEnumerator()
      where relative.hasSuffix(".jsonl") {
        files.append(base + "/" + relative)
      }
    }
    var seen = Set<String>()
    return files.filter { seen.insert($0).inserted }.sorted()
  }
}
