import EnkatModel
import EnkatTestSupport
import Testing

@Suite("Checking loops")
struct LoopCheckTests {
  func diagnostics(size: String = #""range": {"min": 1, "max": 6}"#, repeat: String, after: String = "name[1]")
    -> [String]
  {
    let json = """
      {"formatVersion": 1, "id": "l", "version": "1", "title": {"en": "L"}, "languages": ["en"],
       "sections": [
        {"id": "a", "title": {"en": "A"}, "questions": [
         {"id": "size", "type": "number", \(size), "text": {"en": "How many?"}},
         {"id": "pick", "type": "multipleChoice", "text": {"en": "Which?"},
          "options": [{"code": 1, "label": {"en": "One"}}, {"code": 2, "label": {"en": "Two"}}]}]},
        {"id": "each", "title": {"en": "Round {each}"}, "repeat": \(`repeat`), "questions": [
         {"id": "name", "type": "text", "text": {"en": "Name {each}?"}}]},
        {"id": "z", "title": {"en": "Z"}, "questions": [
         {"id": "bye", "type": "display", "text": {"en": "Bye {\(after)}"}}]}
       ]}
      """
    return QuestionnaireLoader.load(Array(json.utf8), file: "l.json").diagnostics.map { "\($0.code) \($0.message)" }
  }

  @Test("a counted loop over a bounded number, and a forEach loop, check clean and unroll per iteration")
  func valid() throws {
    #expect(diagnostics(repeat: #"{"times": "size"}"#).isEmpty)
    #expect(diagnostics(repeat: #"{"forEach": "pick"}"#, after: "name[2]").isEmpty)
    let json = """
      {"formatVersion": 1, "id": "l", "version": "1", "title": {"en": "L"}, "languages": ["en"], "sections": [
        {"id": "a", "title": {"en": "A"}, "questions": [
         {"id": "size", "type": "number", "range": {"min": 1, "max": 3}, "text": {"en": "How many?"}}]},
        {"id": "each", "title": {"en": "R"}, "repeat": {"times": "size"}, "questions": [
         {"id": "name", "type": "text", "text": {"en": "Name {each}?"}}]}]}
      """
    let q = try #require(QuestionnaireLoader.load(Array(json.utf8), file: "l.json").questionnaire)
    #expect(q.instances.map(\.id) == ["size", "name[1]", "name[2]", "name[3]"])
    #expect(q.instances[2].text.text(in: "en") == "Name 2?")
    #expect(q.instances[3].askIf?.source == "(size) >= 3")
    #expect(q.instances[3].iteration?.key == 3 && q.instances[3].iteration?.baseID == "name")
  }

  @Test("a loop without a bound is an error; a max below the count's range is a warning")
  func bounds() {
    #expect(diagnostics(size: #""range": {"min": 1}"#, repeat: #"{"times": "size"}"#).map { $0.prefix(4) } == ["E160"])
    #expect(diagnostics(size: #""range": {"min": 1}"#, repeat: #"{"times": "size", "max": 4}"#).isEmpty)
    #expect(
      diagnostics(repeat: #"{"times": "size", "max": 4}"#) == [
        "W160 'size' can be up to 6 but loop 'each' runs at most 4 times"
      ])
    #expect(diagnostics(repeat: #"{"times": "size", "max": 4000}"#).map { $0.prefix(4) } == ["E030"])
  }

  @Test("what a loop runs over must be a number or an earlier multiple choice")
  func counts() {
    #expect(diagnostics(repeat: #"{"times": "pick"}"#).map { $0.prefix(4) } == ["E161"])
    #expect(diagnostics(repeat: #"{"forEach": "size"}"#).map { $0.prefix(4) } == ["E161"])
    #expect(diagnostics(repeat: #"{"forEach": "pik"}"#).map { $0.prefix(4) } == ["E110"])
    #expect(diagnostics(repeat: #"{"times": "size", "forEach": "pick"}"#).map { $0.prefix(4) } == ["E032"])
  }

  @Test("outside its loop a loop question needs an iteration that exists; the loop's id only inside")
  func scope() {
    #expect(diagnostics(repeat: #"{"times": "size"}"#, after: "name").map { $0.prefix(4) } == ["E111"])
    #expect(
      diagnostics(repeat: #"{"times": "size"}"#, after: "name[7]") == [
        "E111 'name[7]' cannot be filled in here: loop 'each' has no iteration 7"
      ])
    #expect(diagnostics(repeat: #"{"times": "size"}"#, after: "each").map { $0.prefix(4) } == ["E111"])
  }

  @Test("a later loop over the same members reads the earlier loop's answer for the same member by its bare id")
  func secondPass() throws {
    func load(_ second: String) -> QuestionnaireLoader.Outcome {
      let json = """
        {"formatVersion": 1, "id": "l", "version": "1", "title": {"en": "L"}, "languages": ["en"], "sections": [
          {"id": "a", "title": {"en": "A"}, "questions": [
           {"id": "size", "type": "number", "range": {"min": 1, "max": 3}, "text": {"en": "How many?"}},
           {"id": "pick", "type": "multipleChoice", "text": {"en": "Which?"},
            "options": [{"code": 1, "label": {"en": "One"}}, {"code": 2, "label": {"en": "Two"}}]}]},
          {"id": "each", "title": {"en": "R"}, "repeat": {"times": "size"}, "questions": [
           {"id": "name", "type": "text", "text": {"en": "Name?"}}]},
          {"id": "again", "title": {"en": "About {name}"}, "repeat": \(second), "questions": [
           {"id": "likes", "type": "text", "askIf": "name != 'x'", "text": {"en": "What does {name} like?"}}]}]}
        """
      return QuestionnaireLoader.load(Array(json.utf8), file: "l.json")
    }
    let q = try #require(load(#"{"times": "size"}"#).questionnaire)
    let likes2 = try #require(q.instances.first { $0.id == "likes[2]" })
    #expect(likes2.text.text(in: "en") == "What does {name[2]} like?")
    #expect(likes2.iteration?.sectionTitle.text(in: "en") == "About {name[2]}")
    #expect(likes2.askIf?.expression.variables.sorted() == ["name[2]", "size"])
    #expect(load(#"{"times": "size", "max": 2}"#).diagnostics.map(\.code) == ["W160"], "fewer members is allowed")
    let otherMembers = load(#"{"forEach": "pick"}"#).diagnostics
    #expect(otherMembers.map(\.code) == ["E111", "E111", "E111"], "\(otherMembers)")
  }

  @Test("an other-specify follow-up in a loop specifies the same iteration's question")
  func specifyInLoop() throws {
    let household = try #require(
      QuestionnaireLoader.load(
        TestFiles.bytes(PackagePaths.root() + "/Questionnaires/hushallsundersokning.json"), file: "h"
      ).questionnaire)
    let followUp = try #require(household.instances.first { $0.id == "commuteMode_other[3]" })
    #expect(followUp.specifies == OptionReference(questionID: "commuteMode[3]", code: 5))
    #expect(followUp.askIf?.expression.variables.contains("commuteMode[3]") == true)
  }
}

@Suite("Loops at their edges")
struct LoopEdgeTests {
  let exclusive = """
    {"formatVersion": 1, "id": "l", "version": "1", "title": {"en": "L"}, "languages": ["en"], "sections": [
      {"id": "a", "title": {"en": "A"}, "questions": [
       {"id": "modes", "type": "multipleChoice", "text": {"en": "How do you travel?"},
        "options": [{"code": 1, "label": {"en": "Bus"}}, {"code": 2, "label": {"en": "Bike"}},
                    {"code": 9, "label": {"en": "None of these"}, "exclusive": true}]}]},
      {"id": "mode", "title": {"en": "{mode}"}, "repeat": {"forEach": "modes"}ASKIF, "questions": [
       {"id": "days", "type": "number", "range": {"min": 1, "max": 7}, "text": {"en": "Days by {mode}?"}}]}]}
    """

  @Test("a forEach over an exclusive option is warned about until the section's condition excludes it")
  func exclusiveMember() throws {
    let warned = QuestionnaireLoader.load(Array(exclusive.replacingOccurrences(of: "ASKIF", with: "").utf8), file: "l")
    #expect(warned.diagnostics.map(\.code) == ["W162"])
    #expect(warned.diagnostics.first?.hint == #"exclude it with the section's condition: "askIf": "mode != 9""#)
    let fixed = QuestionnaireLoader.load(
      Array(exclusive.replacingOccurrences(of: "ASKIF", with: #", "askIf": "mode != 9""#).utf8), file: "l")
    #expect(fixed.diagnostics.isEmpty, "\(fixed.diagnostics)")
    let q = try #require(fixed.questionnaire)
    #expect(q.instances.map(\.id) == ["modes", "days[1]", "days[2]", "days[9]"])
  }

  @Test("a times loop whose count can only be 0 is a warning, and nothing crashes")
  func neverRuns() throws {
    let json = """
      {"formatVersion": 1, "id": "l", "version": "1", "title": {"en": "L"}, "languages": ["en"], "sections": [
        {"id": "a", "title": {"en": "A"}, "questions": [
         {"id": "kids", "type": "number", "range": {"min": 0, "max": 0}, "text": {"en": "How many?"}}]},
        {"id": "kid", "title": {"en": "K"}, "repeat": {"times": "kids"}, "questions": [
         {"id": "age", "type": "number", "text": {"en": "Age?"}}]}]}
      """
    let outcome = QuestionnaireLoader.load(Array(json.utf8), file: "l")
    #expect(outcome.diagnostics.map(\.code) == ["W161"])
    #expect(outcome.questionnaire?.instances.map(\.id) == ["kids"])
  }

  @Test("a dropped question's option conditions stay with it: the next question with fewer options loads")
  func droppedOptionConditions() {
    let json = """
      {"formatVersion": 1, "id": "l", "version": "1", "title": {"en": "L"}, "languages": ["en"], "sections": [
        {"id": "a", "title": {"en": "A"}, "questions": [
         {"id": 7, "type": "singleChoice", "text": {"en": "Q"},
          "options": [{"code": 1, "label": {"en": "a"}}, {"code": 2, "label": {"en": "b"}}, {"code": 3, "label": {"en": "c"}, "showIf": "true"}]},
         {"id": "next", "type": "singleChoice", "text": {"en": "N"}, "options": [{"code": 1, "label": {"en": "a"}}]}]}]}
      """
    let outcome = QuestionnaireLoader.load(Array(json.utf8), file: "l")
    #expect(outcome.diagnostics.map(\.code) == ["E002"])
  }
}
