import EnkatEngine
import EnkatExpressions
import EnkatModel

/// Renders engine prompts as text for a terminal. Pure: it returns strings.
public struct PromptRenderer: Sendable {
  public let language: String
  public let bold: Bool
  public let width: Int

  public init(language: String, bold: Bool, width: Int = 72) {
    self.language = language
    self.bold = bold
    self.width = width
  }

  private var words: TerminalText { TerminalText(language: language) }

  /// The screen for a question, up to (not including) the input line.
  public func render(_ prompt: Prompt) -> String {
    var lines: [String] = [""]
    let progress = "\(prompt.position)/\(prompt.routeLength)"
    let title = "── \(prompt.sectionTitle) "
    let fill = max(3, width - title.count - progress.count - 1)
    lines.append(title + String(repeating: "─", count: fill) + " " + progress)
    if let stem = prompt.stem {
      lines += Self.wrap(stem, width: width)
      lines += Self.wrap(prompt.text, width: width, indent: "  › ", hanging: "    ").map(emphasis)
    } else {
      lines += Self.wrap(prompt.text, width: width).map(emphasis)
    }
    if let instruction = prompt.instruction {
      lines += Self.wrap("[\(words.interviewer): \(instruction)]", width: width, indent: "  ", hanging: "   ")
    }
    switch prompt.kind {
    case .singleChoice, .multipleChoice:
      let codeWidth = prompt.options.map { String($0.code).count }.max() ?? 1
      for option in prompt.options {
        let code = String(option.code)
        let lead = "    " + String(repeating: " ", count: codeWidth - code.count) + code + "  "
        lines += Self.wrap(option.label, width: width, indent: lead, hanging: String(repeating: " ", count: lead.count))
      }
      if prompt.acceptsList { lines.append("  " + words.multipleHint) }
    case .scale(let s):
      lines.append("  " + words.scale(s.min, s.minLabel.text(in: language), s.max, s.maxLabel.text(in: language)))
    case .number(let range):
      let bounds = [range.min, range.max].map { $0.map { Value.format($0) } ?? "" }
      let text = bounds == ["", ""] ? "" : "\(bounds[0])–\(bounds[1])"
      lines.append("  " + words.number(text, decimals: range.decimals))
    case .text:
      lines.append("  " + words.openAnswer)
    case .date(let range):
      let bounds = [range.min, range.max].map { $0.map(CalendarDay.format) ?? "" }
      lines.append("  " + words.date(bounds == ["", ""] ? "" : "\(bounds[0])–\(bounds[1])"))
    case .display:
      lines.append("  " + words.pressEnter)
    case .computed:
      break  // never asked
    }
    if prompt.kind != .display {
      let missing = prompt.missingOptions.map { "\($0.command) \($0.label)" }
      lines.append("  " + (missing + [words.commandsLine]).joined(separator: " · "))
      if !prompt.required { lines.append("  " + words.optional) }
    }
    if let current = prompt.currentAnswer {
      lines.append("  \(words.current): \(current) — \(words.keepCurrent)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The short readline prompt: the question id.
  public func inputPrompt(_ prompt: Prompt) -> String { "\(prompt.questionID)> " }

  /// A refused reply's message.
  public func problem(_ problem: AnswerProblem) -> String {
    Self.wrap(problem.message(in: language), width: width, indent: "  ! ", hanging: "    ").joined(separator: "\n")
      + "\n"
  }

  /// Breaks `text` into lines of at most `width` characters at spaces; the first line starts with
  /// `indent`, the others with `hanging`. A word longer than a line stands alone on its line.
  public static func wrap(_ text: String, width: Int, indent: String = "", hanging: String = "") -> [String] {
    var lines: [String] = []
    var line = indent
    var lineHasWord = false
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      if lineHasWord && line.count + 1 + word.count > width {
        lines.append(line)
        line = hanging
        lineHasWord = false
      }
      line += (lineHasWord ? " " : "") + word
      lineHasWord = true
    }
    lines.append(line)
    return lines
  }

  public var help: String { words.help + "\n" }
  public var confirmEnd: String { "\n" + words.confirmEnd + "\n" }
  public var interrupted: String { words.interruptedNote + "\n" }

  private func emphasis(_ s: String) -> String { bold ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
}
