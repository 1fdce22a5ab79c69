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
    lines.append(emphasis(prompt.text))
    if let instruction = prompt.instruction {
      lines.append("  [\(words.interviewer): \(instruction)]")
    }
    switch prompt.kind {
    case .singleChoice, .multipleChoice:
      let codeWidth = prompt.options.map { String($0.code).count }.max() ?? 1
      for option in prompt.options {
        let code = String(option.code)
        lines.append("    " + String(repeating: " ", count: codeWidth - code.count) + code + "  " + option.label)
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
    case .display:
      lines.append("  " + words.pressEnter)
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
  public func problem(_ problem: AnswerProblem) -> String { "  ! " + problem.message(in: language) + "\n" }

  public var help: String { words.help + "\n" }
  public var confirmEnd: String { "\n" + words.confirmEnd + "\n" }
  public var interrupted: String { words.interruptedNote + "\n" }

  private func emphasis(_ s: String) -> String { bold ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
}
