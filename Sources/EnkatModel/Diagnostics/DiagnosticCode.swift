/// Every diagnostic code `enkat check` (and the simulation profile loader) can report: one code
/// per kind of problem, with what it means and a short example of what causes it.
///
/// docs/questionnaire-format.md lists this table; a test keeps the two, and the codes used in the
/// sources, in step.
public struct DiagnosticCode: Sendable, Equatable {
  public var code: String
  public var summary: String
  /// A fragment of a questionnaire (or of a command) that gets this diagnostic.
  public var example: String

  public static let all: [DiagnosticCode] = [
    .init(
      "E000", "the file cannot be read (only in `--format json`; as text it is an error line naming the file)",
      "enkat check missing.json"),
    .init("E001", "invalid JSON (the position of the first syntax error; nothing else is checked)", #"{"id": "x",}"#),
    .init("E002", "a value of the wrong JSON type", #""required": "yes""#),
    .init("E003", "a required key is missing", #"a question without "text""#),
    .init("E004", "an unknown key (with \"did you mean\")", #""askIff": "area = 1""#),
    .init(
      "E005", "a key appears twice in one object, or a language twice in one text",
      #"{"sv": "Ja", "en": "Yes", "sv": "Jo"}"#),
    .init("E010", "an id is used twice", #"two questions with "id": "area""#),
    .init("E011", "an id is not valid, or is a reserved word", #""id": "2nd question""#),
    .init("E012", "an option code or missing code is used twice", #"two options with "code": 1"#),
    .init("E013", "a text lacks a declared language", #""text": {"sv": "Ålder?"} with "languages": ["sv", "en"]"#),
    .init("E014", "a text has a language that is not declared", #""text": {"sv": "…", "de": "…"}"#),
    .init("E016", "an option or scale code equals a missing code", #"an option "code": 98 when don't know is 98"#),
    .init("E017", "a choice question without options", #""type": "singleChoice", "options": []"#),
    .init("E020", "a format version this enkat does not read", #""formatVersion": 2"#),
    .init("E021", "a questionnaire without sections", #""sections": []"#),
    .init("E022", "a language that is not a language code", #""languages": ["Swedish"]"#),
    .init("E023", "a language declared twice", #""languages": ["sv", "sv"]"#),
    .init("E024", "no language declared", #""languages": []"#),
    .init("E025", "an unknown missing kind in `missingCodes`", #"{"kind": "notApplicable", "code": 97, …}"#),
    .init("E026", "an `allowMissing` entry that is not a missing kind", #""allowMissing": ["dk"]"#),
    .init(
      "E027", "an allowed missing kind without an entry in `missingCodes`",
      #""allowMissing": ["refused"] with no refused code"#),
    .init("E028", "a section without questions", #""questions": []"#),
    .init("E029", "a section with `questionOrder` that holds a grid", #""questionOrder": "shuffle" around a grid"#),
    .init("E030", "a loop's `max` outside 1–1000", #""repeat": {"times": "size", "max": 4000}"#),
    .init("E031", "a `max` on a `forEach` loop", #""repeat": {"forEach": "modes", "max": 3}"#),
    .init("E032", "a repeat with neither (or both) of `times` and `forEach`", #""repeat": {"max": 3}"#),
    .init("E033", "a text question's `maxLength` below 1", #""maxLength": 0"#),
    .init("E034", "an unknown question type (with \"did you mean\")", #""type": "singelChoice""#),
    .init(
      "E035", "an `optionOrder` that is not asWritten, shuffle or rotate, or one on a question without options",
      #""optionOrder": "random""#),
    .init("E036", "`optionsFrom` on a question that is not a choice question", #""type": "text", "optionsFrom": {…}"#),
    .init("E037", "more than one option of a question asking to specify", #"two options with "specify""#),
    .init("E038", "an exclusive option on a single choice", #""exclusive": true in a singleChoice"#),
    .init("E039", "a `minSelected` outside 0 and the number of options", #""minSelected": 5 with 3 options"#),
    .init("E040", "a `maxSelected` outside `minSelected` and the number of options", #""maxSelected": 0"#),
    .init(
      "E041", "a scale that does not run from a lower to a higher whole number (at most 100 steps)",
      #""scale": {"min": 5, "max": 1, …}"#),
    .init("E042", "`decimals` outside 0–6", #""decimals": 9"#),
    .init("E043", "a number range whose min is above its max", #""range": {"min": 10, "max": 1}"#),
    .init("E044", "a date bound not written YYYY-MM-DD", #""range": {"min": "1/1/1900"}"#),
    .init("E045", "a date range whose min is after its max", #""range": {"min": "2020-01-01", "max": "2019-01-01"}"#),
    .init("E046", "a check kind that is not hard or soft", #""kind": "gentle""#),
    .init("E047", "a grid option asking to specify", #"a grid option with "specify""#),
    .init(
      "E048", "a grid's `itemOrder` or `optionOrder` that is not asWritten, shuffle or rotate",
      #""itemOrder": "random""#),
    .init("E049", "a grid without items", #""items": []"#),
    .init(
      "E050", "a preload variable whose `type` is not `number` or `text`",
      #""preload": [{"id": "region", "type": "code"}]"#),
    .init("E101", "an unterminated string in an expression", #""askIf": "name = 'Anna""#),
    .init("E102", "`==`, `<>`, `&&` or `||` instead of `=`, `!=`, `and`, `or`", #""askIf": "area == 1""#),
    .init("E103", "unexpected characters in an expression (a run of them is reported once)", #""askIf": "area = 1 ;""#),
    .init("E104", "an expression nested more than 64 levels", #"65 parentheses deep"#),
    .init("E105", "an uppercase keyword", #""askIf": "area = 1 AND sat < 3""#),
    .init("E106", "an expression that ends too early", #""askIf": "(area = 1""#),
    .init("E107", "an unexpected word or symbol in an expression", #""askIf": "area 1""#),
    .init("E110", "an unknown question (with \"did you mean\")", #""askIf": "agee >= 18""#),
    .init(
      "E111",
      "a question that cannot be read there: asked later, the condition's own question, display text, a loop question outside its loop without an iteration, a loop's id outside the loop",
      #""text": {"sv": "Du är {age} år"} before age is asked"#),
    .init("E120", "a value of the wrong type (e.g. a condition that is a number)", #""askIf": "years""#),
    .init("E121", "`in` on a multiple choice", #""askIf": "reasons in (1, 2)""#),
    .init("E122", "an `in` list item of another type than the value tested", #""askIf": "area in (1, 'x')""#),
    .init("E123", "`contains` on something that is not a multiple choice or a text", #""askIf": "area contains 1""#),
    .init("E124", "a multiple choice compared with `=`, `<`, …", #""askIf": "reasons = 1""#),
    .init("E125", "a comparison of two different types", #""askIf": "name = 1""#),
    .init("E126", "an ordering comparison of booleans", #""askIf": "(a = 1) < (b = 1)""#),
    .init("E127", "an unknown function", #""askIf": "lenght(name) > 0""#),
    .init("E128", "a function called with the wrong number of arguments", #""askIf": "answered()""#),
    .init("E129", "a function that needs a question id given something else", #""askIf": "answered(1)""#),
    .init("E131", "the two choices of `if` have different types", #""expression": "if(a = 1, 'x', 2)""#),
    .init("W130", "a comparison with a code the question does not have", #""askIf": "area = 7" with codes 1–5"#),
    .init(
      "W150",
      "a condition that can never hold: a question or section never asked, an option never offered (reported only when there are no errors)",
      #""askIf": "area = 1 and area = 2""#),
    .init(
      "W151", "a dead option: an exclusive option of a multiple choice that requires at least two options",
      #""minSelected": 2 with an exclusive option"#),
    .init(
      "E160", "a `times` loop with no bound (no `max`, and its count is not a number question with a max)",
      #""repeat": {"times": "size"} with size unbounded"#),
    .init(
      "E161",
      "a loop over something that is not a number (`times`) or an earlier multiple choice outside any loop (`forEach`)",
      #""repeat": {"forEach": "area"} on a single choice"#),
    .init(
      "E162", "`optionsFrom` naming no earlier loop (or its own loop), or an own option code that is also a member's",
      #""optionsFrom": {"loop": "persons"} with no such loop"#),
    .init(
      "E170", "with `--sample`: a preload variable the sample has no column for",
      #""preload": [{"id": "region", …}] and no region column"#),
    .init(
      "E171", "with `--sample`: a respondent's value of a `number` preload variable that is not a number",
      #"region "north" in the sample"#),
    .init(
      "W160", "a loop's `max` below the largest value its count question allows (such answers are refused)",
      #""max": 5 counting a question with range max 12"#),
    .init(
      "W161", "a `times` loop that never runs: its count question's range ends at 0",
      #""repeat": {"times": "kids"} with kids in 0–0"#),
    .init(
      "W162",
      "a `forEach` loop over a multiple choice with an exclusive option (\"none of these\") that the loop does not exclude",
      #""forEach": "modes" where option 9 "none" is exclusive"#),
    .init("E201", "with `--against`: a question that takes answers was removed or renamed", "remove \"area\""),
    .init("E202", "with `--against`: a question's type changed", #""type": "singleChoice" → "multipleChoice""#),
    .init("E203", "with `--against`: an option code was removed", "drop option 3"),
    .init("E204", "with `--against`: a scale was cut short", "1–5 → 1–4"),
    .init("E205", "with `--against`: the code of don't know or refused changed", "98 → 8"),
    .init("E206", "with `--against`: the questionnaire's id changed", #""id": "ssr-2019" → "ssr-2020""#),
    .init(
      "E207", "with `--against`: a question moved into, out of or between loops, or iterations disappear",
      "lower a loop's max"),
    .init("W201", "with `--against`: an option was relabelled", "\"Barn och unga\" → \"Barn\""),
    .init("W202", "with `--against`: a scale was lengthened", "1–5 → 1–7"),
    .init("W203", "with `--against`: a number or date range, or a text's maxLength, was narrowed", #""max": 50 → 40"#),
    .init("W204", "with `--against`: a question's text changed", "a reworded question"),
    .init("W205", "with `--against`: a condition or a check changed", #""askIf": "sat <= 2" → "sat <= 3""#),
    .init("P001", "a simulation profile version this enkat does not read", #""profileVersion": 2"#),
    .init("P002", "a profile range on a question that is not a number question", #"{"question": "area", "range": …}"#),
    .init("P003", "a profile range whose min is above its max", #""range": {"min": 9, "max": 1}"#),
    .init(
      "P004", "profile weights on a question that is not a choice or scale question",
      #"{"question": "years", "weights": …}"#),
    .init("P005", "a profile weight for a code the question does not have", #""weights": {"7": 1} with codes 1–5"#),
  ]

  init(_ code: String, _ summary: String, _ example: String) {
    self.code = code
    self.summary = summary
    self.example = example
  }

  /// The entry of `code`, if there is one.
  public static func named(_ code: String) -> DiagnosticCode? { all.first { $0.code == code } }
}
