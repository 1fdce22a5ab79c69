import EnkatEngine
import EnkatModel
import EnkatTestSupport
import Testing

@Suite("Grids")
struct GridTests {
  let json = """
    {"formatVersion": 1, "id": "g", "version": "1", "title": {"en": "G"}, "languages": ["en"],
     "missingCodes": [{"kind": "dontKnow", "code": 98, "label": {"en": "Don't know"}}], "allowMissing": ["dontKnow"],
     "sections": [{"id": "s", "title": {"en": "S"}, "questions": [
       {"id": "user", "type": "singleChoice", "text": {"en": "Uses services?"},
        "options": [{"code": 1, "label": {"en": "Yes"}}, {"code": 2, "label": {"en": "No"}}]},
       {"id": "trust", "type": "grid", "askIf": "user = 1", "text": {"en": "How much do you trust …"},
        "scale": {"min": 1, "max": 5, "minLabel": {"en": "Not at all"}, "maxLabel": {"en": "Fully"}},
        "items": [{"id": "trustPolice", "text": {"en": "the police"}}, {"id": "trustCourts", "text": {"en": "the courts"}},
                  {"id": "trustPress", "text": {"en": "the press, after {trustPolice} for the police"}}]},
       {"id": "after", "type": "text", "required": false, "text": {"en": "Police {trustPolice}, courts {trustCourts}"}}
     ]}]}
    """

  @Test("each item is its own question, asked one by one with the grid's text above it")
  func items() throws {
    var s = try Scenario(json)
    s.reply("1")
    #expect(s.current == "trustPolice")
    #expect(s.prompt?.stem == "How much do you trust …")
    #expect(s.prompt?.text == "the police")
    s.reply("4")
    #expect(s.current == "trustCourts")
    s.reply("/dk")
    #expect(s.prompt?.text == "the press, after 4 for the police")
    s.reply("2")
    #expect(s.prompt?.text == "Police 4, courts ")
    #expect(s.interview.responses["trustPolice"] == .answer(.code(4)))
    #expect(s.interview.responses["trustCourts"] == .missing(.dontKnow))
  }

  @Test("the grid's condition applies to every item")
  func condition() throws {
    var s = try Scenario(json)
    s.reply("2")
    #expect(s.current == "after")
  }

  @Test("a grid's id is unique among ids, items need ids and texts, and a grid needs a scale or options")
  func errors() {
    let duplicate = json.replacingOccurrences(of: #"{"id": "trustPress""#, with: #"{"id": "trust""#)
    #expect(QuestionnaireLoader.load(Array(duplicate.utf8), file: "g").diagnostics.map(\.code) == ["E010"])
    let noScale = json.replacingOccurrences(
      of: #""scale": {"min": 1, "max": 5, "minLabel": {"en": "Not at all"}, "maxLabel": {"en": "Fully"}},"#, with: "")
    #expect(QuestionnaireLoader.load(Array(noScale.utf8), file: "g").diagnostics.map(\.code).contains("E003"))
    let badItem = json.replacingOccurrences(
      of: #"{"id": "trustPress", "text": {"en""#, with: #"{"id": "trustPress", "txt": {"en""#)
    #expect(Set(QuestionnaireLoader.load(Array(badItem.utf8), file: "g").diagnostics.map(\.code)) == ["E003", "E004"])
  }
}
