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
    if let position, let line = source?.line(position.line) {
      let number = String(position.line)
      let gutter = String(repeating: " ", count: number.count)
      let lead = String(line.unicodeScalars.prefix(position.column - 1).map { $0 == "\t" ? "\t" : " " })
      let available = max(1, line.unicodeScalars.count - (position.column - 1))
      let marks = String(repeating: "^", count: min(length, available))
      out += "\n \(cyan)\(number) |\(reset) \(line)"
      out += "\n \(gutter) \(cyan)|\(reset) \(lead)\(tint)\(marks)\(reset)"
      if let hint { out += " \(hint)" }
    } else if let hint {
      out += "\n  hint: \(hint)"
    }
    return out
  }
}
