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

  /// The message for the interviewer, in Swedish for `sv` and in English otherwise.
  public func message(in language: String) -> String {
    let sv = language == "sv"
    func range(_ v: Double?) -> String { v.map { Value.format($0) } ?? "" }
    switch self {
    case .empty:
      return sv ? "Frågan måste besvaras (eller /dk, /ref)." : "This question needs an answer (or /dk, /ref)."
    case .notAnOption(let typed, let codes):
      let list = codes.map(String.init).joined(separator: ", ")
      return sv
        ? "”\(typed)” är inget svarsalternativ. Skriv en kod (\(list)) eller ett alternativ (TAB kompletterar)."
        : "“\(typed)” is not an option. Type a code (\(list)) or an option label (TAB completes)."
    case .ambiguousLabel(let typed, let matches):
      let list = matches.joined(separator: " | ")
      return sv
        ? "”\(typed)” passar flera alternativ: \(list). Skriv mer eller koden."
        : "“\(typed)” matches several options: \(list). Type more, or the code."
    case .notANumber(let typed):
      return sv ? "”\(typed)” är inget tal." : "“\(typed)” is not a number."
    case .tooManyDecimals(let allowed):
      if allowed == 0 { return sv ? "Ange ett heltal." : "Enter a whole number." }
      return sv ? "Högst \(allowed) decimaler." : "At most \(allowed) decimals."
    case .outOfRange(let min, let max):
      switch (min, max) {
      case (.some, .some):
        return sv
          ? "Svaret måste ligga mellan \(range(min)) och \(range(max))."
          : "The answer must be between \(range(min)) and \(range(max))."
      case (.some, nil):
        return sv ? "Svaret måste vara minst \(range(min))." : "The answer must be at least \(range(min))."
      default: return sv ? "Svaret får vara högst \(range(max))." : "The answer must be at most \(range(max))."
      }
    case .notADate(let typed):
      return sv
        ? "”\(typed)” är inget datum. Skriv ÅÅÅÅ-MM-DD, till exempel 1984-03-07."
        : "“\(typed)” is not a date. Type YYYY-MM-DD, for example 1984-03-07."
    case .dateOutOfRange(let min, let max):
      let low = min.map(CalendarDay.format)
      let high = max.map(CalendarDay.format)
      switch (low, high) {
      case (let low?, let high?):
        return sv ? "Datumet måste ligga mellan \(low) och \(high)." : "The date must be between \(low) and \(high)."
      case (let low?, nil): return sv ? "Datumet får inte vara före \(low)." : "The date cannot be before \(low)."
      default: return sv ? "Datumet får inte vara efter \(high ?? "")." : "The date cannot be after \(high ?? "")."
      }
    case .tooFewSelected(let min):
      return sv ? "Välj minst \(min) alternativ." : "Choose at least \(min) option\(min == 1 ? "" : "s")."
    case .tooManySelected(let max):
      return sv ? "Välj högst \(max) alternativ." : "Choose at most \(max) option\(max == 1 ? "" : "s")."
    case .tooLong(let max):
      return sv ? "Svaret får vara högst \(max) tecken." : "The answer can be at most \(max) characters."
    case .tooManyIterations(let loop, let max):
      return sv
        ? "Svaret skulle kräva fler än \(max) varv i slingan ”\(loop)”; frågeformuläret tillåter högst \(max)."
        : "The answer would need more than \(max) rounds of the loop “\(loop)”; the questionnaire allows at most \(max)."
    case .lineBreak:
      return sv ? "Svaret får inte innehålla radbrytningar." : "The answer cannot contain line breaks."
    case .missingNotAllowed(let kind):
      let what = kind == .dontKnow ? (sv ? "Vet ej" : "Don't know") : (sv ? "Vill inte svara" : "Refused")
      return sv ? "\(what) är inte tillåtet på den här frågan." : "\(what) is not allowed for this question."
    case .checkFailed(let text):
      return text.text(in: language)
    case .checkWarning(let text):
      // A message that already asks ("… Stämmer det?") is not asked again.
      let message = text.text(in: language)
      let asks = message.last(where: { !$0.isWhitespace }) == "?"
      return message
        + (sv
          ? (asks
            ? " (/ok eller samma svar igen behåller det.)" : " (Stämmer det? /ok eller samma svar igen behåller det.)")
          : (asks
            ? " (/ok or the same answer again keeps it.)" : " (Is that right? /ok or the same answer again keeps it.)"))
    case .languages(let requested, let available):
      let list = available.joined(separator: ", ")
      guard let requested else {
        return sv ? "Språk: \(list). Byt med /lang och koden." : "Languages: \(list). Switch with /lang and the code."
      }
      return sv
        ? "Enkäten finns inte på ”\(requested)”. Språk: \(list)."
        : "The questionnaire is not in “\(requested)”. Languages: \(list)."
    case .exclusiveOption(let label):
      return sv
        ? "”\(label)” kan inte kombineras med andra alternativ." : "“\(label)” cannot be combined with other options."
    case .nothingToConfirm:
      return sv ? "Det finns ingen varning att bekräfta." : "There is no warning to confirm."
    case .unknownCommand(let typed, let suggestion):
      let hint = suggestion.map { sv ? " Menade du /\($0)?" : " Did you mean /\($0)?" } ?? ""
      return
        (sv
        ? "Okänt kommando \(typed).\(hint) Skriv /help för kommandon."
        : "Unknown command \(typed).\(hint) Type /help for commands.")
    case .atFirstQuestion:
      return sv ? "Det här är första frågan." : "This is the first question."
    case .nothingToAnswer:
      return sv ? "Här finns inget att svara; tryck Enter." : "There is nothing to answer here; press Enter."
    case .endExpectsEnter:
      return sv
        ? "Tryck Enter för att avsluta, eller /back för att ändra."
        : "Press Enter to finish, or /back to change an answer."
    }
  }
}
