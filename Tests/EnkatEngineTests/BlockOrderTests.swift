import EnkatEngine
import EnkatModel
import EnkatTestSupport
import Testing

@Suite("Randomized question order")
struct BlockOrderTests {
  let json = """
    {"formatVersion": 1, "id": "b", "version": "1", "title": {"en": "B"}, "languages": ["en"], "sections": [
      {"id": "first", "title": {"en": "F"}, "questions": [{"id": "intro", "type": "display", "text": {"en": "Hi"}}]},
      {"id": "statements", "title": {"en": "S"}, "questionOrder": "shuffle", "questions": [
       {"id": "s1", "type": "scale", "text": {"en": "One"},
        "scale": {"min": 1, "max": 5, "minLabel": {"en": "No"}, "maxLabel": {"en": "Yes"}}},
       {"id": "s2", "type": "singleChoice", "text": {"en": "Two"},
        "options": [{"code": 1, "label": {"en": "A"}}, {"code": 2, "label": {"en": "Other"}, "specify": {"en": "What?"}}]},
       {"id": "s3", "type": "number", "text": {"en": "Three"}},
       {"id": "s4", "type": "text", "text": {"en": "Four"}}]},
      {"id": "last", "title": {"en": "L"}, "questions": [{"id": "bye", "type": "text", "text": {"en": "{s1} {s4}"}}]}]}
    """

  func order(seed: UInt64) throws -> [String] {
    let q = try #require(QuestionnaireLoader.load(Array(json.utf8), file: "b").questionnaire)
    var s = Scenario(Interview(questionnaire: q, language: "en", seed: seed))
    var asked: [String] = []
    while s.current != "<end>" {
      asked.append(s.current)
      let answers = ["s1": "3", "s2": "2", "s2_other": "Hm", "s3": "7", "s4": "x", "bye": "y", "intro": ""]
      s.reply(answers[s.current]!)
    }
    return asked
  }

  @Test("a section's questions come in a per-case order, the same for the same case, the follow-up after its question")
  func perCaseOrder() throws {
    let orders = try (0..<20).map { try order(seed: UInt64($0) &* 7919) }
    for asked in orders {
      #expect(asked.first == "intro" && asked.last == "bye")
      #expect(Set(asked) == ["intro", "s1", "s2", "s2_other", "s3", "s4", "bye"])
      let s2 = try #require(asked.firstIndex(of: "s2"))
      #expect(asked[s2 + 1] == "s2_other")
    }
    #expect(Set(orders.map { $0.description }).count > 5, "orders differ between cases")
    #expect(try order(seed: 42) == order(seed: 42))
  }

  @Test("the order is recorded once, before the block's first answer")
  func recorded() throws {
    let q = try #require(QuestionnaireLoader.load(Array(json.utf8), file: "b").questionnaire)
    var s = Scenario(Interview(questionnaire: q, language: "en", seed: 3))
    s.reply("")
    let first = s.current
    s.reply(first == "s1" ? "3" : first == "s2" ? "1" : first == "s3" ? "1" : "x")
    guard case .questionOrder("statements", let ids)? = s.events.first else {
      Issue.record("no questionOrder event: \(s.events)")
      return
    }
    #expect(ids.first == first && Set(ids) == ["s1", "s2", "s3", "s4"])
    s.reply("/back")
    s.reply("")
    #expect(s.events.count { if case .questionOrder = $0 { true } else { false } } == 1)
  }

  @Test("questions of a randomized block cannot read each other")
  func siblingsIndependent() {
    let reads = json.replacingOccurrences(of: #""text": {"en": "Four"}"#, with: #""text": {"en": "Four {s3}"}"#)
    let d = QuestionnaireLoader.load(Array(reads.utf8), file: "b").diagnostics
    #expect(d.map(\.code) == ["E111"])
    #expect(d.first?.message.contains("random order") == true)
  }
}
