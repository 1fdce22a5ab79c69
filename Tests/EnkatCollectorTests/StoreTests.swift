import EnkatEngine
import EnkatLog
import EnkatTestSupport
import Foundation
import Testing

@testable import EnkatCollector

@Suite("The store's pieces")
struct StoreTests {
  @Test("a case's history decodes to exactly the records encoded, whatever their values and times")
  func historyRoundTrip() {
    var generator = SeededGenerator(seed: 11)
    let payloads: [ResponseRecord.Payload] = [
      .start(
        InterviewStart(
          questionnaireID: "q", questionnaireVersion: "1.0", questionnaireDigest: "sha256:ab", interviewer: "Åsa",
          language: "sv")),
      .resume(interviewer: "Lena", language: "en"),
      .answer(questionID: "a", response: .integer(-3), elapsedMilliseconds: 1200, revision: false),
      .answer(questionID: "b", response: .integers([4, 1, 99]), elapsedMilliseconds: 0, revision: true),
      .answer(questionID: "c", response: .number(12.5), elapsedMilliseconds: 7, revision: false),
      .answer(questionID: "d", response: .text("Örebro \"x\"\n"), elapsedMilliseconds: 7, revision: false),
      .answer(questionID: "e", response: .missing("refused"), elapsedMilliseconds: 7, revision: false),
      .order(questionID: "a", codes: [3, -1, 2]), .questionOrder(blockID: "b", questionIDs: ["x", "y"]),
      .confirm(questionID: "a", check: 2), .clear(questionID: "b"), .language("en"), .end(.breakOff),
      .tornTailSealed(atOffset: 1 << 40),
    ]
    let times = [
      "2019-10-01T08:05:00.000Z", "2019-10-01T08:05:00.000Z", "2020-02-29T23:59:59.999Z", "1969-12-31T23:59:59.001Z",
      "2019-02-30T00:00:00.000Z", "yesterday", "",
    ]
    for _ in 0..<200 {
      var records: [StoredRecord] = []
      var sequence = 0
      for _ in 0..<Int.random(in: 1...30, using: &generator) {
        sequence += Int.random(in: 1...3, using: &generator)
        records.append(
          StoredRecord(
            sequence: sequence, time: times.randomElement(using: &generator)!,
            questionnaireDigest: ["b76bc54146e9667e", "", "x"].randomElement(using: &generator)!,
            payload: payloads.randomElement(using: &generator)!, fileID: Int.random(in: 1...9, using: &generator),
            line: Int.random(in: 1...100_000, using: &generator)))
      }
      #expect(CaseHistoryCodec.decode(CaseHistoryCodec.encode(records)) == records)
    }
    #expect(CaseHistoryCodec.decode([0x02, 0x81]) == nil, "a cut history is refused, not read past its end")
    #expect(CaseHistoryCodec.decode([0x0F, 0x01]) == nil)
  }

  @Test("a case's state applies its records in order: revisions replace, clears keep the answer off route")
  func caseState() {
    func record(_ seq: Int, _ payload: ResponseRecord.Payload) -> StoredRecord {
      StoredRecord(
        sequence: seq, time: "2019-10-0\(seq % 9 + 1)T08:00:00.000Z", questionnaireDigest: "d", payload: payload,
        fileID: 1, line: seq)
    }
    let state = CaseState([
      record(
        1,
        .start(
          InterviewStart(
            questionnaireID: "q", questionnaireVersion: "1", questionnaireDigest: "d", interviewer: "A", language: "sv")
        )),
      record(2, .answer(questionID: "works", response: .integer(1), elapsedMilliseconds: 100, revision: false)),
      record(3, .answer(questionID: "hours", response: .integer(40), elapsedMilliseconds: 200, revision: false)),
      record(4, .end(.suspended)),
      record(5, .resume(interviewer: "B", language: "en")),
      record(6, .answer(questionID: "works", response: .integer(2), elapsedMilliseconds: 300, revision: true)),
      record(7, .clear(questionID: "hours")),
      record(8, .answer(questionID: "why", response: .missing("dontKnow"), elapsedMilliseconds: 50, revision: false)),
    ])
    let summary = state.summary
    #expect(summary.outcome == "open", "resumed after its last end")
    #expect(summary.interviewer == "B" && summary.language == "en" && summary.start?.interviewer == "A")
    #expect(state.inForce["works"] == .response(.integer(2)))
    #expect(state.inForce["hours"] == .offRoute(.integer(40)))
    #expect(state.inForce["why"] == .response(.missing("dontKnow")))
    #expect(summary.answers == 4 && summary.revisions == 1 && summary.clears == 1)
    #expect(summary.answerMilliseconds == 650 && summary.records == 8)
    #expect(summary.firstAt == "2019-10-02T08:00:00.000Z" && summary.lastAt == "2019-10-09T08:00:00.000Z")
  }

  @Test("a reader's position survives the store, and a damaged one is not used")
  func savedPosition() {
    var position = ResponseLogReader.Position()
    position.offset = 1234
    position.line = 17
    position.expectedSequence = [
      ResponseLogReader.stream(station: "S1", questionnaireID: "q"): 16,
      ResponseLogReader.stream(station: "Ö \"2\"/\\", questionnaireID: "q"): 3,
    ]
    position.currentQuestionnaire = ["S1": "q", "Ö \"2\"/\\": "q/2"]
    #expect(SavedPosition.decode(SavedPosition.encode(position)) == position)
    #expect(SavedPosition.decode("{not json") == nil)
    #expect(SavedPosition.decode(#"{"current":{},"expected":{},"line":"17","offset":1234}"#) == nil)
    #expect(SavedPosition.decode(#"{"current":{},"expected":{},"offset":1234}"#) == nil)
    // As stores made before kept it (Foundation's JSONEncoder: slashes and control characters escaped).
    var written = ResponseLogReader.Position()
    written.offset = 1234
    written.line = 17
    written.expectedSequence = ["S/1\u{1F}q": 16]
    written.currentQuestionnaire = ["S/1": "q"]
    #expect(
      SavedPosition.decode(#"{"current":{"S\/1":"q"},"expected":{"S\/1\u001fq":16},"line":17,"offset":1234}"#)
        == written)
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

  @Test(
    "files are found by their real paths: a folder named through a link, a link to a file; links to folders inside are not followed"
  )
  func inputsByRealPath() {
    let dir = TemporaryDirectory()
    let base = InputFiles.canonical(dir.path)
    for folder in ["field", "other"] { mkdir(dir.file(folder), 0o700) }
    TestFiles.write("", to: dir.file("field/1.jsonl"))
    TestFiles.write("", to: dir.file("other/3.jsonl"))
    symlink(base + "/field", dir.file("link"))
    symlink(base + "/field/1.jsonl", dir.file("field/alias.jsonl"))
    symlink(base + "/other/3.jsonl", dir.file("field/out.jsonl"))
    symlink(base + "/other", dir.file("field/sub"))
    var report = CollectReport()
    let found = InputFiles.find([dir.file("link/"), dir.file("field/../field/1.jsonl")], report: &report)
    #expect(found == [base + "/field/1.jsonl", base + "/other/3.jsonl"])
    #expect(report.unreadable.isEmpty)
  }

  @Test("a conflict's line read again from the file is the record read before, or an error when the file changed")
  func lineReadAgain() throws {
    let dir = TemporaryDirectory()
    let path = dir.file("s.jsonl")
    func line(_ seq: Int, _ value: Int) -> [UInt8] {
      RecordCodec.encode(
        ResponseRecord(
          sequence: seq, time: "2026-11-30T08:00:00.000Z", station: "S1", caseID: "c1", questionnaireDigest: "ab",
          payload: .answer(questionID: "q1", response: .integer(value), elapsedMilliseconds: 10, revision: false)))
    }
    let first = line(1, 1)
    let second = line(2, 2)
    try Data(first + [0x0A] + second + [0x0A]).write(to: URL(fileURLWithPath: path))
    let checksum = second.withUnsafeBufferPointer { RecordCodec.verifiedChecksum($0) }!
    let chunk = ParsedChunk(
      segments: [], problems: [], sealedFragments: [], buffer: nil, length: 0, offset: 0, bytesRead: 0)
    let text = try chunk.line(atFileOffset: first.count + 1, checksum: checksum, path: path)
    #expect(text == String(decoding: second, as: UTF8.self))
    // Rewritten in place with another record of the same length: refused, not stored as the conflict.
    try Data(first + [0x0A] + line(2, 3) + [0x0A]).write(to: URL(fileURLWithPath: path))
    #expect(throws: FileChangedWhileCollected.self) {
      try chunk.line(atFileOffset: first.count + 1, checksum: checksum, path: path)
    }
  }

  @Test("the store's writeback finds the file SQLite has open, and nothing for a file not open")
  func writebackFindsTheStore() throws {
    let dir = TemporaryDirectory()
    let path = dir.file("field.sqlite")
    let store = try Store(path: path)
    let writeback = StoreWriteback(path: path)
    #expect(writeback.isActive)
    writeback.start()
    writeback.wait()
    try Data([1, 2, 3]).write(to: URL(fileURLWithPath: dir.file("other")))
    #expect(!StoreWriteback(path: dir.file("other")).isActive)
    #expect(!StoreWriteback(path: dir.file("missing")).isActive)
    _ = store
  }
}
