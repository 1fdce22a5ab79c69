import EnkatEngine
import EnkatExpressions
import EnkatModel
import EnkatTestSupport
import Testing

@Suite("Date questions")
struct DateQuestionTests {
  let json = """
    {"formatVersion": 1, "id": "d", "version": "1", "title": {"en": "D"}, "languages": ["en"], "sections": [
      {"id": "s", "title": {"en": "S"}, "questions": [
       {"id": "born", "type": "date", "range": {"min": "1900-01-01"}, "text": {"en": "Date of birth?"},
        "checks": [{"rule": "born <= today()", "message": {"en": "{born} is in the future"}}]},
       {"id": "age", "type": "computed", "expression": "yearsBetween(born, today())"},
       {"id": "adult", "type": "singleChoice", "askIf": "age >= 18", "text": {"en": "Born {born}, so {age}. Vote?"},
        "options": [{"code": 1, "label": {"en": "Yes"}}, {"code": 2, "label": {"en": "No"}}]},
       {"id": "bye", "type": "text", "required": false, "text": {"en": "Bye"}}]}]}
    """

  func scenario(today: String) throws -> Scenario {
    let q = try #require(QuestionnaireLoader.load(Array(json.utf8), file: "d").questionnaire)
    return Scenario(Interview(questionnaire: q, language: "en", today: CalendarDay.parse(today)))
  }

  @Test("a date is typed as YYYY-MM-DD, checked against its range and today, and computes an age")
  func age() throws {
    var s = try scenario(today: "2019-10-03")
    #expect(s.reply("1899-12-31") == .dateOutOfRange(min: CalendarDay.parse("1900-01-01"), max: nil))
    #expect(s.reply("31/12/1980") == .notADate("31/12/1980"))
    #expect(s.reply("2020-01-01") == .checkFailed(LocalizedText(["en": "2020-01-01 is in the future"])))
    s.reply("2001-10-03")
    #expect(s.current == "adult")
    #expect(s.prompt?.text == "Born 2001-10-03, so 18. Vote?")
    #expect(s.interview.responses["born"] == .answer(.date(CalendarDay.parse("2001-10-03")!)))
  }

  @Test("the day before the 18th birthday routes past the adult question")
  func dayBeforeBirthday() throws {
    var s = try scenario(today: "2019-10-02")
    s.reply("2001-10-03")
    #expect(s.current == "bye")
  }
}
