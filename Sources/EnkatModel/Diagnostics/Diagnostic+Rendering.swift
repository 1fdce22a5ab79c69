extension Diagnostic {
  /// The diagnostic as a compiler prints it: the location line, the source line with the place
  /// underlined, and the hint.
  ///
  /// ```
  /// Questionnaires/x.json:41:23: error[E110]: unknown question 'agee' in the condition of 'school'
  ///    41 |     "askIf": "agee >= 18",
  ///       |               ^^^^ did you mean 'age'?
  /// ```
  public func rendered(source: SourceText?, color: Bool = false) -> String {
    let file = source?.file ?? "<input>"
    let location = position.map { "\(file):\($0.line):\($0.column)" } ?? file
    let (red, yellow, bold, cyan, reset) =
      color ? ("\u{1B}[31m", "\u{1B}[33m", "\u{1B}[1m", "\u{1B}[36m", "\u{1B}[0m") : ("", "", "", "", "")
    let tint = severity == .error ? red : yellow
    var subject = ""
    if let questionID, !message.contains("'\(questionID)'") { subject = " (in '\(questionID)')" }
    var out = "\(bold)\(location): \(tint)\(severity.rawValue)[\(code)]\(reset)\(bold): \(message)\(subject)\(reset)"
    if let position, let (line, column) = source?.line(position.line).map({ Self.clip($0, around: position.column) }) {
      let number = String(position.line)
      let gutter = String(repeating: " ", count: number.count)
      let lead = String(line.unicodeScalars.prefix(column - 1).map { $0 == "\t" ? "\t" : " " })
      let available = max(1, line.unicodeScalars.count - (column - 1))
      let marks = String(repeating: "^", count: min(length, available))
      out += "\n \(cyan)\(number) |\(reset) \(line)"
      out += "\n \(gutter) \(cyan)|\(reset) \(lead)\(tint)\(marks)\(reset)"
      if let hint { out += " \(hint)" }
    } else if let hint {
      out += "\n  hint: \(hint)"
    }
    return out
  }

  /// The widest source line echoed: a longer one (a minified file is one line) is cut to a window
  /// around the column, marked with … at the cut ends.
  static let echoedWidth = 120

  /// `line` cut to at most `echoedWidth` characters around `column`, and the column in the cut.
  static func clip(_ line: String, around column: Int) -> (String, Int) {
    let scalars = Array(line.unicodeScalars)
    guard scalars.count > echoedWidth else { return (line, column) }
    let start = max(0, min(column - 1 - echoedWidth / 3, scalars.count - echoedWidth))
    let end = min(scalars.count, start + echoedWidth)
    var text = String.UnicodeScalarView(scalars[start..<end])
    var shifted = column - start
    if start > 0 {
      text.insert("…", at: text.startIndex)
      shifted += 1
    }
    if end < scalars.count { text.append("…") }
    return (String(text), shifted)
  }
}
