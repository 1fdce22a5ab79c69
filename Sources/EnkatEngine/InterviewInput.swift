import EnkatExpressions
import Foundation

/// What the interviewer typed at a prompt: an answer, or a command.
public enum InterviewInput: Equatable, Sendable {
  case answer(String)
  case command(InterviewCommand)
  /// `/lang CODE`: continue in another of the questionnaire's languages (`/lang` alone lists them).
  case switchLanguage(String?)
  /// A line starting with `/` that is no command; `suggestion` is the closest command.
  case unknownCommand(String, suggestion: InterviewCommand?)

  /// Reads a line: `/back`, `/dk`, `/ref`, `/help`, `/pause`, `/stop` (and `<`, `?`) are
  /// commands; anything else is an answer.
  public init(parsing line: String) {
    let trimmed = line.trimmingSpaces
    let words = trimmed.split(separator: " ", omittingEmptySubsequences: true)
    if words.first?.lowercased() == "/lang", words.count <= 2 {
      self = .switchLanguage(words.count == 2 ? String(words[1]) : nil)
    } else if let command = InterviewCommand.allCases.first(where: { $0.spellings.contains(trimmed.lowercased()) }) {
      self = .command(command)
    } else if trimmed.hasPrefix("/") {
      let word = String(trimmed.dropFirst())
      let suggestion = InterviewCommand.allCases.min {
        EditDistance.distance(word, $0.name) < EditDistance.distance(word, $1.name)
      }.flatMap { EditDistance.distance(word, $0.name) <= 2 ? $0 : nil }
      self = .unknownCommand(trimmed, suggestion: suggestion)
    } else {
      self = .answer(line)
    }
  }
}

/// The commands an interviewer can give at every prompt.
public enum InterviewCommand: String, CaseIterable, Sendable {
  case back, dontKnow, refused, confirm, help, pause, stop

  /// The canonical spelling, without the slash.
  public var name: String {
    switch self {
    case .back: return "back"
    case .dontKnow: return "dk"
    case .refused: return "ref"
    case .confirm: return "ok"
    case .help: return "help"
    case .pause: return "pause"
    case .stop: return "stop"
    }
  }

  /// Everything that the interviewer may type for this command.
  public var spellings: [String] {
    switch self {
    case .back: return ["/back", "<"]
    case .help: return ["/help", "?"]
    default: return ["/" + name]
    }
  }
}
