import EnkatEngine
import EnkatModel
import EnkatTestSupport
import Testing

@Suite("Replay")
struct ReplayTests {
  let v1 = QuestionnaireLoader.load(Array(routingQuestionnaire.utf8), file: "v1").questionnaire!

  private func v2(_ edit: (String) -> String) throws -> Questionnaire {
    try #require(QuestionnaireLoader.load(Array(edit(routingQuestionnaire).utf8), file: "v2").questionnaire)
  }

  /// The responses of a case interviewed with version 1.
  private func interviewed(_ lines: [String]) throws -> [String: Response] {
    var s = Scenario(Interview(questionnaire: v1, language: "sv"))
    for line in lines { s.reply(line) }
    return s.interview.responses
  }

  @Test("an unchanged questionnaire finds nothing")
  func unchanged() throws {
    let r = try interviewed(["", "1", "2", "1", "1", "1", "2", "5", "x"])
    #expect(Interview.replay(questionnaire: v1, language: "sv", responses: r, unusable: [], complete: true).isEmpty)
  }

  @Test("a routing change, a narrower range, a new question and a removed question are each found")
  func changes() throws {
    let r = try interviewed(["", "1", "2", "1", "1", "1", "2", "45", "45", "", ""])
    let changed = try v2 {
      $0.replacingOccurrences(of: #""askIf": "area = 1""#, with: #""askIf": "area = 2""#)
        .replacingOccurrences(of: #""range": {"min": 0, "max": 50}"#, with: #""range": {"min": 0, "max": 40}"#)
        .replacingOccurrences(
          of: #""text": {"sv": "Övrigt?", "en": "Anything else?"}}"#,
          with:
            #""text": {"sv": "Övrigt?", "en": "Anything else?"}}, {"id": "extra", "type": "text", "text": {"sv": "Ny", "en": "New"}}"#
        )
    }
    let findings = Interview.replay(
      questionnaire: changed, language: "sv", responses: r, unusable: ["gone"], complete: true)
    #expect(
      findings == [
        .unknown("gone"), .offRoute("attitude"), .offRoute("pros"), .invalid("years", .outOfRange(min: 0, max: 40)),
        .missing("extra"),
      ])
  }

  @Test("an open case is not reported for questions it has not reached yet")
  func openCase() throws {
    let r = try interviewed(["", "2"])
    #expect(Interview.replay(questionnaire: v1, language: "sv", responses: r, unusable: [], complete: false).isEmpty)
  }
}
