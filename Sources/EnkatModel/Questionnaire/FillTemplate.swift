import Foundation

/// Text with fills: `{id}` inserts the value of an earlier answer or computed variable; `{{` and
/// `}}` stand for literal braces; any other brace is literal text.
public enum FillTemplate {
  /// A piece of a text.
  public enum Part: Equatable, Sendable {
    case literal(String)
    /// A fill: the variable's name and where the name stands, in Unicode scalars from the start.
    case fill(String, start: Int, end: Int)
  }

  /// The parts of `text`.
  public static func parts(of text: String) -> [Part] {
    let scalars = Array(text.unicodeScalars)
    var parts: [Part] = []
    var literal = String.UnicodeScalarView()
    var i = 0
    while i < scalars.count {
      let c = scalars[i]
      if (c == "{" || c == "}"), i + 1 < scalars.count, scalars[i + 1] == c {
        literal.append(c)
        i += 2
        continue
      }
      if c == "{", let close = scalars[(i + 1)...].firstIndex(of: "}"), close > i + 1,
        isIdentifier(scalars[(i + 1)..<close])
      {
        if !literal.isEmpty { parts.append(.literal(String(literal))) }
        literal = String.UnicodeScalarView()
        parts.append(.fill(String(String.UnicodeScalarView(scalars[(i + 1)..<close])), start: i + 1, end: close))
        i = close + 1
        continue
      }
      literal.append(c)
      i += 1
    }
    if !literal.isEmpty { parts.append(.literal(String(literal))) }
    return parts
  }

  /// `text` with each fill replaced by `value(name)`.
  public static func render(_ text: String, value: (String) -> String) -> String {
    guard text.contains("{") || text.contains("}") else { return text }
    return parts(of: text).map { part in
      switch part {
      case .literal(let s): return s
      case .fill(let name, _, _): return value(name)
      }
    }.joined()
  }

  /// An id, or an id with an iteration (`name[2]`).
  private static func isIdentifier(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
    var name = scalars
    if name.last == "]", let open = name.firstIndex(of: "[") {
      let digits = name[(open + 1)..<(name.endIndex - 1)]
      guard !digits.isEmpty, digits.allSatisfy({ ("0"..."9").contains($0) }) else { return false }
      name = name[..<open]
    }
    guard let first = name.first, first.properties.isAlphabetic, first.isASCII else { return false }
    return name.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
  }

  /// `text` with each fill's name replaced by `replacement(name)`, a piece of template text
  /// (literal text must have its braces doubled); nil keeps the fill.
  public static func replacingFills(in text: String, _ replacement: (String) -> String?) -> String {
    guard text.contains("{") else { return text }
    return parts(of: text).map { part in
      switch part {
      case .literal(let s): return escaped(s)
      case .fill(let name, _, _): return replacement(name) ?? "{\(name)}"
      }
    }.joined()
  }

  /// Literal text as template text: braces doubled.
  public static func escaped(_ literal: String) -> String {
    literal.replacingOccurrences(of: "{", with: "{{").replacingOccurrences(of: "}", with: "}}")
  }
}
