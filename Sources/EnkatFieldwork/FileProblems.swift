import EnkatModel

/// The problems of a small JSON file (a quota file, a column mapping), each as
/// `FILE:LINE:COLUMN: error: …`, all reported at once.
public struct FileProblems: Error, CustomStringConvertible {
  public var lines: [String]
  public var description: String { lines.joined(separator: "\n") }
}

/// Collects a file's problems while it is read.
struct ProblemList {
  let file: String
  private(set) var lines: [String] = []

  init(file: String) { self.file = file }

  mutating func add(_ position: SourcePosition, _ message: String) {
    lines.append("\(file):\(position.line):\(position.column): error: \(message)")
  }

  /// The file's root node, or its syntax error.
  static func root(_ bytes: [UInt8], file: String) -> Result<JSONNode, FileProblems> {
    switch JSONParser.parse(bytes) {
    case .success(let node): return .success(node)
    case .failure(let error):
      return .failure(
        FileProblems(lines: ["\(file):\(error.position.line):\(error.position.column): error: \(error.message)"]))
    }
  }

  /// `value`, or the problems when there are any.
  func result<T>(_ value: T?) -> Result<T, FileProblems> {
    guard lines.isEmpty, let value else { return .failure(FileProblems(lines: lines)) }
    return .success(value)
  }
}
