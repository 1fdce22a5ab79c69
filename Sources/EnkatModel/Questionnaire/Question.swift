import EnkatExpressions

/// One question: what is asked, what kind of answer it takes, when it is asked, and its checks.
public struct Question: Equatable, Sendable {
  public var id: String
  public var kind: QuestionKind
  public var text: LocalizedText
  /// Said to the interviewer, never read out.
  public var instruction: LocalizedText?
  /// Whether an empty answer is refused. Display questions are never required.
  public var required: Bool
  /// Which missing codes the interviewer may record here.
  public var allowedMissing: [MissingKind]
  /// The question's own condition; the section's condition applies as well.
  public var askIf: Condition?
  public var checks: [Check]
  /// The order of the options of a choice question.
  public var optionOrder: OptionOrder = .asWritten
  /// For an item of a grid: the grid's shared question text, shown above the item's text.
  public var stem: LocalizedText? = nil
  /// For a question of a loop as asked (`Questionnaire.instances`): its iteration.
  public var iteration: Iteration? = nil
  /// For the text follow-up of an "other, specify" option (`ID_other`): that option.
  public var specifies: OptionReference? = nil
  /// For the questions of a section with `questionOrder` or the items of a grid with `itemOrder`:
  /// the block whose questions are shown in a random order per case.
  public var block: RandomizedBlock? = nil

  /// Whether the question takes an answer at all.
  public var takesAnswer: Bool {
    switch kind {
    case .display, .computed: return false
    default: return true
    }
  }

  /// Whether the item is ever shown (computed variables are not).
  public var isShown: Bool {
    if case .computed = kind { return false }
    return true
  }

  /// Whether expressions can read it: an answer or a computed value.
  public var isVariable: Bool {
    if case .computed = kind { return true }
    return takesAnswer
  }

  /// The options of a choice question, empty otherwise.
  public var choices: [Choice] { kind.choices }
}

/// The kind of answer a question takes.
public enum QuestionKind: Equatable, Sendable {
  case singleChoice([Choice])
  case multipleChoice([Choice], MultipleChoiceLimits)
  case scale(Scale)
  case number(NumberRange)
  case text(maxLength: Int?)
  /// A calendar date, typed as `YYYY-MM-DD`.
  case date(DateRange)
  /// Text shown (and read out) with no answer: an introduction or a transition.
  case display
  /// A value derived from earlier answers, never shown: `expression` and its type.
  case computed(Condition, ExpressionType)

  /// The options of a choice question, empty otherwise.
  public var choices: [Choice] {
    switch self {
    case .singleChoice(let c), .multipleChoice(let c, _): return c
    default: return []
    }
  }

  /// The name used for the kind in the JSON `type` field.
  public var typeName: String {
    switch self {
    case .singleChoice: return "singleChoice"
    case .multipleChoice: return "multipleChoice"
    case .scale: return "scale"
    case .number: return "number"
    case .text: return "text"
    case .date: return "date"
    case .display: return "display"
    case .computed: return "computed"
    }
  }
}

/// An answer option with its explicit numeric code.
public struct Choice: Equatable, Sendable {
  public var code: Int
  public var label: LocalizedText
  /// The option is offered only when this holds over earlier answers.
  public var showIf: Condition? = nil
  /// In a multiple choice: the option cannot be combined with others ("none of these").
  public var exclusive = false
  /// The option keeps its place when the options are shuffled or rotated ("other", "none").
  public var fixed = false
}

/// The order in which a choice question's options are shown.
public enum OptionOrder: String, CaseIterable, Sendable {
  /// As written in the questionnaire.
  case asWritten
  /// In a random order per case (options marked `fixed` keep their place).
  case shuffle
  /// Cyclically rotated from a random start per case (options marked `fixed` keep their place).
  case rotate
}

/// Questions asked in a shuffled or rotated order per case: a section's or a grid's items.
public struct RandomizedBlock: Equatable, Sendable {
  /// The section's or grid's id (`id[2]` in a loop's iteration).
  public var id: String
  public var order: OptionOrder

  public init(id: String, order: OptionOrder) {
    self.id = id
    self.order = order
  }
}

/// How many options a multiple-choice answer may hold.
public struct MultipleChoiceLimits: Equatable, Sendable {
  public var minSelected: Int
  public var maxSelected: Int?
}

/// A rating scale of whole numbers from `min` to `max`, with labelled ends.
public struct Scale: Equatable, Sendable {
  public var min: Int
  public var max: Int
  public var minLabel: LocalizedText
  public var maxLabel: LocalizedText
}

/// The allowed dates of a date question, as day numbers (see `CalendarDay`).
public struct DateRange: Equatable, Sendable {
  public var min: Int?
  public var max: Int?

  public init(min: Int?, max: Int?) {
    self.min = min
    self.max = max
  }
}

/// The allowed values of a number question.
public struct NumberRange: Equatable, Sendable {
  public var min: Double?
  public var max: Double?
  /// Digits allowed after the decimal point; 0 means whole numbers only.
  public var decimals: Int
}

/// One option of one question.
public struct OptionReference: Equatable, Sendable {
  public var questionID: String
  public var code: Int

  public init(questionID: String, code: Int) {
    self.questionID = questionID
    self.code = code
  }
}
