import EnkatModel

/// What `enkat report` is to say (docs/analysis.md, "Reports"): a title, and findings — each a
/// share of a variable's values (for everyone or a subgroup) said as a sentence whose `{share}` is
/// its headline ("fyra av tio"), with a table and a chart, and, when asked, a comparison with the
/// previous wave.
public struct ReportSpec: Equatable, Sendable {
  public struct Finding: Equatable, Sendable {
    /// A variable or a multiple choice question.
    public var variable: String
    /// The codes whose share the sentence says (of a multiple choice: the options).
    public var values: [Int]
    /// A subgroup, in the questionnaire's expression language.
    public var condition: String?
    /// The sentence per language, with `{share}` where the headline goes.
    public var statement: [String: String]
    /// Whether to compare with the previous wave (when one is given).
    public var compare: Bool
    /// Of whom the share is: those who gave a valid answer (don't know, refused and not asked left
    /// out), or everyone in the (sub)group (they count as not having the values).
    public var base: Base
    /// Where the finding is in the spec, for messages.
    public var position: SourcePosition
  }

  /// Of whom a finding's share is.
  public enum Base: String, Equatable, Sendable {
    case valid, all
  }

  public var title: [String: String]
  public var findings: [Finding]

  /// A problem in the spec, and all of them (`file:line:column`).
  public typealias Problem = SpecProblem
  public typealias Problems = SpecProblems

  /// Reads a spec; every problem is reported with its place.
  public static func parse(_ bytes: [UInt8], file: String) -> Result<ReportSpec, Problems> {
    let root: JSONNode
    switch SpecReader.root(bytes, file: file) {
    case .success(let node): root = node
    case .failure(let problems): return .failure(problems)
    }
    var reader = SpecReader(file: file)
    func problem(_ node: JSONNode, _ message: String) { reader.problem(node, message) }
    func members(_ node: JSONNode, _ what: String, allowed: Set<String>) -> [String: JSONNode] {
      reader.members(node, what, allowed: allowed)
    }
    func texts(_ node: JSONNode?, _ what: String, parent: JSONNode) -> [String: String] {
      guard let node else {
        problem(parent, "\(what) is missing")
        return [:]
      }
      if case .string(let s) = node.kind { return ["": s] }
      guard case .object(let list) = node.kind else {
        problem(node, "\(what) must be a text, or an object of texts by language")
        return [:]
      }
      var out: [String: String] = [:]
      for member in list {
        guard case .string(let s) = member.value.kind else {
          problem(member.value, "\(what) in '\(member.key)' must be a string")
          continue
        }
        out[member.key] = s
      }
      return out
    }
    let top = members(root, "the report", allowed: ["title", "findings", "comment"])
    let title = texts(top["title"], "the title", parent: root)
    var findings: [Finding] = []
    if let list = top["findings"] {
      if case .array(let items) = list.kind {
        for item in items {
          let m = members(
            item, "a finding",
            allowed: ["variable", "value", "values", "where", "statement", "compare", "base", "comment"])
          var variable = ""
          if case .string(let v)? = m["variable"]?.kind {
            variable = v
          } else {
            problem(item, "a finding needs 'variable': a variable or question id")
          }
          var values: [Int] = []
          for node in [m["value"]].compactMap({ $0 })
            + (m["values"].flatMap { if case .array(let a) = $0.kind { a } else { nil } } ?? [])
          {
            if case .number(let n) = node.kind, let code = Int(n) {
              values.append(code)
            } else {
              problem(node, "a value must be a whole number (a code)")
            }
          }
          if values.isEmpty {
            problem(item, "a finding needs 'value' (a code) or 'values' (a list of codes) whose share it says")
          }
          var condition: String?
          if let w = m["where"] {
            if case .string(let s) = w.kind {
              condition = s
            } else {
              problem(w, "'where' must be a condition, as a string")
            }
          }
          let statement = texts(m["statement"], "the statement", parent: item)
          for (language, text) in statement where !text.contains("{share}") {
            problem(
              m["statement"] ?? item,
              "the statement\(language.isEmpty ? "" : " in '\(language)'") has no {share}: where does the headline go?")
          }
          var compare = false
          if let c = m["compare"] {
            if case .bool(let b) = c.kind { compare = b } else { problem(c, "'compare' must be true or false") }
          }
          var base = Base.valid
          if let b = m["base"] {
            if case .string(let text) = b.kind, let parsed = Base(rawValue: text) {
              base = parsed
            } else {
              problem(b, "'base' must be \"valid\" (those who answered) or \"all\" (everyone)")
            }
          }
          findings.append(
            Finding(
              variable: variable, values: values, condition: condition, statement: statement, compare: compare,
              base: base,
              position: item.position))
        }
      } else {
        problem(list, "'findings' must be an array")
      }
    } else {
      problem(root, "the report needs 'findings': a list of what it is to say")
    }
    return reader.result(ReportSpec(title: title, findings: findings))
  }
}

extension Dictionary where Key == String, Value == String {
  /// The text in `language`, else the one without a language, else the first.
  func text(in language: String) -> String {
    self[language] ?? self[""] ?? self.sorted { $0.key < $1.key }.first?.value ?? ""
  }
}
