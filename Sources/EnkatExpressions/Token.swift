/// One lexical unit of an expression.
public struct Token: Equatable, Sendable {
  /// What kind of token this is.
  public enum Kind: Equatable, Sendable {
    case number(Double, literal: String)
    case string(String)
    case identifier(String)
    case keyword(Keyword)
    case symbol(Symbol)
    case end
  }

  /// Reserved words. They are lowercase; `AND` is an (unknown) identifier, with a hint.
  public enum Keyword: String, CaseIterable, Sendable {
    case and, or, not, `in`, contains, `true`, `false`
  }

  /// Operators and punctuation.
  public enum Symbol: String, CaseIterable, Sendable {
    case lessEqual = "<=", greaterEqual = ">=", notEqual = "!="
    case equal = "=", less = "<", greater = ">"
    case plus = "+", minus = "-", times = "*", divide = "/"
    case openParen = "(", closeParen = ")", comma = ","
  }

  public var kind: Kind
  public var range: SourceRange

  public init(_ kind: Kind, _ range: SourceRange) {
    self.kind = kind
    self.range = range
  }
}
