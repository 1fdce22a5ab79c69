import EnkatEngine
import EnkatExpressions
import EnkatModel
import EnkatTestSupport
import Testing

/// An interview rebuilt from saved responses (resume, replay) follows the route the interviewer saw.
@Suite("Routes rebuilt from saved answers")
struct RebuiltRouteTests {
  let json = """
    {"formatVersion": 1, "id": "t", "version": "1", "title": {"en": "T"}, "languages": ["en"], "sections": [
      {"id": "s", "title": {"en": "S"}, "questions": [
       {"id": "weekday", "type": "singleChoice", "askIf": "daysBetween(today(), today()) = 0", "text": {"en": "Asked on any day"},
        "options": [{"code": 1, "label": {"en": "Yes"}}, {"code": 2, "label": {"en": "No"}}]},
       {"id": "moved", "type": "date", "text": {"en": "When did you move?"}},
       {"id": "recent", "type": "computed", "expression": "daysBetween(moved, today()) < 365"},
       {"id": "settled", "type": "singleChoice", "askIf": "recent", "text": {"en": "Settled in?"},
        "options": [{"code": 1, "label": {"en": "Yes"}}, {"code": 2, "label": {"en": "No"}}]},
       {"id": "bye", "type": "text", "required": false, "text": {"en": "Bye"}}]}]}
    """

  private func questionnaire(_ text: String? = nil) throws -> Questionnaire {
    try #require(QuestionnaireLoader.load(Array((text ?? json).utf8), file: "t").questionnaire)
  }

  @Test("a condition that reads only today() is asked in a fresh interview")
  func todayOnly() throws {
    let s = Scenario(
      Interview(questionnaire: try questionnaire(), language: "en", today: CalendarDay.parse("2026-11-29")))
    #expect(s.current == "weekday")
  }

  @Test("a question whose condition reads today() through a computed variable is asked after resume, and replay agrees")
  func todayAfterResume() throws {
    let q = try questionnaire()
    let today = CalendarDay.parse("2026-11-29")
    let responses: [String: Response] = [
      "weekday": .answer(.code(1)), "moved": .answer(.date(CalendarDay.parse("2026-06-01")!)),
    ]
    let resumed = Scenario(Interview(questionnaire: q, language: "en", responses: responses, today: today))
    #expect(resumed.current == "settled")
    var complete = responses
    complete["settled"] = .answer(.code(1))
    complete["bye"] = .noAnswer
    #expect(
      Interview.replay(
        questionnaire: q, language: "en", responses: complete, unusable: [], complete: true, today: today
      )
      .isEmpty)
  }

  let checked = """
    {"formatVersion": 1, "id": "c", "version": "1", "title": {"en": "C"}, "languages": ["en"], "sections": [
      {"id": "s", "title": {"en": "S"}, "questions": [
       {"id": "young", "type": "singleChoice", "text": {"en": "Under 30?"},
        "options": [{"code": 1, "label": {"en": "Yes"}}, {"code": 2, "label": {"en": "No"}}]},
       {"id": "years", "type": "number", "range": {"min": 0, "max": 60}, "text": {"en": "Years?"},
        "checks": [{"rule": "years <= 40", "kind": "soft", "message": {"en": "Unusually many years."}},
                   {"rule": "not (young = 1 and years > 10)", "kind": "soft", "message": {"en": "Many years for under 30. Is that right?"}},
                   {"rule": "not (young = 1 and years > 20)", "message": {"en": "Too many years for under 30."}}]},
       {"id": "pay", "type": "number", "text": {"en": "Pay?"}},
       {"id": "bye", "type": "text", "required": false, "text": {"en": "Bye"}}]}]}
    """

  @Test("after a revision, a pause and a resume, the interview stops at the kept answer that no longer passes")
  func resumeStopsAtFailingKeptAnswer() throws {
    let q = try questionnaire(checked)
    var s = Scenario(Interview(questionnaire: q, language: "en"))
    s.reply("2")
    s.reply("25")
    s.reply("30000")
    for _ in 0..<3 { s.reply("/back") }
    #expect(s.current == "young")
    s.reply("1")  // now 25 years breaks the hard check of years
    s.reply("/pause")
    let resumed = Scenario(Interview(questionnaire: q, language: "en", responses: s.interview.responses))
    #expect(resumed.current == "years", "not pay, the first question without an answer")
    #expect(resumed.prompt?.currentAnswer == "25")
  }

  @Test("Enter on an answer whose soft check was confirmed keeps it without asking again")
  func enterKeepsConfirmed() throws {
    var s = Scenario(Interview(questionnaire: try questionnaire(checked), language: "en"))
    s.reply("2")
    #expect(s.reply("45") == .checkWarning(LocalizedText(["en": "Unusually many years."])))
    s.reply("/ok")
    #expect(s.current == "pay")
    #expect(
      Array(s.events.suffix(2)) == [
        .confirmed(questionID: "years", check: 0),
        .answered(questionID: "years", response: .answer(.number(45)), elapsedMilliseconds: 10, revision: false),
      ])
    let written = s.events.count
    s.reply("/back")
    #expect(s.reply("") == nil)
    #expect(s.current == "pay")
    #expect(s.events.count == written, "nothing new to record")
  }

  @Test(
    "a soft warning raised anew on a kept answer after a revision, kept with /ok, is recorded with a confirm record")
  func confirmRecordedForKeptAnswer() throws {
    let q = try questionnaire(checked)
    for keep in ["/ok", "15"] {
      var s = Scenario(Interview(questionnaire: q, language: "en"))
      s.reply("2")
      s.reply("15")
      s.reply("/back")
      s.reply("/back")
      s.reply("1")  // under 30: 15 years now fails the second soft check
      #expect(s.current == "years")
      #expect(s.reply("") == .checkWarning(LocalizedText(["en": "Many years for under 30. Is that right?"])))
      s.reply(keep)
      #expect(s.current == "pay", "\(keep)")
      #expect(
        Array(s.events.suffix(2)) == [
          .confirmed(questionID: "years", check: 1),
          .answered(questionID: "years", response: .answer(.number(15)), elapsedMilliseconds: 10, revision: true),
        ], "\(keep)")
      #expect(s.interview.confirmations == ["years": [1]])
      // Resumed with the confirmations on file, the interview does not stop at years again.
      let resumed = Interview(
        questionnaire: q, language: "en", responses: s.interview.responses, confirmations: s.interview.confirmations)
      #expect(Scenario(resumed).current == "pay")
      let unconfirmed = Interview(questionnaire: q, language: "en", responses: s.interview.responses)
      #expect(Scenario(unconfirmed).current == "years")
    }
  }

  @Test("a soft-check message that already asks is not asked twice")
  func noDoubleQuestion() {
    let asks = AnswerProblem.checkWarning(LocalizedText(["sv": "45 år är många. Stämmer det?"]))
    #expect(asks.message(in: "sv") == "45 år är många. Stämmer det? (/ok eller samma svar igen behåller det.)")
    let states = AnswerProblem.checkWarning(LocalizedText(["sv": "45 år är många."]))
    #expect(states.message(in: "sv") == "45 år är många. (Stämmer det? /ok eller samma svar igen behåller det.)")
  }
}
