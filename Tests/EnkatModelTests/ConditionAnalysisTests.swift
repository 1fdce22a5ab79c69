import Testing

@testable import EnkatModel

@Suite("Conditions that can never hold")
struct ConditionAnalysisTests {
  let base = """
    {"id": "area", "type": "singleChoice", "text": {"sv": "A", "en": "A"},
     "options": [{"code": 1, "label": {"sv": "a", "en": "a"}}, {"code": 2, "label": {"sv": "b", "en": "b"}}]},
    {"id": "sat", "type": "scale", "text": {"sv": "S", "en": "S"},
     "scale": {"min": 1, "max": 5, "minLabel": {"sv": "l", "en": "l"}, "maxLabel": {"sv": "h", "en": "h"}}},
    {"id": "years", "type": "number", "range": {"min": 0, "max": 50}, "text": {"sv": "Y", "en": "Y"}},
    {"id": "hours", "type": "number", "range": {"min": 0, "max": 80}, "decimals": 1, "text": {"sv": "H", "en": "H"}},
    {"id": "low", "type": "computed", "expression": "sat <= 2"},
    """

  private func codes(_ item: String) -> [String] {
    QuestionnaireLoader.load(Array(questionnaireJSON(base + item).utf8), file: "t").diagnostics.map(\.code)
  }

  @Test(
    "a condition no answers can satisfy is a warning at the condition",
    arguments: [
      #"{"id": "q", "type": "text", "askIf": "area = 1 and area = 2", "text": {"sv": "Q", "en": "Q"}}"#,
      #"{"id": "q", "type": "text", "askIf": "low and sat = 5", "text": {"sv": "Q", "en": "Q"}}"#,
      #"{"id": "q", "type": "text", "askIf": "years > 40 and years < 10", "text": {"sv": "Q", "en": "Q"}}"#,
      #"{"id": "q", "type": "text", "askIf": "years > 60", "text": {"sv": "Q", "en": "Q"}}"#,
      #"{"id": "q", "type": "text", "askIf": "years > 10.5 and years < 11", "text": {"sv": "Q", "en": "Q"}}"#,
      #"{"id": "q", "type": "singleChoice", "text": {"sv": "Q", "en": "Q"}, "options": [{"code": 1, "label": {"sv": "x", "en": "x"}, "showIf": "sat > 5"}]}"#,
    ])
  func neverHolds(item: String) {
    #expect(codes(item) == ["W150"])
  }

  @Test(
    "conditions that can hold, or cannot be decided, give no warning",
    arguments: [
      #"{"id": "q", "type": "text", "askIf": "area = 1 or area = 2", "text": {"sv": "Q", "en": "Q"}}"#,
      #"{"id": "q", "type": "text", "askIf": "low and sat = 1", "text": {"sv": "Q", "en": "Q"}}"#,
      #"{"id": "q", "type": "text", "askIf": "hours > 10.5 and hours < 11", "text": {"sv": "Q", "en": "Q"}}"#,
      #"{"id": "q", "type": "text", "askIf": "years > 12 and years < 14", "text": {"sv": "Q", "en": "Q"}}"#,
      #"{"id": "q", "type": "text", "askIf": "not answered(area)", "text": {"sv": "Q", "en": "Q"}}"#,
      #"{"id": "q", "type": "text", "askIf": "dontknow(sat)", "text": {"sv": "Q", "en": "Q"}}"#,
      #"{"id": "q", "type": "text", "askIf": "hours * 3 = 7", "text": {"sv": "Q", "en": "Q"}}"#,
    ])
  func canHold(item: String) {
    #expect(codes(item).isEmpty)
  }

  @Test("the warning says what is never asked, and where")
  func message() throws {
    let json = questionnaireJSON(
      base + #"{"id": "q", "type": "text", "askIf": "area = 1 and area = 2", "text": {"sv": "Q", "en": "Q"}}"#)
    let d = try #require(QuestionnaireLoader.load(Array(json.utf8), file: "t").diagnostics.first)
    #expect(d.message == "this condition can never hold, so 'q' is never asked")
    let (line, column) = locate("area = 1 and area = 2", in: json)
    #expect(d.position?.line == line && d.position?.column == column)
  }
}
