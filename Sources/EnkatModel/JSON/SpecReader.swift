/// A problem in a small JSON file that is not a questionnaire (a report spec, a weighting, a quota
/// file, a column mapping): what, and where (`file:line:column`).
public struct SpecProblem: Error, Equatable, CustomStringConvertible {
  public var file: String
  public var position: SourcePosition
  public var message: String
  public var description: String { "\(file):\(position.line):\(position.column): error: \(message)" }
}

/// The problems of a spec that cannot be read, all of them at once.
public struct SpecProblems: Error, Equatable, CustomStringConvertible {
  public var problems: [SpecProblem]
  public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// Reads the parts of a spec's JSON and collects every problem with its place, so that one run
/// reports them all.
package struct SpecReader {
  package let file: String
  package private(set) var problems: [SpecProblem] = []

  package init(file: String) { self.file = file }

  /// The spec's root node, or the syntax error as the only problem.
  package static func root(_ bytes: [UInt8], file: String) -> Result<JSONNode, SpecProblems> {
    switch JSONParser.parse(bytes) {
    case .success(let node): return .success(node)
    case .failure(let error):
      return .failure(
        SpecProblems(problems: [SpecProblem(file: file, position: error.position, message: error.message)]))
    }
  }

  /// Parses `bytes` and reads the root with `body`; the syntax error, or every problem `body`
  /// reported, when there are any.
  package static func read<T>(_ bytes: [UInt8], file: String, _ body: (JSONNode, inout SpecReader) -> T) -> Result<
    T, SpecProblems
  > {
    switch root(bytes, file: file) {
    case .failure(let problems): return .failure(problems)
    case .success(let node):
      var reader = SpecReader(file: file)
      let value = body(node, &reader)
      return reader.result(value)
    }
  }

  package mutating func problem(_ node: JSONNode, _ message: String) {
    problems.append(SpecProblem(file: file, position: node.position, message: message))
  }

  /// An object's members by key; a member not in `allowed` is a problem at its key.
  package mutating func members(_ node: JSONNode, _ what: String, allowed: Set<String>) -> [String: JSONNode] {
    guard case .object(let list) = node.kind else {
      problem(node, "\(what) must be an object, not \(node.typeDescription)")
      return [:]
    }
    var out: [String: JSONNode] = [:]
    for member in list {
      if !allowed.contains(member.key) {
        problems.append(
          SpecProblem(
            file: file, position: member.keyPosition,
            message: "'\(member.key)' is not a member of \(what) (allowed: \(allowed.sorted().joined(separator: ", ")))"
          ))
      }
      out[member.key] = member.value
    }
    return out
  }

  /// A string member, or a problem saying what it must be.
  package mutating func string(_ node: JSONNode, _ what: String) -> String? {
    if case .string(let s) = node.kind { return s }
    problem(node, "\(what) must be a string")
    return nil
  }

  /// The value, or the problems when there are any.
  package func result<T>(_ value: T) -> Result<T, SpecProblems> {
    problems.isEmpty ? .success(value) : .failure(SpecProblems(problems: problems))
  }
}
