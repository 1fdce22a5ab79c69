extension StringProtocol {
  /// The text without leading and trailing spaces and tabs (Unicode space separators), as
  /// Foundation's `trimmingCharacters(in: .whitespaces)` gives it, without a bridge to NSString:
  /// the engine trims every reply and every replayed answer.
  var trimmingSpaces: String {
    let scalars = unicodeScalars
    func isSpace(_ s: Unicode.Scalar) -> Bool { s == "\t" || s.properties.generalCategory == .spaceSeparator }
    guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
    let last = scalars.lastIndex(where: { !isSpace($0) })!
    return String(String.UnicodeScalarView(scalars[first...last]))
  }
}
