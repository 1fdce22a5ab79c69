/// Every word Enkät says to people — the interviewer's screen and messages, the dataset's labels,
/// the analysis tables and reports — by key, in Swedish and English: one list, so the words are
/// found, translated and checked in one place (a test holds each key to both languages and the
/// same placeholders). A language other than these gets the English words.
///
/// A text may hold placeholders `{1}`, `{2}`, … filled in order by `callAsFunction`.
public struct Words: Sendable {
  public enum Key: String, CaseIterable, Sendable {
    case interviewer
    case keepCurrent
    case current
    case pressEnter
    case optional
    case multipleHint
    case openAnswer
    case dateHint
    case confirmEnd
    case interruptedNote
    case wholeNumber
    case atMostDecimals
    case numberHint
    case scaleHint
    case started
    case resumed
    case ended
    case endPrompt
    case help
    case noAnswerShown
    case yesWord
    case noWord
    case needsAnswer
    case notAnOption
    case ambiguousLabel
    case notANumber
    case enterWholeNumber
    case tooManyDecimals
    case between
    case atLeast
    case atMost
    case notADate
    case dateBetween
    case dateNotBefore
    case dateNotAfter
    case tooFewSelectedOne
    case tooFewSelected
    case tooManySelectedOne
    case tooManySelected
    case tooLong
    case tooManyIterations
    case lineBreak
    case dontKnow
    case refused
    case notAllowed
    case keepAsking
    case keepAskingQuestion
    case languagesList
    case notInLanguage
    case exclusiveOption
    case nothingToConfirm
    case didYouMeanCommand
    case unknownCommand
    case atFirstQuestion
    case nothingToAnswer
    case endExpectsEnter
    case notChosen
    case yes
    case no
    case count
    case percent
    case validPercent
    case low
    case high
    case notAsked
    case total
    case allCases
    case validAnswers
    case respondents
    case responses
    case percentOfRespondents
    case percentOfResponses
    case answeredQuestion
    case base
    case bothAnswered
    case chiSquare
    case expectedBelowFive
    case selectedWhere
    case interval
    case mean
    case median
    case standardDeviation
    case least
    case greatest
    case thisWave
    case previousWave
    case now
    case before
    case to
    case difference
    case points
    case increase
    case decrease
    case noClearChange
    case thatIs
    case chartNote
    case madeFrom
    case thousandsSeparator
    case fraction
    case oneInN
    case oneInTwoCount
    case half
    case justOver
    case almost
    case about
    case fewerThanOneInTwenty
    case almostAll
    case one
    case two
    case three
    case four
    case five
    case six
    case seven
    case eight
    case nine
    case ten
    case third
    case fourth
    case fifth
    case tenth
    case twentieth
    case weightedBy
    case standardError
    case effectiveSampleSize
    case unweightedCases
    case leftOutWithoutWeight
    case leftOutWithoutCode
    case rakingNotConverged
    case poststratifiedBy
    case rakedTo
    case raoScottF
    case weightedCount
    case catiCase
    case catiFresh
    case catiRetry
    case catiAppointmentDue
    case catiCalls
    case catiNoCalls
    case catiOutcomePrompt
    case catiWhen
    case catiBadTime
    case catiBadOutcome
    case catiNothing
    case catiNextAppointment
    case catiWaitPrompt
    case catiRecorded
    case catiStopped
    case catiQuotaFull
    case outcomeComplete
    case outcomePartial
    case outcomeRefusal
    case outcomeBreakOff
    case outcomeAppointment
    case outcomeNoAnswer
    case outcomeBusy
    case outcomeAnsweringMachine
    case outcomeNotEligible
    case outcomeWrongNumber
    case outcomeOverQuota
    case screenedOut
    case dispositionComplete
    case dispositionPartial
    case dispositionRefusal
    case dispositionNonContact
    case dispositionOther
    case dispositionUnknownHousehold
    case dispositionUnknownOther
    case dispositionNotEligible
    case responseRate
    case cooperationRate
    case refusalRate
    case contactRate
    case eGiven
    case eEstimated
    case responseRatesTitle
    case cases
  }

  public let language: String

  public init(language: String) { self.language = language }

  /// Whether the words are Swedish.
  public var isSwedish: Bool { language == "sv" }

  /// The text of `key`, placeholders as they are.
  public subscript(_ key: Key) -> String {
    let (sv, en) = Self.table[key]!
    return isSwedish ? sv : en
  }

  /// The text of `key` with `{1}`, `{2}`, … replaced by `values` in order.
  public func callAsFunction(_ key: Key, _ values: any CustomStringConvertible...) -> String {
    // One pass over the template, so a value that itself holds "{2}" (typed by someone) stays as typed.
    var out = ""
    var rest = Substring(self[key])
    while let open = rest.firstIndex(of: "{") {
      out += rest[..<open]
      let after = rest[rest.index(after: open)...]
      if let close = after.firstIndex(of: "}"), let n = Int(after[..<close]), n >= 1, n <= values.count {
        out += values[n - 1].description
        rest = after[after.index(after: close)...]
      } else {
        out.append("{")
        rest = after
      }
    }
    return out + rest
  }

  /// The texts of `key` in Swedish and English.
  public static func both(_ key: Key) -> (sv: String, en: String) { table[key]! }

  private static let table: [Key: (String, String)] = [
    .interviewer: ("Intervjuare", "Interviewer"),
    .keepCurrent: ("Enter behåller", "Enter keeps it"),
    .current: ("Nu", "Now"),
    .pressEnter: ("(Enter för att fortsätta)", "(Enter to continue)"),
    .optional: ("Frivillig: Enter utan svar hoppar över.", "Optional: Enter with no answer skips it."),
    .multipleHint: ("Flera svar: koder med komma, t.ex. 1,3", "Several answers: codes separated by commas, e.g. 1,3"),
    .openAnswer: ("Öppet svar", "Open answer"),
    .dateHint: ("Datum ÅÅÅÅ-MM-DD", "Date YYYY-MM-DD"),
    .confirmEnd: (
      "Alla frågor är besvarade. Enter avslutar intervjun, /back ändrar ett svar.",
      "All questions are answered. Enter ends the interview, /back changes an answer."
    ),
    .interruptedNote: (
      "(Ctrl-C: raden togs bort. /pause avbryter intervjun.)",
      "(Ctrl-C: the line was discarded. /pause interrupts the interview.)"
    ),
    .wholeNumber: ("heltal", "whole number"),
    .atMostDecimals: ("högst {1} decimaler", "at most {1} decimals"),
    .numberHint: ("Tal", "Number"),
    .scaleHint: ("Skala", "Scale"),
    .started: ("Intervju {1} startad. Svaren sparas i {2}.", "Interview {1} started. Answers are saved in {2}."),
    .resumed: ("Intervju {1} återupptagen med {2} sparade svar.", "Interview {1} resumed with {2} saved answers."),
    .ended: ("Intervju {1} avslutad ({2}). Svaren finns i {3}.", "Interview {1} ended ({2}). Answers are in {3}."),
    .endPrompt: ("slut> ", "end> "),
    .help: (
      "Kommandon (vid varje fråga):\n  /back eller <   tillbaka till föregående fråga (ändra svaret)\n  /dk             Vet ej\n  /ref            Vill inte svara\n  /ok             behåll ett svar som en varning gällde\n  /lang KOD       byt språk (/lang visar vilka som finns)\n  /help eller ?   den här hjälpen\n  /pause          avbryt nu, återuppta senare med --resume\n  /stop           respondenten avbryter intervjun (avbrott)\nSvara med koden eller alternativets text (TAB kompletterar). Pil upp visar tidigare svar.",
      "Commands (at every question):\n  /back or <      back to the previous question (change its answer)\n  /dk             Don't know\n  /ref            Refused\n  /ok             keep an answer a warning was about\n  /lang CODE      switch language (/lang lists them)\n  /help or ?      this help\n  /pause          interrupt now, resume later with --resume\n  /stop           the respondent ends the interview (break-off)\nAnswer with the code or the option's text (TAB completes). Up arrow shows earlier entries."
    ),
    .noAnswerShown: ("(inget svar)", "(no answer)"),
    .yesWord: ("ja", "yes"),
    .noWord: ("nej", "no"),
    .needsAnswer: ("Frågan måste besvaras (eller /dk, /ref).", "This question needs an answer (or /dk, /ref)."),
    .notAnOption: (
      "”{1}” är inget svarsalternativ. Skriv en kod ({2}) eller ett alternativ (TAB kompletterar).",
      "“{1}” is not an option. Type a code ({2}) or an option label (TAB completes)."
    ),
    .ambiguousLabel: (
      "”{1}” passar flera alternativ: {2}. Skriv mer eller koden.",
      "“{1}” matches several options: {2}. Type more, or the code."
    ),
    .notANumber: ("”{1}” är inget tal.", "“{1}” is not a number."),
    .enterWholeNumber: ("Ange ett heltal.", "Enter a whole number."),
    .tooManyDecimals: ("Högst {1} decimaler.", "At most {1} decimals."),
    .between: ("Svaret måste ligga mellan {1} och {2}.", "The answer must be between {1} and {2}."),
    .atLeast: ("Svaret måste vara minst {1}.", "The answer must be at least {1}."),
    .atMost: ("Svaret får vara högst {1}.", "The answer must be at most {1}."),
    .notADate: (
      "”{1}” är inget datum. Skriv ÅÅÅÅ-MM-DD, till exempel 1984-03-07.",
      "“{1}” is not a date. Type YYYY-MM-DD, for example 1984-03-07."
    ),
    .dateBetween: ("Datumet måste ligga mellan {1} och {2}.", "The date must be between {1} and {2}."),
    .dateNotBefore: ("Datumet får inte vara före {1}.", "The date cannot be before {1}."),
    .dateNotAfter: ("Datumet får inte vara efter {1}.", "The date cannot be after {1}."),
    .tooFewSelectedOne: ("Välj minst {1} alternativ.", "Choose at least {1} option."),
    .tooFewSelected: ("Välj minst {1} alternativ.", "Choose at least {1} options."),
    .tooManySelectedOne: ("Välj högst {1} alternativ.", "Choose at most {1} option."),
    .tooManySelected: ("Välj högst {1} alternativ.", "Choose at most {1} options."),
    .tooLong: ("Svaret får vara högst {1} tecken.", "The answer can be at most {1} characters."),
    .tooManyIterations: (
      "Svaret skulle kräva fler än {1} varv i slingan ”{2}”; frågeformuläret tillåter högst {1}.",
      "The answer would need more than {1} rounds of the loop “{2}”; the questionnaire allows at most {1}."
    ),
    .lineBreak: ("Svaret får inte innehålla radbrytningar.", "The answer cannot contain line breaks."),
    .dontKnow: ("Vet ej", "Don't know"),
    .refused: ("Vill inte svara", "Refused"),
    .notAllowed: ("{1} är inte tillåtet på den här frågan.", "{1} is not allowed for this question."),
    .keepAsking: (" (/ok eller samma svar igen behåller det.)", " (/ok or the same answer again keeps it.)"),
    .keepAskingQuestion: (
      " (Stämmer det? /ok eller samma svar igen behåller det.)",
      " (Is that right? /ok or the same answer again keeps it.)"
    ),
    .languagesList: ("Språk: {1}. Byt med /lang och koden.", "Languages: {1}. Switch with /lang and the code."),
    .notInLanguage: ("Enkäten finns inte på ”{1}”. Språk: {2}.", "The questionnaire is not in “{1}”. Languages: {2}."),
    .exclusiveOption: (
      "”{1}” kan inte kombineras med andra alternativ.", "“{1}” cannot be combined with other options."
    ),
    .nothingToConfirm: ("Det finns ingen varning att bekräfta.", "There is no warning to confirm."),
    .didYouMeanCommand: (" Menade du /{1}?", " Did you mean /{1}?"),
    .unknownCommand: (
      "Okänt kommando {1}.{2} Skriv /help för kommandon.", "Unknown command {1}.{2} Type /help for commands."
    ),
    .atFirstQuestion: ("Det här är första frågan.", "This is the first question."),
    .nothingToAnswer: ("Här finns inget att svara; tryck Enter.", "There is nothing to answer here; press Enter."),
    .endExpectsEnter: (
      "Tryck Enter för att avsluta, eller /back för att ändra.", "Press Enter to finish, or /back to change an answer."
    ),
    .notChosen: ("Ej vald", "Not chosen"),
    .yes: ("Ja", "Yes"),
    .no: ("Nej", "No"),
    .count: ("antal", "n"),
    .percent: ("%", "%"),
    .validPercent: ("giltiga %", "valid %"),
    .low: ("95 % KI från", "95 % CI from"),
    .high: ("95 % KI till", "95 % CI to"),
    .notAsked: ("Ej tillfrågad / inget svar", "Not asked / no answer"),
    .total: ("Totalt", "Total"),
    .allCases: ("Alla fall", "All cases"),
    .validAnswers: ("giltiga svar", "valid answers"),
    .respondents: ("svarande", "respondents"),
    .responses: ("svar", "responses"),
    .percentOfRespondents: ("% av svarande", "% of respondents"),
    .percentOfResponses: ("% av svar", "% of responses"),
    .answeredQuestion: ("De som besvarat frågan", "Those who answered the question"),
    .base: ("bas", "base"),
    .bothAnswered: ("De som besvarat båda frågorna", "Those who answered both questions"),
    .chiSquare: ("chi-två", "chi-square"),
    .expectedBelowFive: (
      "celler har ett förväntat antal under 5: chi-två-testet är osäkert",
      "cells have an expected count below 5: the chi-square test is unreliable"
    ),
    .selectedWhere: ("urval", "where"),
    .interval: ("95 % KI", "95 % CI"),
    .mean: ("medel", "mean"),
    .median: ("median", "median"),
    .standardDeviation: ("std.avv.", "std. dev."),
    .least: ("minsta", "least"),
    .greatest: ("största", "greatest"),
    .thisWave: ("denna mätning", "this wave"),
    .previousWave: ("förra mätningen", "previous wave"),
    .now: ("nu", "now"),
    .before: ("förra", "before"),
    .to: ("till", "to"),
    .difference: ("skillnad", "difference"),
    .points: ("procentenheter", "points"),
    .increase: ("en ökning jämfört med förra mätningen", "an increase on the previous wave"),
    .decrease: ("en minskning jämfört med förra mätningen", "a decrease on the previous wave"),
    .noClearChange: ("ingen säker skillnad mot förra mätningen", "no clear change from the previous wave"),
    .thatIs: ("Det är", "That is"),
    .chartNote: (
      "Staplarna visar andelen med 95 % konfidensintervall.", "Bars show the share with its 95 % confidence interval."
    ),
    .madeFrom: ("Underlag", "Made from"),
    .thousandsSeparator: ("\u{00A0}", ","),
    .fraction: ("{1} av {2}", "{1} in {2}"),
    .oneInN: ("vart {1}", "one in {1}"),
    .oneInTwoCount: ("varannan", "one in two"),
    .half: ("hälften", "half"),
    .justOver: ("drygt {1}", "just over {1}"),
    .almost: ("nästan {1}", "almost {1}"),
    .about: ("ungefär {1}", "about {1}"),
    .fewerThanOneInTwenty: ("färre än vart tjugonde", "fewer than one in twenty"),
    .almostAll: ("nästan alla", "almost all"),
    .one: ("en", "one"),
    .two: ("två", "two"),
    .three: ("tre", "three"),
    .four: ("fyra", "four"),
    .five: ("fem", "five"),
    .six: ("sex", "six"),
    .seven: ("sju", "seven"),
    .eight: ("åtta", "eight"),
    .nine: ("nio", "nine"),
    .ten: ("tio", "ten"),
    .third: ("tredje", "three"),
    .fourth: ("fjärde", "four"),
    .fifth: ("femte", "five"),
    .tenth: ("tionde", "ten"),
    .twentieth: ("tjugonde", "twenty"),
    .weightedBy: ("vägt med", "weighted by"),
    .standardError: ("medelfel", "std. err."),
    .effectiveSampleSize: ("effektiv urvalsstorlek (Kish)", "effective sample size (Kish)"),
    .unweightedCases: ("ovägda fall", "unweighted cases"),
    .leftOutWithoutWeight: (
      "{1} fall lämnades utanför: ingen positiv vikt i {2}", "{1} case(s) left out: no positive weight in {2}"
    ),
    .leftOutWithoutCode: (
      "{1} fall lämnades utanför: ingen giltig kod i {2}", "{1} case(s) left out: no valid code in {2}"
    ),
    .rakingNotConverged: (
      "rakingen konvergerade inte på 10 varv (de vägda marginalerna rör sig fortfarande)",
      "raking did not converge in 10 rounds (the weighted margins still move)"
    ),
    .poststratifiedBy: ("efterstratifierad efter", "post-stratified by"),
    .rakedTo: ("rakad mot", "raked to"),
    .raoScottF: ("F (Rao–Scott)", "F (Rao–Scott)"),
    .weightedCount: ("vägt antal", "weighted n"),
    .catiCase: ("Fall {1} ({2})", "Case {1} ({2})"),
    .catiFresh: ("ny", "new"),
    .catiRetry: ("nytt försök", "retry"),
    .catiAppointmentDue: ("bokad tid {1}", "appointment {1}"),
    .catiCalls: ("Tidigare samtal:", "Earlier calls:"),
    .catiNoCalls: ("Inga tidigare samtal.", "No earlier calls."),
    .catiOutcomePrompt: (
      "i = intervjua nu; utfall: 1 inget svar, 2 upptaget, 3 telefonsvarare, 4 bokad tid, 5 vägrar, 6 ej behörig, 7 fel nummer; q = sluta",
      "i = interview now; outcome: 1 no answer, 2 busy, 3 answering machine, 4 appointment, 5 refusal, 6 not eligible, 7 wrong number; q = stop"
    ),
    .catiWhen: (
      "När ska vi ringa? (ÅÅÅÅ-MM-DD TT:MM, TT:MM eller +minuter)",
      "When to call back? (YYYY-MM-DD HH:MM, HH:MM or +minutes)"
    ),
    .catiBadTime: ("Det är ingen tid: {1}", "That is not a time: {1}"),
    .catiBadOutcome: ("Okänt utfall: {1}", "Unknown outcome: {1}"),
    .catiNothing: ("Inget att ringa nu.", "Nothing to call now."),
    .catiNextAppointment: ("Nästa bokade tid: {1}.", "Next appointment: {1}."),
    .catiWaitPrompt: ("Enter = titta igen, q = sluta", "Enter = look again, q = stop"),
    .catiRecorded: ("Sparat: fall {1}, {2}.", "Recorded: case {1}, {2}."),
    .catiStopped: ("Slut för i dag: {1} samtal.", "Done for now: {1} calls."),
    .catiQuotaFull: ("Kvoten är full för detta fall: {1}.", "This case's quota is full: {1}."),
    .outcomeComplete: ("fullständig intervju", "complete"),
    .outcomePartial: ("partiell intervju", "partial"),
    .outcomeRefusal: ("vägrar", "refusal"),
    .outcomeBreakOff: ("avbruten intervju", "break-off"),
    .outcomeAppointment: ("bokad tid", "appointment"),
    .outcomeNoAnswer: ("inget svar", "no answer"),
    .outcomeBusy: ("upptaget", "busy"),
    .outcomeAnsweringMachine: ("telefonsvarare", "answering machine"),
    .outcomeNotEligible: ("ej behörig", "not eligible"),
    .outcomeWrongNumber: ("fel nummer", "wrong number"),
    .outcomeOverQuota: ("kvoten full", "over quota"),
    .screenedOut: (
      "Tack så mycket! Vi har redan tillräckligt många svar från din grupp, så intervjun slutar här.",
      "Thank you very much! We already have enough answers from your group, so the interview ends here."
    ),
    .dispositionComplete: ("fullständiga intervjuer", "complete interviews"),
    .dispositionPartial: ("partiella intervjuer", "partial interviews"),
    .dispositionRefusal: ("vägran och avbrutna intervjuer", "refusals and break-offs"),
    .dispositionNonContact: ("ej kontaktade", "non-contacts"),
    .dispositionOther: ("andra bortfall", "other non-interviews"),
    .dispositionUnknownHousehold: ("okänt om behörig (ej nådd)", "unknown if eligible (not reached)"),
    .dispositionUnknownOther: ("okänd behörighet, övrigt", "unknown eligibility, other"),
    .dispositionNotEligible: ("ej behöriga", "not eligible"),
    .responseRate: ("svarsfrekvens", "response rate"),
    .cooperationRate: ("samarbetsfrekvens", "cooperation rate"),
    .refusalRate: ("vägransfrekvens", "refusal rate"),
    .contactRate: ("kontaktfrekvens", "contact rate"),
    .eGiven: (
      "andelen behöriga bland dem med okänd behörighet, angiven",
      "the share eligible among the cases of unknown eligibility, as given"
    ),
    .eEstimated: (
      "andelen behöriga bland dem med okänd behörighet, skattad som andelen behöriga bland dem med känd behörighet",
      "the share eligible among the cases of unknown eligibility, estimated as the share eligible among the cases of known eligibility"
    ),
    .responseRatesTitle: ("Svarsfrekvenser (AAPOR Standard Definitions)", "Outcome rates (AAPOR Standard Definitions)"),
    .cases: ("fall", "cases"),
  ]
}
