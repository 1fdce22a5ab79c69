import EnkatExpressions
import EnkatModel

/// Why a reply was not accepted; the front end shows `message(in:)` and asks again.
public enum AnswerProblem: Error, Equatable, Sendable {
  case empty
  case notAnOption(String, codes: [Int])
  case ambiguousLabel(String, matches: [String])
  case notANumber(String)
  case tooManyDecimals(allowed: Int)
  case outOfRange(min: Double?, max: Double?)
  case notADate(String)
  /// Day numbers (see `CalendarDay`).
  case dateOutOfRange(min: Int?, max: Int?)
  case tooFewSelected(min: Int)
  case tooManySelected(max: Int)
  case tooLong(max: Int)
  case lineBreak
  case missingNotAllowed(MissingKind)
  case checkFailed(LocalizedText)
  /// A soft check warns; the interviewer may keep the answer with `/ok` or by entering it again.
  case checkWarning(LocalizedText)
  case nothingToConfirm
  /// An exclusive option ("none of these") was combined with others.
  case exclusiveOption(String)
  /// The answer would make a loop run more often than its `max`.
  case tooManyIterations(loop: String, max: Int)
  /// `/lang` with a language the questionnaire does not have (or none): the ones it has.
  case languages(requested: String?, available: [String])
  case unknownCommand(String, suggestion: String?)
  case atFirstQuestion
  case nothingToAnswer
  case endExpectsEnter

  /// The message for the interviewer, in Swedish for `sv` and in English otherwise (`Words`).
  public func message(in language: String) -> String {
    let words = Words(language: language)
    func range(_ v: Double?) -> String { v.map { Value.format($0) } ?? "" }
    switch self {
    case .empty: return words[.needsAnswer]
    case .notAnOption(let typed, let codes):
      return words(.notAnOption, typed, codes.map(String.init).joined(separator: ", "))
    case .ambiguousLabel(let typed, let matches): return words(.ambiguousLabel, typed, matches.joined(separator: " | "))
    case .notANumber(let typed): return words(.notANumber, typed)
    case .tooManyDecimals(let allowed):
      return allowed == 0 ? words[.enterWholeNumber] : words(.tooManyDecimals, allowed)
    case .outOfRange(let min, let max):
      switch (min, max) {
      case (.some, .some): return words(.between, range(min), range(max))
      case (.some, nil): return words(.atLeast, range(min))
      default: return words(.atMost, range(max))
      }
    case .notADate(let typed): return words(.notADate, typed)
    case .dateOutOfRange(let min, let max):
      let low = min.map(CalendarDay.format)
      let high = max.map(CalendarDay.format)
      switch (low, high) {
      case (let low?, let high?): return words(.dateBetween, low, high)
      case (let low?, nil): return words(.dateNotBefore, low)
      default: return words(.dateNotAfter, high ?? "")
      }
    case .tooFewSelected(let min): return words(min == 1 ? .tooFewSelectedOne : .tooFewSelected, min)
    case .tooManySelected(let max): return words(max == 1 ? .tooManySelectedOne : .tooManySelected, max)
    case .tooLong(let max): return words(.tooLong, max)
    case .tooManyIterations(let loop, let max): return words(.tooManyIterations, max, loop)
    case .lineBreak: return words[.lineBreak]
    case .missingNotAllowed(let kind): return words(.notAllowed, words[kind == .dontKnow ? .dontKnow : .refused])
    case .checkFailed(let text):
      return text.text(in: language)
    case .checkWarning(let text):
      // A message that already asks ("… Stämmer det?") is not asked again.
      let message = text.text(in: language)
      let asks = message.last(where: { !$0.isWhitespace }) == "?"
      return message + words[asks ? .keepAsking : .keepAskingQuestion]
    case .languages(let requested, let available):
      let list = available.joined(separator: ", ")
      guard let requested else { return words(.languagesList, list) }
      return words(.notInLanguage, requested, list)
    case .exclusiveOption(let label): return words(.exclusiveOption, label)
    case .nothingToConfirm: return words[.nothingToConfirm]
    case .unknownCommand(let typed, let suggestion):
      return words(.unknownCommand, typed, suggestion.map { words(.didYouMeanCommand, $0) } ?? "")
    case .atFirstQuestion: return words[.atFirstQuestion]
    case .nothingToAnswer: return words[.nothingToAnswer]
    case .endExpectsEnter: return words[.endExpectsEnter]
    }
  }
}
