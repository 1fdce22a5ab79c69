/// Splits expression text into tokens, with the range of each.
///
/// The lexer never fails part way: an unexpected character becomes a problem and is skipped,
/// so the parser still sees the rest and all problems are reported together.
public struct Lexer {
  private let scalars: [Unicode.Scalar]
  private var position = 0
  public private(set) var problems: [ExpressionProblem] = []

  public init(_ text: String) {
    scalars = Array(text.unicodeScalars)
  }

  /// All tokens of the text, ending with one `.end` token.
  public mutating func tokenize() -> [Token] {
    var tokens: [Token] = []
    while true {
      let token = next()
      tokens.append(token)
      if token.kind == .end { return tokens }
    }
  }

  private mutating func next() -> Token {
    while true {
      while position < scalars.count, scalars[position].properties.isWhitespace { position += 1 }
      guard position < scalars.count else { return Token(.end, SourceRange(position, position)) }
      let start = position
      let c = scalars[position]
      if c.isASCIIDigit || (c == "." && peek(1)?.isASCIIDigit == true) { return number(from: start) }
      if c == "'" || c == "\"" { return string(from: start, quote: c) }
      if c.isIdentifierStart { return word(from: start) }
      if let token = symbol(from: start) { return token }
      // A run of unexpected characters was skipped and reported once; go on after it.
    }
  }

  /// Whether a token can start at `i` (or there is whitespace): where a run of bad characters ends.
  private func startsToken(at i: Int) -> Bool {
    let c = scalars[i]
    if c == "." { return i + 1 < scalars.count && scalars[i + 1].isASCIIDigit }
    return c.properties.isWhitespace || c.isASCIIDigit || c == "'" || c == "\"" || c.isIdentifierStart
      || Token.Symbol(rawValue: String(c)) != nil || c == "=" || c == "<" || c == "&" || c == "|"
  }

  private func peek(_ ahead: Int) -> Unicode.Scalar? {
    position + ahead < scalars.count ? scalars[position + ahead] : nil
  }

  private mutating func number(from start: Int) -> Token {
    while position < scalars.count, scalars[position].isASCIIDigit { position += 1 }
    if position < scalars.count, scalars[position] == ".", peek(1)?.isASCIIDigit == true {
      position += 1
      while position < scalars.count, scalars[position].isASCIIDigit { position += 1 }
    }
    let literal = String(String.UnicodeScalarView(scalars[start..<position]))
    return Token(.number(Double(literal) ?? 0, literal: literal), SourceRange(start, position))
  }

  private mutating func string(from start: Int, quote: Unicode.Scalar) -> Token {
    position += 1
    var value = String.UnicodeScalarView()
    while position < scalars.count, scalars[position] != quote {
      if scalars[position] == "\\", position + 1 < scalars.count {
        position += 1
      }
      value.append(scalars[position])
      position += 1
    }
    if position >= scalars.count {
      problems.append(
        ExpressionProblem(
          "E101", "unterminated string", at: SourceRange(start, position),
          hint: "close the string with \(quote)"))
    } else {
      position += 1
    }
    return Token(.string(String(value)), SourceRange(start, position))
  }

  private mutating func word(from start: Int) -> Token {
    while position < scalars.count, scalars[position].isIdentifierContinue { position += 1 }
    // `age[2]`: one iteration of a question asked in a loop.
    if position < scalars.count, scalars[position] == "[" {
      var end = position + 1
      while end < scalars.count, ("0"..."9").contains(scalars[end]) { end += 1 }
      if end > position + 1, end < scalars.count, scalars[end] == "]" { position = end + 1 }
    }
    let text = String(String.UnicodeScalarView(scalars[start..<position]))
    let range = SourceRange(start, position)
    if let keyword = Token.Keyword(rawValue: text) { return Token(.keyword(keyword), range) }
    return Token(.identifier(text), range)
  }

  /// The operator or punctuation at `start`; nil after reporting a run of unexpected characters.
  private mutating func symbol(from start: Int) -> Token? {
    let two = position + 1 < scalars.count ? "\(scalars[position])\(scalars[position + 1])" : ""
    let lookalikes: [String: String] = ["==": "=", "<>": "!=", "&&": "and", "||": "or"]
    if let spelling = lookalikes[two] {
      position += 2
      problems.append(
        ExpressionProblem(
          "E102", "'\(two)' is not an operator", at: SourceRange(start, position),
          hint: "write '\(spelling)'"))
      let replacement =
        Token.Symbol(rawValue: spelling).map(Token.Kind.symbol)
        ?? Token.Keyword(rawValue: spelling).map(Token.Kind.keyword) ?? .end
      return Token(replacement, SourceRange(start, position))
    }
    if let symbol = Token.Symbol(rawValue: two) {
      position += 2
      return Token(.symbol(symbol), SourceRange(start, position))
    }
    if let symbol = Token.Symbol(rawValue: String(scalars[position])) {
      position += 1
      return Token(.symbol(symbol), SourceRange(start, position))
    }
    let bad = scalars[position]
    position += 1
    while position < scalars.count, !startsToken(at: position) { position += 1 }
    let run = String(String.UnicodeScalarView(scalars[start..<min(position, start + 20)]))
    let count = position - start
    problems.append(
      ExpressionProblem(
        "E103",
        count == 1
          ? "unexpected character '\(bad)'"
          : "\(count) unexpected characters '\(run)\(count > 20 ? "…" : "")'",
        at: SourceRange(start, position),
        hint: bad == "!" && count == 1 ? "write 'not' for negation" : nil))
    return nil
  }
}

extension Unicode.Scalar {
  var isASCIIDigit: Bool { ("0"..."9").contains(self) }
  var isIdentifierStart: Bool {
    ("a"..."z").contains(self) || ("A"..."Z").contains(self) || self == "_"
  }
  var isIdentifierContinue: Bool { isIdentifierStart || isASCIIDigit }
}
