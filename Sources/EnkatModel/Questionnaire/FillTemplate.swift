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

  private static func isIdentifier(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
    guard let first = scalars.first, first.properties.isAlphabetic, first.isASCII else { return false }
    return scalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
  }
}
