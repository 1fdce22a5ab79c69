import EnkatModel

/// Everything a front end needs to show one question, already in the interview language.
public struct Prompt: Equatable, Sendable {
  /// An option as shown: code and label.
  public struct Option: Equatable, Sendable {
    public var code: Int
    public var label: String
  }

  /// A missing code the interviewer may record here, with the command that records it.
  public struct MissingOption: Equatable, Sendable {
    public var kind: MissingKind
    public var label: String
    public var command: String
  }

  public var questionID: String
  public var sectionTitle: String
  /// For an item of a grid: the grid's shared text, shown above the item.
  public var stem: String?
  public var text: String
  public var instruction: String?
  public var kind: QuestionKind
  public var options: [Option]
  public var missingOptions: [MissingOption]
  public var required: Bool
  /// The response already recorded (when going back), as shown; Enter keeps it.
  public var currentAnswer: String?
  /// 1-based position of this question on the route so far.
  public var position: Int
  /// Questions on the route as far as the answers so far decide it.
  public var routeLength: Int

  /// Words TAB completes at this prompt: option labels, missing labels, commands.
  public var completions: [String] {
    var words = options.map(\.label)
    words += missingOptions.map(\.label)
    words += InterviewCommand.allCases.map { "/" + $0.name }
    return words
  }

  /// Whether several options can be typed, separated by commas (completion then works per item).
  public var acceptsList: Bool {
    if case .multipleChoice = kind { return true }
    return false
  }
}
