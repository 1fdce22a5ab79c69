/// Where an evaluation finds the value of a variable (an earlier answer).
///
/// The engine implements this over the answers of one interview; tests use a dictionary.
public protocol AnswerLookup {
  /// The current value of `name`; `.missing(.notAsked)` when there is none.
  func value(of name: String) -> Value
}

extension Dictionary: AnswerLookup where Key == String, Value == EnkatExpressions.Value {
  public func value(of name: String) -> EnkatExpressions.Value {
    self[name] ?? .missing(.notAsked)
  }
}
