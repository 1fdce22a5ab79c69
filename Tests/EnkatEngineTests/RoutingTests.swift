import EnkatEngine
import EnkatModel
import EnkatTestSupport
import Testing

@Suite("Routing")
struct RoutingTests {
  @Test("the interview starts at the first question and display text needs only Enter")
  func start() throws {
    var s = try Scenario(routingQuestionnaire)
    #expect(s.current == "intro")
    #expect(s.reply("hej") == .nothingToAnswer)
    s.reply("")
    #expect(s.current == "area")
    #expect(s.events.isEmpty)
  }

  @Test("a question whose condition is false is skipped")
  func skip() throws {
    var s = try Scenario(routingQuestionnaire)
    s.reply("")
    s.reply("2")
    s.reply("4")
    #expect(s.current == "young", "satisfied and not in economic assistance: no 'why', no automation")
  }

  @Test("the dissatisfied are asked why, and economic assistance gets the automation section")
  func onRoute() throws {
    var s = try Scenario(routingQuestionnaire)
    s.reply("")
    s.reply("1")
    s.reply("2")
    #expect(s.current == "why")
    s.reply("1,2")
    #expect(s.current == "attitude")
    s.reply("1")
    #expect(s.current == "pros")
  }

  @Test("a condition on a missing answer does not ask: refused area skips the area-specific section")
  func unknownConditionSkips() throws {
    var s = try Scenario(routingQuestionnaire)
    s.reply("")
    s.reply("/ref")
    s.reply("5")
    #expect(s.current == "young")
    #expect(
      s.events.first
        == .answered(questionID: "area", response: .missing(.refused), elapsedMilliseconds: 10, revision: false))
  }

  @Test("going back to change the work area re-routes and clears the answers now off the route")
  func backRevisesAndReroutes() throws {
    var s = try Scenario(routingQuestionnaire)
    for line in ["", "1", "4", "1", "2"] { s.reply(line) }
    #expect(s.current == "young")
    // back through pros, attitude, sat, to area
    for _ in 0..<4 { s.reply("/back") }
    #expect(s.current == "area")
    #expect(s.prompt?.currentAnswer == "1 Ekonomiskt bistånd")
    s.reply("2")
    #expect(
      Array(s.events.suffix(3)) == [
        .answered(questionID: "area", response: .answer(.code(2)), elapsedMilliseconds: 10, revision: true),
        .cleared(questionID: "attitude"),
        .cleared(questionID: "pros"),
      ])
    #expect(s.current == "sat")
    #expect(s.prompt?.currentAnswer == "4")
    s.reply("")  // Enter keeps the answer, and records nothing new
    #expect(s.current == "young")
    #expect(s.interview.responses["attitude"] == nil)
    #expect(s.interview.responses["sat"] == .answer(.code(4)))
  }

  @Test("back from the first question is refused, and back from the end goes to the last question")
  func backEdges() throws {
    var s = try Scenario(routingQuestionnaire)
    #expect(s.reply("<") == .atFirstQuestion)
    for line in ["", "2", "4", "2", "3", ""] { s.reply(line) }
    #expect(s.current == "<end>")
    s.reply("<")
    #expect(s.current == "note")
  }

  @Test("the end needs Enter and records a complete outcome")
  func complete() throws {
    var s = try Scenario(routingQuestionnaire)
    for line in ["", "2", "4", "2", "3", "fin"] { s.reply(line) }
    #expect(s.reply("more") == .endExpectsEnter)
    s.reply("")
    #expect(s.current == "<finished:complete>")
    #expect(s.events.last == .ended(.complete))
  }

  @Test("pause suspends and stop breaks off, at any question")
  func pauseAndStop() throws {
    var s = try Scenario(routingQuestionnaire)
    s.reply("")
    s.reply("/pause")
    #expect(s.current == "<finished:suspended>")
    var t = try Scenario(routingQuestionnaire)
    t.reply("/stop")
    #expect(t.events == [.ended(.breakOff)])
  }

  @Test("resuming continues at the first open question with every response intact")
  func resume() throws {
    let first = try Scenario(routingQuestionnaire)
    let responses: [String: Response] = [
      "area": .answer(.code(1)), "sat": .answer(.code(2)), "why": .answer(.codes([1])),
    ]
    let resumed = Interview(questionnaire: first.interview.questionnaire, language: "sv", responses: responses)
    var s = Scenario(resumed)
    #expect(s.current == "attitude")
    #expect(s.interview.responses == responses)
    s.reply("<")
    #expect(s.current == "why")
    #expect(s.prompt?.currentAnswer == "1 (Resurser)")
  }

  @Test("/lang switches the interview language mid-interview, and is recorded")
  func switchLanguage() throws {
    var s = try Scenario(routingQuestionnaire)
    s.reply("")
    #expect(s.prompt?.text == "Område?")
    #expect(s.reply("/lang en") == nil)
    #expect(s.prompt?.text == "Area?")
    #expect(s.prompt?.options.first?.label == "Economic assistance")
    #expect(s.events == [.languageChanged("en")])
    #expect(s.reply("Children") == nil, "labels are matched in the new language")
    #expect(s.interview.responses["area"] == .answer(.code(2)))
    #expect(s.reply("/lang de") == .languages(requested: "de", available: ["sv", "en"]))
    #expect(s.reply("/lang") == .languages(requested: nil, available: ["sv", "en"]))
    #expect(s.reply("/lang en") == nil)
    #expect(s.events.count == 2, "switching to the language in use records nothing")
  }

  @Test("progress counts the questions on the route as far as the answers decide it")
  func progress() throws {
    var s = try Scenario(routingQuestionnaire)
    s.reply("")
    #expect(s.prompt?.position == 2)
    let before = try #require(s.prompt?.routeLength)
    s.reply("1")
    #expect(try #require(s.prompt?.routeLength) == before + 2, "the automation section joins the route")
  }

  @Test("the flagship routes economic assistance through automation and others past it")
  func flagshipRoutes() throws {
    let json = TestFiles.text(PackagePaths.flagship)
    var s = try Scenario(json)
    for line in ["", "1", "2", "1,2"] { s.reply(line) }
    #expect(s.current == "legalCertainty")
    for line in ["2", "2", "1", "1", "1,2", "3"] { s.reply(line) }
    #expect(s.current == "automationAttitude")
    var t = try Scenario(json)
    for line in ["", "2", "4", "1", "2", "1", "2"] { t.reply(line) }
    #expect(t.current == "leaveIntention")
  }
}

@Suite("Computed variables and fills in the interview")
struct FillInterviewTests {
  let json = """
    {"formatVersion": 1, "id": "f", "version": "1", "title": {"sv": "F", "en": "F"}, "languages": ["sv", "en"],
     "missingCodes": [{"kind": "dontKnow", "code": 98, "label": {"sv": "Vet ej", "en": "Don't know"}}],
     "allowMissing": ["dontKnow"],
     "sections": [{"id": "s0", "title": {"sv": "Start", "en": "Start"}, "questions": [
       {"id": "area", "type": "singleChoice", "text": {"sv": "Område?", "en": "Area?"},
        "options": [{"code": 1, "label": {"sv": "Barn", "en": "Children"}}, {"code": 2, "label": {"sv": "Vuxna", "en": "Adults"}}]}]},
      {"id": "s", "title": {"sv": "Om {area}", "en": "About {area}"}, "questions": [
       {"id": "why", "type": "multipleChoice", "text": {"sv": "Varför {area}?", "en": "Why {area}?"},
        "options": [{"code": 1, "label": {"sv": "Lön", "en": "Pay"}}, {"code": 2, "label": {"sv": "Tid", "en": "Time"}}]},
       {"id": "years", "type": "number", "text": {"sv": "Du valde {why}. År?", "en": "You chose {why}. Years?"},
        "checks": [{"rule": "years <= 40", "kind": "soft", "message": {"sv": "{years} år i {area}?", "en": "{years} years in {area}?"}}]},
       {"id": "veteran", "type": "computed", "expression": "years > 10"},
       {"id": "total", "type": "computed", "expression": "years + count(why)"},
       {"id": "note", "type": "text", "askIf": "veteran", "text": {"sv": "Veteran: {veteran}, summa {total}", "en": "Veteran: {veteran}, total {total}"}}
     ]}]}
    """

  @Test("texts show answers as option labels in the interview language, and numbers")
  func fills() throws {
    var s = try Scenario(json)
    s.reply("2")
    #expect(s.prompt?.text == "Varför Vuxna?")
    #expect(s.prompt?.sectionTitle == "Om Vuxna")
    s.reply("1,2")
    #expect(s.prompt?.text == "Du valde Lön, Tid. År?")
    s.reply("/lang en")
    #expect(s.prompt?.text == "You chose Pay, Time. Years?")
    #expect(
      s.reply("45")?.message(in: "en").hasPrefix("45 years in Adults?") == true,
      "a check's message shows the answer checked")
    s.reply("12")
    #expect(s.prompt?.text == "Veteran: yes, total 14")
  }

  @Test("a computed variable routes, and is never asked; a missing answer fills nothing")
  func computedRoutes() throws {
    var s = try Scenario(json)
    s.reply("1")
    s.reply("/dk")
    #expect(s.prompt?.text == "Du valde . År?")
    s.reply("5")
    #expect(s.current == "<end>", "veteran is false: note is skipped, and computed items are never asked")
  }
}
