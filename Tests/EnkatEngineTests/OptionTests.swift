import EnkatEngine
import EnkatModel
import EnkatTestSupport
import Testing

@Suite("Option logic and order")
struct OptionTests {
  let json = """
    {"formatVersion": 1, "id": "o", "version": "1", "title": {"en": "O"}, "languages": ["en"],
     "sections": [{"id": "s", "title": {"en": "S"}, "questions": [
       {"id": "car", "type": "singleChoice", "text": {"en": "Car?"},
        "options": [{"code": 1, "label": {"en": "Yes"}}, {"code": 2, "label": {"en": "No"}}]},
       {"id": "travel", "type": "multipleChoice", "text": {"en": "How do you travel?"}, "optionOrder": "shuffle",
        "options": [{"code": 1, "label": {"en": "Bus"}}, {"code": 2, "label": {"en": "Train"}},
                    {"code": 3, "label": {"en": "Car"}, "showIf": "car = 1"}, {"code": 4, "label": {"en": "Bike"}},
                    {"code": 5, "label": {"en": "Walk"}}, {"code": 9, "label": {"en": "None of these"}, "exclusive": true, "fixed": true}]},
       {"id": "pick", "type": "singleChoice", "text": {"en": "Pick"}, "optionOrder": "rotate",
        "options": [{"code": 1, "label": {"en": "A"}}, {"code": 2, "label": {"en": "B"}}, {"code": 3, "label": {"en": "C"}},
                    {"code": 4, "label": {"en": "D"}}, {"code": 5, "label": {"en": "Other"}, "fixed": true}]}
     ]}]}
    """

  private func scenario(seed: UInt64) throws -> Scenario {
    let q = try #require(QuestionnaireLoader.load(Array(json.utf8), file: "o").questionnaire)
    return Scenario(Interview(questionnaire: q, language: "en", seed: seed))
  }

  @Test("an option whose condition does not hold is not offered, and its code is refused")
  func showIf() throws {
    var s = try scenario(seed: 1)
    s.reply("2")
    #expect(s.prompt?.options.contains { $0.code == 3 } == false)
    #expect(s.reply("3") == .notAnOption("3", codes: s.prompt!.options.map(\.code)))
    var t = try scenario(seed: 1)
    t.reply("1")
    #expect(t.prompt?.options.contains { $0.code == 3 } == true)
    #expect(t.reply("3") == nil)
  }

  @Test("a kept answer whose option is no longer offered is asked again")
  func keptHiddenOption() throws {
    var s = try scenario(seed: 1)
    s.reply("1")
    s.reply("3")
    s.reply("<")
    s.reply("<")
    s.reply("2")  // no car: the Car option disappears
    #expect(s.current == "travel")
    #expect(s.reply("") != nil, "Enter cannot keep 'Car'")
    #expect(s.reply("1") == nil)
  }

  @Test("an exclusive option cannot be combined with others")
  func exclusive() throws {
    var s = try scenario(seed: 1)
    s.reply("1")
    #expect(s.reply("1,9") == .exclusiveOption("None of these"))
    #expect(s.reply("9") == nil)
    #expect(s.interview.responses["travel"] == .answer(.codes([9])))
  }

  @Test("a shuffled order is fixed per seed, differs between seeds, keeps fixed options in place, and is recorded")
  func shuffle() throws {
    var orders: Set<[Int]> = []
    for seed in UInt64(1)...20 {
      var s = try scenario(seed: seed)
      s.reply("1")
      let order = try #require(s.prompt?.options.map(\.code))
      #expect(order.sorted() == [1, 2, 3, 4, 5, 9] && order.last == 9)
      var again = try scenario(seed: seed)
      again.reply("1")
      #expect(again.prompt?.options.map(\.code) == order, "the same seed gives the same order")
      orders.insert(order)
      s.reply("2")
      #expect(s.events.suffix(2).first == .optionOrder(questionID: "travel", codes: order))
    }
    #expect(orders.count > 10, "\(orders.count) different orders in 20 cases")
  }

  @Test("a rotated order is a rotation of the written order, with fixed options in place")
  func rotate() throws {
    var starts: Set<Int> = []
    for seed in UInt64(1)...20 {
      var s = try scenario(seed: seed)
      s.reply("2")
      s.reply("1")
      let order = try #require(s.prompt?.options.map(\.code))
      #expect(order.last == 5)
      let start = order[0]
      #expect(Array(order.prefix(4)) == (0..<4).map { (start - 1 + $0) % 4 + 1 })
      starts.insert(start)
    }
    #expect(starts.count == 4)
  }

  @Test("exclusive is for multiple choice, and optionOrder for choice questions")
  func misuse() {
    let bad = json.replacingOccurrences(
      of: #"{"code": 1, "label": {"en": "Yes"}}"#, with: #"{"code": 1, "label": {"en": "Yes"}, "exclusive": true}"#
    )
    .replacingOccurrences(
      of: #""type": "singleChoice", "text": {"en": "Pick"}, "optionOrder": "rotate""#,
      with: #""type": "singleChoice", "text": {"en": "Pick"}, "optionOrder": "random""#)
    let outcome = QuestionnaireLoader.load(Array(bad.utf8), file: "o")
    #expect(outcome.diagnostics.map(\.code) == ["E038", "E035"], "\(outcome.diagnostics)")
  }
}
