/// Collects diagnostics while a questionnaire is decoded; every problem is kept, not just the first.
package final class DiagnosticSink {
  package private(set) var diagnostics: [Diagnostic] = []
  /// Texts that contain fills, with where they stand; checked once every id is known.
  package var textsWithFills: [(text: String, node: JSONNode, path: String)] = []
  /// Questions left out for errors already reported: their ids and JSON paths. Their texts are not
  /// checked further, and other expressions that name them get no "unknown question" on top.
  package var droppedQuestionIDs: Set<String> = []
  package var droppedQuestionPaths: Set<String> = []

  package init() {}

  package func add(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

  package func error(
    _ code: String, _ message: String, at node: JSONNode, path: String, question: String? = nil,
    hint: String? = nil
  ) {
    add(
      Diagnostic(
        code, .error, message, at: node.position, length: node.sourceLength, path: path,
        questionID: question, hint: hint))
  }

  package var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

extension JSONNode {
  /// Columns to underline: the whole literal for scalars, the opening bracket for containers.
  package var sourceLength: Int {
    switch kind {
    case .string(let s): return s.unicodeScalars.count + 2
    case .number(let n): return n.count
    case .bool(let b): return b ? 4 : 5
    case .null: return 4
    case .object, .array: return 1
    }
  }
}
