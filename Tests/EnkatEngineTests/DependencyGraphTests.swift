import EnkatModel
import EnkatTestSupport
import Testing

@testable import EnkatEngine

@Suite("Dependency graph")
struct DependencyGraphTests {
  @Test("after any answers and revisions, the incrementally kept route equals a full re-evaluation")
  func incrementalEqualsFull() throws {
    for json in [TestFiles.text(PackagePaths.flagship), routingQuestionnaire] {
      let questionnaire = try #require(QuestionnaireLoader.load(Array(json.utf8), file: "q").questionnaire)
      var random = SeededGenerator(seed: 11)
      for _ in 0..<150 {
        var interview = Interview(questionnaire: questionnaire, language: "sv")
        for _ in 0..<80 {
          guard let question = interview.currentQuestion else { break }
          let line: String
          if Int.random(in: 0..<5, using: &random) == 0 {
            line = "/back"
          } else if question.choices.isEmpty {
            line = ["", "1", "2", "5", "12", "45", "/dk"].randomElement(using: &random)!
          } else {
            line = String(question.choices.randomElement(using: &random)!.code)
          }
          _ = interview.handle(InterviewInput(parsing: line))
          let full = Interview(questionnaire: questionnaire, language: "sv", responses: interview.responses)
          #expect(interview.route == full.route)
          #expect(full.responses == interview.responses, "nothing off the route keeps a response")
        }
      }
    }
  }

  @Test("the graph links each variable to the questions whose conditions read it, through computed variables")
  func graph() throws {
    let q = try #require(QuestionnaireLoader.load(TestFiles.bytes(PackagePaths.flagship), file: "f").questionnaire)
    let interview = Interview(questionnaire: q, language: "sv")
    let ids = { (v: String) in interview.dependents[v, default: []].map { q.questions[$0].id } }
    #expect(ids("satisfaction") == ["dissatisfactionReasons"], "through the computed 'dissatisfied'")
    #expect(ids("area") == ["areaOther", "automationAttitude", "automationAdvantages", "automationDrawbacks"])
    #expect(ids("years").isEmpty)
  }
}
