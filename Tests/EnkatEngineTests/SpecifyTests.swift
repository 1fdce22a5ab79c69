import EnkatEngine
import EnkatModel
import EnkatTestSupport
import Testing

@Suite("Other, specify")
struct SpecifyTests {
  let json = """
    {"formatVersion": 1, "id": "o", "version": "1", "title": {"en": "O"}, "languages": ["en"],
     "missingCodes": [{"kind": "refused", "code": 99, "label": {"en": "Refused"}}], "allowMissing": ["refused"],
     "sections": [{"id": "s", "title": {"en": "S"}, "questions": [
       {"id": "area", "type": "singleChoice", "text": {"en": "Area?"},
        "options": [{"code": 1, "label": {"en": "Care"}},
                    {"code": 5, "label": {"en": "Other"}, "specify": {"en": "Which other area?"}}]},
       {"id": "why", "type": "multipleChoice", "text": {"en": "Why?"},
        "options": [{"code": 1, "label": {"en": "Pay"}},
                    {"code": 9, "label": {"en": "Something else"}, "specify": {"en": "What else?"}}]},
       {"id": "end", "type": "text", "required": false, "text": {"en": "{area}: {area_other}"}}]}]}
    """

  @Test("choosing the option asks its text follow-up, stored as ID_other right after the answer")
  func followUp() throws {
    var s = try Scenario(json)
    s.reply("Other")
    #expect(s.current == "area_other")
    #expect(s.prompt?.text == "Which other area?")
    #expect(s.reply("") == .empty)
    s.reply("Prisons")
    #expect(s.current == "why")
    s.reply("1,9")
    #expect(s.current == "why_other")
    s.reply("/ref")
    #expect(s.prompt?.text == "Other: Prisons")
    #expect(s.interview.responses["area_other"] == .answer(.text("Prisons")))
    #expect(s.interview.responses["why_other"] == .missing(.refused))
    let q = s.interview.questionnaire.questions.first { $0.id == "area_other" }
    #expect(q?.specifies == OptionReference(questionID: "area", code: 5))
  }

  @Test("other options skip the follow-up, and unchoosing the option clears the text")
  func skippedAndCleared() throws {
    var s = try Scenario(json)
    s.reply("Care")
    #expect(s.current == "why")
    s.reply("/back")
    s.reply("5")
    s.reply("Prisons")
    s.reply("/back")
    s.reply("/back")
    s.reply("1")
    #expect(s.events.last == .cleared(questionID: "area_other"))
    #expect(s.current == "why")
  }

  @Test("one specify per question, and none in a grid")
  func errors() {
    let two = json.replacingOccurrences(
      of: #"{"code": 1, "label": {"en": "Care"}}"#,
      with: #"{"code": 1, "label": {"en": "Care"}, "specify": {"en": "?"}}"#)
    #expect(QuestionnaireLoader.load(Array(two.utf8), file: "o").diagnostics.map(\.code) == ["E037"])
    let clash = json.replacingOccurrences(of: #"{"id": "end""#, with: #"{"id": "area_other""#)
    #expect(QuestionnaireLoader.load(Array(clash.utf8), file: "o").diagnostics.map(\.code) == ["E010"])
  }
}

@Suite("Dead options")
struct DeadOptionTests {
  @Test("an exclusive option where at least two options must be chosen is reported as never choosable")
  func exclusiveWithMinimumTwo() {
    let json = """
      {"formatVersion": 1, "id": "o", "version": "1", "title": {"en": "O"}, "languages": ["en"],
       "sections": [{"id": "s", "title": {"en": "S"}, "questions": [
         {"id": "why", "type": "multipleChoice", "text": {"en": "Why?"}, "minSelected": 2,
          "options": [{"code": 1, "label": {"en": "Pay"}}, {"code": 2, "label": {"en": "Hours"}},
                      {"code": 9, "label": {"en": "None"}, "exclusive": true}]}]}]}
      """
    let d = QuestionnaireLoader.load(Array(json.utf8), file: "o").diagnostics
    #expect(d.map(\.code) == ["W151"])
    #expect(d.first?.position?.line == 3)
  }
}
