import EnkatExpressions
import Testing

@testable import EnkatModel

@Suite("Computed variables and fills")
struct ComputedAndFillTests {
  private func load(_ json: String) -> QuestionnaireLoader.Outcome {
    QuestionnaireLoader.load(Array(json.utf8), file: "t.json")
  }

  let base = """
    {"id": "sat", "type": "scale", "text": {"sv": "Nöjd?", "en": "Satisfied?"},
     "scale": {"min": 1, "max": 5, "minLabel": {"sv": "Nej", "en": "No"}, "maxLabel": {"sv": "Ja", "en": "Yes"}}},
    {"id": "area", "type": "singleChoice", "text": {"sv": "Område?", "en": "Area?"},
     "options": [{"code": 1, "label": {"sv": "Barn", "en": "Children"}}, {"code": 2, "label": {"sv": "Vuxna", "en": "Adults"}}]},
    """

  @Test("a computed variable gets the type of its expression and can route later questions")
  func computed() throws {
    let json = questionnaireJSON(
      base + """
        {"id": "dissatisfied", "type": "computed", "expression": "sat <= 2"},
        {"id": "score", "type": "computed", "expression": "sat * 10 + area"},
        {"id": "why", "type": "text", "askIf": "dissatisfied and score > 11", "text": {"sv": "Varför?", "en": "Why?"}}
        """)
    let outcome = load(json)
    #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics)")
    let q = try #require(outcome.questionnaire)
    guard case .computed(let c, let type) = q.questions[2].kind else { Issue.record("not computed"); return }
    #expect(c.source == "sat <= 2" && type == .boolean)
    guard case .computed(_, .number) = q.questions[3].kind else { Issue.record("score is not a number"); return }
    #expect(!q.questions[2].isShown && q.questions[2].isVariable && !q.questions[2].takesAnswer)
  }

  @Test(
    "computed variables follow the scope rules and are checked like conditions",
    arguments: [
      (
        #"{"id": "early", "type": "computed", "expression": "later > 1"}, {"id": "later", "type": "number", "text": {"sv": "L", "en": "L"}}"#,
        "E111", "later > 1"
      ),
      (#"{"id": "c", "type": "computed", "expression": "sat + 'x'"}"#, "E120", "'x'"),
      (#"{"id": "c", "type": "computed", "expression": "sta + 1"}"#, "E110", "sta + 1"),
      (
        #"{"id": "c", "type": "computed", "expression": "sat", "text": {"sv": "x", "en": "x"}}"#, "E004",
        #""text": {"sv": "x""#
      ),
      (#"{"id": "c", "type": "computed"}"#, "E003", #"{"id": "c""#),
    ])
  func computedErrors(item: String, code: String, needle: String) throws {
    let json = questionnaireJSON(base + item)
    let outcome = load(json)
    #expect(outcome.questionnaire == nil)
    let (line, column) = locate(needle, in: json)
    #expect(outcome.diagnostics.map(\.code) == [code], "\(outcome.diagnostics)")
    #expect(outcome.diagnostics.first?.position?.line == line)
    #expect(outcome.diagnostics.first?.position?.column == column)
  }

  @Test("a section's title cannot fill in the answer to its own first question, shown with it")
  func sectionTitle() {
    let json = questionnaireJSON(base + #"{"id": "x", "type": "text", "text": {"sv": "X", "en": "X"}}"#)
      .replacingOccurrences(of: "\"title\": {\"sv\": \"Del 1\"", with: "\"title\": {\"sv\": \"Del {sat}\"")
    #expect(load(json).diagnostics.map(\.code) == ["E111"])
  }

  @Test("fills may name earlier answers and computed values; a check's message may name its own answer")
  func validFills() {
    let json = questionnaireJSON(
      base + """
        {"id": "d", "type": "computed", "expression": "sat <= 2"},
        {"id": "years", "type": "number", "text": {"sv": "Du arbetar med {area} ({d}). År?", "en": "You work with {area}. Years?"},
         "instruction": {"sv": "Nöjdhet {sat}; {{inte en fill}}", "en": "x"},
         "checks": [{"rule": "years < 50", "message": {"sv": "{years} år?", "en": "{years} years?"}}]}
        """)
    #expect(load(json).diagnostics.isEmpty, "\(load(json).diagnostics)")
  }

  @Test(
    "a fill naming an unknown, later or own question is reported at its exact column",
    arguments: [
      (#"{"id": "q", "type": "text", "text": {"sv": "Om {araa}", "en": "x"}}"#, "E110", "araa"),
      (#"{"id": "q", "type": "text", "text": {"sv": "Om {q}", "en": "x"}}"#, "E111", "q}"),
      (
        #"{"id": "q", "type": "text", "text": {"sv": "Om {z}", "en": "x"}}, {"id": "z", "type": "text", "text": {"sv": "Z", "en": "Z"}}"#,
        "E111", "z}"
      ),
      (
        #"{"id": "q", "type": "singleChoice", "text": {"sv": "Q", "en": "Q"}, "options": [{"code": 1, "label": {"sv": "som {q}", "en": "x"}}]}"#,
        "E111", "q}"
      ),
    ])
  func badFills(item: String, code: String, needle: String) throws {
    let json = questionnaireJSON(base + item)
    let outcome = load(json)
    let (line, column) = locate(needle, in: json)
    #expect(outcome.diagnostics.map(\.code) == [code], "\(outcome.diagnostics)")
    #expect(outcome.diagnostics.first?.position?.line == line)
    #expect(outcome.diagnostics.first?.position?.column == column)
    if code == "E110" { #expect(outcome.diagnostics.first?.hint == "did you mean 'area'?") }
  }

  @Test("the fill template finds names, keeps doubled braces literal, and leaves other braces alone")
  func template() {
    #expect(
      FillTemplate.parts(of: "Hej {namn}, {{x}} {1a} {} {ok_2}") == [
        .literal("Hej "), .fill("namn", start: 5, end: 9), .literal(", {x} {1a} {} "),
        .fill("ok_2", start: 27, end: 31),
      ])
    #expect(FillTemplate.render("{a} och {b}!") { $0.uppercased() } == "A och B!")
    #expect(FillTemplate.render("ingen fill") { _ in "x" } == "ingen fill")
  }
}
