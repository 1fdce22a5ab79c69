import EnkatLog
import EnkatTestSupport
import Foundation
import Testing

@testable import EnkatCollector

@Suite("The store's pieces")
struct StoreTests {
  @Test("an answer's value is kept as JSON, and what is not an answer keeps its question or outcome")
  func columns() {
    #expect(
      RecordColumns(.answer(questionID: "q", response: .integer(3), elapsedMilliseconds: 5, revision: false)).value
        == "3")
    #expect(
      RecordColumns(.answer(questionID: "q", response: .integers([1, 4]), elapsedMilliseconds: 5, revision: false))
        .value == "[1,4]")
    #expect(
      RecordColumns(.answer(questionID: "q", response: .number(12.5), elapsedMilliseconds: 5, revision: false)).value
        == "12.5")
    #expect(
      RecordColumns(.answer(questionID: "q", response: .text("Åsa \"A\""), elapsedMilliseconds: 5, revision: false))
        .value
        == #""Åsa \"A\"""#)
    let missing = RecordColumns(
      .answer(questionID: "q", response: .missing("refused"), elapsedMilliseconds: 5, revision: true))
    #expect(missing.value == nil && missing.missing == "refused" && missing.milliseconds == 5)
    #expect(RecordColumns(.clear(questionID: "x")).question == "x")
    #expect(RecordColumns(.end(.breakOff)).outcome == "breakOff")
  }

  @Test("a reader's position survives the store, and a damaged one is not used")
  func savedPosition() {
    var position = ResponseLogReader.Position()
    position.offset = 1234
    position.line = 17
    position.expectedSequence = [ResponseLogReader.stream(station: "S1", questionnaireID: "q"): 16]
    position.currentQuestionnaire = ["S1": "q"]
    #expect(SavedPosition.decode(SavedPosition.encode(position)) == position)
    #expect(SavedPosition.decode("{not json") == nil)
  }

  @Test("folders are searched for *.jsonl, files taken as given, each once, in path order")
  func inputs() {
    let dir = TemporaryDirectory()
    for name in ["b/2.jsonl", "b/x.txt", "a/1.jsonl", "a/.1.jsonl.index", "c.jsonl"] {
      mkdir(dir.file(String(name.split(separator: "/").dropLast().joined(separator: "/"))), 0o700)
      TestFiles.write("", to: dir.file(name))
    }
    var report = CollectReport()
    let found = InputFiles.find([dir.path, dir.file("c.jsonl"), dir.file("missing.jsonl")], report: &report)
    #expect(found == [dir.file("a/1.jsonl"), dir.file("b/2.jsonl"), dir.file("c.jsonl")])
    #expect(report.unreadable == [dir.file("missing.jsonl")])
  }
}
