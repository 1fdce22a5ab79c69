/// Parses expression text into an `Expression` tree.
///
/// Grammar, loosest binding first:
/// ```
/// or         := and ("or" and)*
/// and        := not ("and" not)*
/// not        := "not" not | comparison
/// comparison := additive (("=" | "!=" | "<" | "<=" | ">" | ">=") additive
///                         | "in" "(" additive ("," additive)* ")"
///                         | "contains" additive)?
/// additive   := term (("+" | "-") term)*
/// term       := unary (("*" | "/") unary)*
/// unary      := "-" unary | primary
/// primary    := number | string | "true" | "false" | name | name "(" arguments ")" | "(" or ")"
/// ```
/// Parsing stops at the first syntax error; problems from the lexer are reported with it.
public struct Parser {
  private var tokens: [Token]
  private var index = 0
  private var problems: [ExpressionProblem]
  private var depth = 0
  /// Nesting deeper than this is rejected, so hostile input cannot exhaust the stack.
  public static let maximumDepth = 64

  private init(_ text: String) {
    var lexer = Lexer(text)
    tokens = lexer.tokenize()
    problems = lexer.problems
  }

  /// Parses `text`; on failure returns every problem found, in source order.
  public static func parse(_ text: String) -> Result<Expression, ParseFailure> {
    var parser = Parser(text)
    do throws(ExpressionProblem) {
      let expression = try parser.parseOr()
      if case .end = parser.current.kind {
      } else {
        throw parser.unexpected("expected an operator or the end of the expression")
      }
      if !parser.problems.isEmpty { return .failure(ParseFailure(problems: parser.problems)) }
      return .success(expression)
    } catch {
      let all = parser.problems + [error]
      return .failure(ParseFailure(problems: all.sorted { $0.range.start < $1.range.start }))
    }
  }

  private var current: Token { tokens[index] }
  private mutating func advance() -> Token {
    let token = tokens[index]
    if index < tokens.count - 1 { index += 1 }
    return token
  }

  private mutating func descend() throws(ExpressionProblem) {
    depth += 1
    if depth > Self.maximumDepth {
      throw ExpressionProblem(
        "E104", "expression nested too deeply", at: current.range,
        hint: "split it or remove parentheses (at most \(Self.maximumDepth) levels)")
    }
  }

  private mutating func parseOr() throws(ExpressionProblem) -> Expression {
    try descend()
    defer { depth -= 1 }
    var left = try parseAnd()
    while case .keyword(.or) = current.kind {
      _ = advance()
      let right = try parseAnd()
      left = .logical(.or, left, right, left.range.union(right.range))
    }
    return left
  }

  private mutating func parseAnd() throws(ExpressionProblem) -> Expression {
    var left = try parseNot()
    while case .keyword(.and) = current.kind {
      _ = advance()
      let right = try parseNot()
      left = .logical(.and, left, right, left.range.union(right.range))
    }
    return left
  }

  private mutating func parseNot() throws(ExpressionProblem) -> Expression {
    if case .keyword(.not) = current.kind {
      let start = advance().range
      try descend()
      defer { depth -= 1 }
      let operand = try parseNot()
      return .not(operand, start.union(operand.range))
    }
    return try parseComparison()
  }

  private mutating func parseComparison() throws(ExpressionProblem) -> Expression {
    let left = try parseAdditive()
    switch current.kind {
    case .symbol(let s):
      let operators: [Token.Symbol: ComparisonOperator] = [
        .equal: .equal, .notEqual: .notEqual, .less: .less, .lessEqual: .lessEqual,
        .greater: .greater, .greaterEqual: .greaterEqual,
      ]
      guard let op = operators[s] else { return left }
      _ = advance()
      let right = try parseAdditive()
      return .comparison(op, left, right, left.range.union(right.range))
    case .keyword(.in):
      _ = advance()
      try expect(.openParen, "expected '(' after 'in', as in: area in (1, 2)")
      var items = [try parseAdditive()]
      while case .symbol(.comma) = current.kind {
        _ = advance()
        items.append(try parseAdditive())
      }
      let close = current.range
      try expect(.closeParen, "expected ',' or ')' in the list after 'in'")
      return .membership(left, items, left.range.union(close))
    case .keyword(.contains):
      _ = advance()
      let right = try parseAdditive()
      return .contains(left, right, left.range.union(right.range))
    default:
      return left
    }
  }

  private mutating func parseAdditive() throws(ExpressionProblem) -> Expression {
    var left = try parseTerm()
    while case .symbol(let s) = current.kind, s == .plus || s == .minus {
      _ = advance()
      let right = try parseTerm()
      left = .arithmetic(s == .plus ? .add : .subtract, left, right, left.range.union(right.range))
    }
    return left
  }

  private mutating func parseTerm() throws(ExpressionProblem) -> Expression {
    var left = try parseUnary()
    while case .symbol(let s) = current.kind, s == .times || s == .divide {
      _ = advance()
      let right = try parseUnary()
      left = .arithmetic(
        s == .times ? .multiply : .divide, left, right, left.range.union(right.range))
    }
    return left
  }

  private mutating func parseUnary() throws(ExpressionProblem) -> Expression {
    if case .symbol(.minus) = current.kind {
      let start = advance().range
      try descend()
      defer { depth -= 1 }
      let operand = try parseUnary()
      return .negate(operand, start.union(operand.range))
    }
    return try parsePrimary()
  }

  private mutating func parsePrimary() throws(ExpressionProblem) -> Expression {
    let token = current
    switch token.kind {
    case .number(let value, _):
      _ = advance()
      return .number(value, token.range)
    case .string(let value):
      _ = advance()
      return .text(value, token.range)
    case .keyword(.true), .keyword(.false):
      _ = advance()
      return .boolean(token.kind == .keyword(.true), token.range)
    case .identifier(let name):
      _ = advance()
      if let keyword = Token.Keyword(rawValue: name.lowercased()), !Self.isCall(current) {
        if keyword != .true && keyword != .false {
          throw ExpressionProblem(
            "E105", "'\(name)' is not a keyword", at: token.range,
            hint: "keywords are lowercase: write '\(keyword.rawValue)'")
        }
      }
      guard Self.isCall(current) else { return .variable(name, token.range) }
      _ = advance()
      var arguments: [Expression] = []
      if case .symbol(.closeParen) = current.kind {
      } else {
        arguments.append(try parseOr())
        while case .symbol(.comma) = current.kind {
          _ = advance()
          arguments.append(try parseOr())
        }
      }
      let close = current.range
      try expect(.closeParen, "expected ',' or ')' after the arguments of '\(name)'")
      return .call(name, arguments, token.range.union(close))
    case .symbol(.openParen):
      _ = advance()
      let inner = try parseOr()
      try expect(.closeParen, "expected ')' to close the '(' opened", related: token.range)
      return inner
    case .end:
      throw ExpressionProblem(
        "E106", "the expression ends too early", at: token.range,
        hint: "complete it with a value, a question id or a parenthesised expression")
    default:
      throw unexpected("expected a value, a question id or '('")
    }
  }

  private static func isCall(_ token: Token) -> Bool {
    if case .symbol(.openParen) = token.kind { return true }
    return false
  }

  private mutating func expect(_ symbol: Token.Symbol, _ message: String, related: SourceRange? = nil)
    throws(ExpressionProblem)
  {
    guard case .symbol(let s) = current.kind, s == symbol else {
      var problem = unexpected(message)
      problem.related = related
      throw problem
    }
    _ = advance()
  }

  private func unexpected(_ message: String) -> ExpressionProblem {
    let token = current
    if case .end = token.kind {
      return ExpressionProblem("E106", "the expression ends too early: \(message)", at: token.range)
    }
    if case .identifier(let name) = token.kind, let keyword = Token.Keyword(rawValue: name.lowercased()) {
      return ExpressionProblem(
        "E105", "'\(name)' is not a keyword", at: token.range,
        hint: "keywords are lowercase: write '\(keyword.rawValue)'")
    }
    return ExpressionProblem("E107", "unexpected \(Self.describe(token)): \(message)", at: token.range)
  }

  private static func describe(_ token: Token) -> String {
    switch token.kind {
    case .number(_, let literal): return "number \(literal)"
    case .string(let s): return "string '\(s)'"
    case .identifier(let name): return "name '\(name)'"
    case .keyword(let k): return "'\(k.rawValue)'"
    case .symbol(let s): return "'\(s.rawValue)'"
    case .end: return "end of expression"
    }
  }
}

/// All problems that stopped an expression from parsing.
public struct ParseFailure: Error, Equatable, Sendable {
  public var problems: [ExpressionProblem]
}
