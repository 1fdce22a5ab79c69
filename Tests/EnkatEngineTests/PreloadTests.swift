import EnkatEngine
import EnkatExpressions
import EnkatModel
import EnkatTestSupport
import Testing

/// A questionnaire with a sample's preload variables: a fill of the respondent's name, a question
/// asked only in one region.
let preloadQuestionnaire = """
  {
    "formatVersion": 1, "id": "preload", "version": "1", "title": {"sv": "P", "en": "P"}, "languages": ["sv", "en"],
    "preload": [{"id": "namn", "type": "text"}, {"id": "region", "type": "number"}],
    "sections": [{"id": "s", "title": {"sv": "S", "en": "S"}, "questions": [
      {"id": "hej", "type": "singleChoice", "text": {"sv": "Hej {namn}! Stämmer det?", "en": "Hello {namn}! Right?"},
       "options": [{"code": 1, "label": {"sv": "Ja", "en": "Yes"}}, {"code": 2, "label": {"sv": "Nej", "en": "No"}}]},
      {"id": "norr", "type": "text", "askIf": "region = 3", "text": {"sv": "Om norr?", "en": "About the north?"}},
      {"id": "slutfraga", "type": "text", "required": false, "text": {"sv": "Annat?", "en": "Other?"}}
    ]}]
  }
  """

@Suite("Preloaded sample values")
struct PreloadTests {
  func interview(_ sample: [String: String]) throws -> Scenario {
    let q = try #require(QuestionnaireLoader.load(Array(preloadQuestionnaire.utf8), file: "p.json").questionnaire)
    #expect(q.preload == [.init(id: "namn", kind: .text), .init(id: "region", kind: .number)])
    return Scenario(Interview(questionnaire: q, language: "sv", preload: PreloadValues.values(q, from: sample)))
  }

  @Test("a preload value fills a text and routes: a question of one region is asked there only")
  func fillsAndRoutes() throws {
    var north = try interview(["namn": "Anna Berg", "region": "3"])
    #expect(north.prompt?.text == "Hej Anna Berg! Stämmer det?")
    north.reply("1")
    #expect(north.current == "norr")
    var south = try interview(["namn": "Bo", "region": "1"])
    south.reply("1")
    #expect(south.current == "slutfraga")
    var unknown = try interview(["region": "x"])
    #expect(unknown.prompt?.text == "Hej ! Stämmer det?", "a missing name fills nothing")
    unknown.reply("1")
    #expect(unknown.current == "slutfraga", "a region that is no number is missing: the condition is not true")
  }

  @Test("a preload variable's id is the questions' namespace, its type number or text, each mistake placed")
  func declarationErrors() {
    let clash = preloadQuestionnaire.replacingOccurrences(
      of: #"{"id": "namn", "type": "text"}"#, with: #"{"id": "hej", "type": "text"}"#)
    let codes = QuestionnaireLoader.load(Array(clash.utf8), file: "p.json").diagnostics.map(\.code)
    #expect(codes.contains("E010"))
    let type = preloadQuestionnaire.replacingOccurrences(of: #""type": "number"}]"#, with: #""type": "code"}]"#)
    let typed = QuestionnaireLoader.load(Array(type.utf8), file: "p.json").diagnostics
    #expect(typed.contains { $0.code == "E050" && $0.message.contains("'code'") })
  }
}
