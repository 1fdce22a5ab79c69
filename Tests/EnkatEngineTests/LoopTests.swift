import EnkatEngine
import EnkatModel
import EnkatTestSupport
import Testing

@Suite("Loops")
struct LoopTests {
  let json = """
    {"formatVersion": 1, "id": "l", "version": "1", "title": {"en": "L"}, "languages": ["en"],
     "missingCodes": [{"kind": "dontKnow", "code": 98, "label": {"en": "Don't know"}}], "allowMissing": ["dontKnow"],
     "sections": [
      {"id": "a", "title": {"en": "A"}, "questions": [
       {"id": "size", "type": "number", "range": {"min": 1, "max": 9}, "text": {"en": "How many people?"}}]},
      {"id": "person", "title": {"en": "Person {person}"}, "repeat": {"times": "size", "max": 4}, "questions": [
       {"id": "name", "type": "text", "text": {"en": "Name of person {person}?"}},
       {"id": "age", "type": "number", "range": {"min": 0, "max": 110}, "text": {"en": "How old is {name}?"},
        "checks": [{"kind": "hard", "rule": "person > 1 or age >= 16", "message": {"en": "{name} answers, so 16+"}}]},
       {"id": "works", "type": "singleChoice", "askIf": "age >= 16", "text": {"en": "Does {name} work?"},
        "options": [{"code": 1, "label": {"en": "Yes"}}, {"code": 2, "label": {"en": "No"}}]}]},
      {"id": "b", "title": {"en": "B"}, "questions": [
       {"id": "reasons", "type": "multipleChoice", "text": {"en": "Reasons?"},
        "options": [{"code": 1, "label": {"en": "Price"}}, {"code": 2, "label": {"en": "Time"}},
                    {"code": 3, "label": {"en": "Comfort"}}]}]},
      {"id": "reason", "title": {"en": "About {reason}"}, "repeat": {"forEach": "reasons"}, "questions": [
       {"id": "weight", "type": "scale", "askIf": "reason != 2 or size > 1",
        "scale": {"min": 1, "max": 5, "minLabel": {"en": "Little"}, "maxLabel": {"en": "Much"}},
        "text": {"en": "How much does {reason} weigh?"}}]},
      {"id": "c", "title": {"en": "C"}, "questions": [
       {"id": "bye", "type": "text", "required": false, "text": {"en": "Thanks {name[1]}, {age[2]}"}}]}
     ]}
    """

  @Test("a counted loop asks its questions once per iteration, with the iteration and its answers filled in")
  func countedLoop() throws {
    var s = try Scenario(json)
    s.reply("2")
    #expect(s.current == "name[1]")
    #expect(s.prompt?.sectionTitle == "Person 1")
    #expect(s.prompt?.text == "Name of person 1?")
    s.reply("Anna")
    #expect(s.prompt?.text == "How old is Anna?")
    #expect(s.reply("12") == .checkFailed(LocalizedText(["en": "Anna answers, so 16+"])))
    s.reply("41")
    #expect(s.current == "works[1]")
    s.reply("1")
    #expect(s.current == "name[2]")
    #expect(s.prompt?.sectionTitle == "Person 2")
    s.reply("Bo")
    s.reply("9")  // the check allows children after person 1; works is not asked of a 9-year-old
    #expect(s.current == "reasons")
    #expect(s.interview.responses["age[2]"] == .answer(.number(9)))
    #expect(s.interview.responses["works[2]"] == nil)
  }

  @Test("a forEach loop runs once per chosen option, keyed and labelled by it")
  func forEachLoop() throws {
    var s = try Scenario(json)
    for line in ["1", "Anna", "30", "2"] { s.reply(line) }
    s.reply("1,3")
    #expect(s.current == "weight[1]")
    #expect(s.prompt?.sectionTitle == "About Price")
    #expect(s.prompt?.text == "How much does Price weigh?")
    s.reply("4")
    #expect(s.current == "weight[3]")
    s.reply("2")
    #expect(s.current == "bye")
    #expect(s.prompt?.text == "Thanks Anna, ")
  }

  @Test("lowering the count or unticking a member clears exactly the iterations that no longer exist")
  func revisionsClearIterations() throws {
    var s = try Scenario(json)
    for line in ["3", "Anna", "30", "1", "Bo", "8", "Cy", "70", "2", "1,2,3", "1", "2", "3"] { s.reply(line) }
    #expect(s.current == "bye")
    while s.current != "size" { s.reply("/back") }
    s.reply("2")
    #expect(
      s.events.suffix(3) == [
        .cleared(questionID: "name[3]"), .cleared(questionID: "age[3]"), .cleared(questionID: "works[3]"),
      ])
    #expect(s.current == "name[1]")
    while s.current != "reasons" { s.reply("") }
    s.reply("1,3")
    #expect(s.events.last == .cleared(questionID: "weight[2]"))
    #expect(s.interview.responses["weight[1]"] == .answer(.code(1)))
    #expect(s.interview.responses["weight[3]"] == .answer(.code(3)))
  }

  @Test("going back crosses from one iteration into the previous one")
  func backAcrossIterations() throws {
    var s = try Scenario(json)
    for line in ["2", "Anna", "30", "1"] { s.reply(line) }
    #expect(s.current == "name[2]")
    s.reply("/back")
    #expect(s.current == "works[1]")
    #expect(s.prompt?.currentAnswer == "1 Yes")
    s.reply("/back")
    s.reply("/back")
    #expect(s.current == "name[1]")
    #expect(s.prompt?.currentAnswer == "Anna")
  }

  @Test("an answer that needs more iterations than the loop's max is refused, not cut short")
  func loopBound() throws {
    var s = try Scenario(json)
    #expect(s.reply("5") == .tooManyIterations(loop: "person", max: 4))
    #expect(s.current == "size")
    #expect(s.reply("4") == nil)
  }

  @Test("a resumed interview continues in the iteration where it stopped")
  func resumeInsideLoop() throws {
    var s = try Scenario(json)
    for line in ["2", "Anna", "30", "1", "Bo"] { s.reply(line) }
    let resumed = Interview(questionnaire: s.interview.questionnaire, language: "en", responses: s.interview.responses)
    #expect(Scenario(resumed).current == "age[2]")
  }

  @Test("outside the loop, sum, min, max and count aggregate over the iterations that were asked")
  func aggregates() throws {
    let json = """
      {"formatVersion": 1, "id": "a", "version": "1", "title": {"en": "A"}, "languages": ["en"],
       "missingCodes": [{"kind": "dontKnow", "code": 98, "label": {"en": "Don't know"}}], "allowMissing": ["dontKnow"],
       "sections": [
        {"id": "a", "title": {"en": "A"}, "questions": [
         {"id": "size", "type": "number", "range": {"min": 1, "max": 5}, "text": {"en": "How many?"}}]},
        {"id": "person", "title": {"en": "P"}, "repeat": {"times": "size"}, "questions": [
         {"id": "age", "type": "number", "range": {"min": 0, "max": 110}, "text": {"en": "Age?"}},
         {"id": "adult", "type": "computed", "expression": "age >= 18"}]},
        {"id": "z", "title": {"en": "Z"}, "questions": [
         {"id": "adults", "type": "computed", "expression": "count(adult)"},
         {"id": "ages", "type": "computed", "expression": "sum(age)"},
         {"id": "oldest", "type": "computed", "expression": "max(age)"},
         {"id": "kids", "type": "text", "required": false, "askIf": "min(age) < 18",
          "text": {"en": "{adults} adults, ages {ages}, oldest {oldest}"}},
         {"id": "bye", "type": "text", "required": false, "text": {"en": "Bye"}}]}]}
      """
    var s = try Scenario(json)
    for line in ["3", "40", "38", "7"] { s.reply(line) }
    #expect(s.current == "kids")
    #expect(s.prompt?.text == "2 adults, ages 85, oldest 40")
    s.reply("")
    while s.current != "size" { s.reply("/back") }
    s.reply("2")  // the third member and their age are gone: no child left
    while s.current != "<end>" { s.reply("") }
    #expect(s.interview.responseValues["adults"] == .number(2))
    #expect(s.interview.responseValues["ages"] == .number(78))
    #expect(s.interview.responses["kids"] == nil)
    var dk = try Scenario(json)
    for line in ["2", "40", "/dk"] { dk.reply(line) }
    #expect(dk.interview.responseValues["ages"] == .missing(.dontKnow), "a member's don't know makes the sum unknown")
    #expect(dk.current == "bye")
  }

  @Test("a loop question read outside its loop other than through an aggregate is an error with the way out")
  func aggregateErrors() {
    func codes(_ expression: String) -> [String] {
      let json = """
        {"formatVersion": 1, "id": "a", "version": "1", "title": {"en": "A"}, "languages": ["en"], "sections": [
          {"id": "a", "title": {"en": "A"}, "questions": [
           {"id": "size", "type": "number", "range": {"min": 1, "max": 5}, "text": {"en": "How many?"}}]},
          {"id": "person", "title": {"en": "P"}, "repeat": {"times": "size"}, "questions": [
           {"id": "age", "type": "number", "text": {"en": "Age?"}}, {"id": "name", "type": "text", "text": {"en": "Name?"}}]},
          {"id": "z", "title": {"en": "Z"}, "questions": [{"id": "c", "type": "computed", "expression": "\(expression)"}]}]}
        """
      return QuestionnaireLoader.load(Array(json.utf8), file: "a").diagnostics.map(\.code)
    }
    #expect(codes("sum(age) + 1") == [])
    #expect(codes("age + 1") == ["E111"])
    #expect(codes("sum(age, 1)") == ["E111"])
    #expect(codes("count(age)") == ["E120"])
    #expect(codes("max(name)") == ["E120"])
  }

  @Test("optionsFrom offers the members of an earlier loop, labelled and typed by name, coded by iteration")
  func membersAsOptions() throws {
    func json(_ optionsFrom: String, extra: String = #"[{"code": 97, "label": {"en": "Same"}}]"#) -> String {
      """
      {"formatVersion": 1, "id": "m", "version": "1", "title": {"en": "M"}, "languages": ["en"], "sections": [
        {"id": "a", "title": {"en": "A"}, "questions": [
         {"id": "size", "type": "number", "range": {"min": 1, "max": 4}, "text": {"en": "How many?"}}]},
        {"id": "person", "title": {"en": "P"}, "repeat": {"times": "size"}, "questions": [
         {"id": "name", "type": "text", "text": {"en": "Name?"}}]},
        {"id": "z", "title": {"en": "Z"}, "questions": [
         {"id": "earner", "type": "singleChoice", "text": {"en": "Who earns most?"}, "optionsFrom": \(optionsFrom),
          "options": \(extra)},
         {"id": "bye", "type": "text", "required": false, "text": {"en": "So {earner} earns most"}}]}]}
      """
    }
    var s = try Scenario(json(#"{"loop": "person", "label": {"en": "{name} (no. {person})"}}"#))
    for line in ["2", "Anna", "Bo"] { s.reply(line) }
    #expect(s.prompt?.options.map(\.label) == ["Anna (no. 1)", "Bo (no. 2)", "Same"])
    #expect(s.reply("3") == .notAnOption("3", codes: [1, 2, 97]))
    s.reply("bo")
    #expect(s.interview.responses["earner"] == .answer(.code(2)))
    #expect(s.prompt?.text == "So Bo (no. 2) earns most")
    s.reply("/back")
    #expect(s.prompt?.currentAnswer == "2 Bo (no. 2)")
    func codes(_ optionsFrom: String, extra: String = "[]") -> [String] {
      QuestionnaireLoader.load(Array(json(optionsFrom, extra: extra).utf8), file: "m").diagnostics.map(\.code)
    }
    #expect(codes(#"{"loop": "persn", "label": {"en": "{name}"}}"#) == ["E162"])
    #expect(codes(#"{"loop": "person", "label": {"en": "{nme}"}}"#) == ["E110"])
    #expect(
      codes(#"{"loop": "person", "label": {"en": "{name}"}}"#, extra: #"[{"code": 2, "label": {"en": "x"}}]"#) == [
        "E162"
      ])
  }
}
