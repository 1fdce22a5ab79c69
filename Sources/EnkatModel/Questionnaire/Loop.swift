import EnkatExpressions

/// How often a loop section repeats its questions: a roster over household members, or a
/// follow-up for each reason chosen.
///
/// Inside the loop, the section's id names the iteration: in expressions it is the iteration
/// number (`times`) or the member's code (`forEach`); in texts `{id}` shows the number or the
/// member's label. Each iteration's answers are stored under the question id with the iteration
/// key: `age[2]`, `why[3]`.
public struct Loop: Equatable, Sendable {
  /// What the loop runs over.
  public enum Count: Equatable, Sendable {
    /// As many times as the number `expression` gives (1, 2, …), at most `max`.
    case times(Condition, max: Int)
    /// Once for each option chosen at a multiple-choice question, keyed by the option's code.
    case forEach(questionID: String, choices: [Choice])
  }

  public var count: Count

  /// The keys of the iterations there can be, in interview order.
  public var keys: [Int] {
    switch count {
    case .times(_, let max): return max >= 1 ? Array(1...max) : []
    case .forEach(_, let choices): return choices.map(\.code)
    }
  }

  /// The most iterations the loop can run.
  public var maxIterations: Int { keys.count }
}

/// Which iteration of which loop a question belongs to.
public struct Iteration: Equatable, Sendable {
  /// The id of the loop section.
  public var loopID: String
  /// The iteration number (`times`) or the member's code (`forEach`).
  public var key: Int
  /// The question's id as written (without the iteration).
  public var baseID: String
  /// The loop section's title for this iteration, its fills resolved to this iteration.
  public var sectionTitle: LocalizedText

  /// The id of question `baseID` in iteration `key`: `age[2]`.
  public static func instanceID(_ baseID: String, _ key: Int) -> String { "\(baseID)[\(key)]" }

  /// The question id and iteration key of an instance id such as `age[2]`, or nil for a plain id.
  public static func split(_ id: String) -> (baseID: String, key: Int)? {
    guard id.hasSuffix("]"), let open = id.firstIndex(of: "["),
      let key = Int(id[id.index(after: open)..<id.index(before: id.endIndex)])
    else { return nil }
    return (String(id[..<open]), key)
  }
}
