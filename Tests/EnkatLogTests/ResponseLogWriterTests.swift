import EnkatModel
import EnkatTestSupport
import Glibc
import Testing

@testable import EnkatLog

@Suite("Response file writer and reader")
struct ResponseLogWriterTests {
  private func open(_ dir: TemporaryDirectory) throws -> ResponseLogWriter {
    try ResponseLogWriter(
      directory: dir.path + "/data", questionnaireID: "q", questionnaireDigest: "sha256:9e0e648358d35fce3e29a0038ce6",
      station: "S01", now: { "2026-11-23T12:00:00.000Z" })
  }

  private func answer(_ q: String, _ v: Int) -> ResponseRecord.Payload {
    .answer(questionID: q, response: .integer(v), elapsedMilliseconds: 1, revision: false)
  }

  @Test("the file is created owner-only, one record per line, with increasing sequence numbers across reopenings")
  func appendAndReopen() throws {
    let dir = TemporaryDirectory()
    do {
      let w = try open(dir)
      try w.append(answer("a", 1), caseID: "c1", time: "t")
      try w.append(answer("b", 2), caseID: "c1", time: "t")
    }
    let w = try open(dir)
    #expect(w.hasCase("c1"))
    try w.append(answer("c", 3), caseID: "c1", time: "t")
    let contents = try ResponseLogWriter.read(path: w.path)
    #expect(contents.records.map(\.record.sequence) == [1, 2, 3])
    #expect(contents.problems.isEmpty)
    #expect(
      contents.records.allSatisfy { $0.record.questionnaireDigest == "9e0e648358d35fce" },
      "every record names its questionnaire")
    #expect(ResponseRecord.shortDigest("sha256:9e0e648358d35fce3e29a0038ce6") == "9e0e648358d35fce")
    #expect(TestFiles.mode(w.path) == 0o600)
    #expect(TestFiles.mode(dir.path + "/data") == 0o700)
  }

  @Test("a second writer on the same station is refused while the first holds the file")
  func secondWriterRefused() throws {
    let dir = TemporaryDirectory()
    let first = try open(dir)
    #expect(throws: LogError.stationBusy(first.path)) { _ = try open(dir) }
    _ = first
  }

  @Test("a torn last record is reported, sealed with its own line, and never glued to the next record")
  func tornTail() throws {
    let dir = TemporaryDirectory()
    let path: String
    do {
      let w = try open(dir)
      try w.append(answer("a", 1), caseID: "c1", time: "t")
      path = w.path
    }
    let full = RecordCodec.encode(
      ResponseRecord(
        sequence: 2, time: "t", station: "S01", caseID: "c1", questionnaireDigest: "9e0e648358d35fce",
        payload: answer("b", 2)))
    TestFiles.append(Array(full.prefix(40)), to: path)
    let before = try ResponseLogWriter.read(path: path)
    #expect(before.records.count == 1)
    #expect(before.problems.map(\.kind) == [.tornTail])
    let w = try open(dir)
    try w.append(answer("c", 3), caseID: "c1", time: "t")
    let after = try ResponseLogWriter.read(path: path)
    #expect(
      after.records.map(\.record.payload) == [
        answer("a", 1), .tornTailSealed(atOffset: before.problems[0].offset), answer("c", 3),
      ])
    #expect(after.records.map(\.record.sequence) == [1, 2, 3])
    #expect(after.problems.isEmpty, "a sealed fragment is not reported again")
    #expect(after.sealedFragments.map(\.line) == [2])
    let lines = TestFiles.text(path).split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 5 && lines[4].isEmpty)
    #expect(lines[1].utf8.count == 41, "the torn bytes stay as they were, ended with ~ alone on their line")
    #expect(lines[1].hasSuffix("~"))
  }

  @Test("an altered record in the middle is reported and the records around it still arrive")
  func corruptMiddle() throws {
    let dir = TemporaryDirectory()
    let w = try open(dir)
    for i in 1...3 { try w.append(answer("q\(i)", i), caseID: "c1", time: "t") }
    var bytes = TestFiles.bytes(w.path)
    let secondLine = bytes.firstIndex(of: 0x0A)! + 1
    let digit = bytes[secondLine...].firstIndex(of: UInt8(ascii: "2"))!
    bytes[digit] = UInt8(ascii: "7")
    let contents = ResponseLogContents.parse(bytes)
    #expect(contents.records.map(\.record.sequence) == [1, 3])
    #expect(contents.problems.count == 1, "the bad line only: the gap it leaves is not reported again")
    #expect(contents.problems[0].kind == .defect(.checksumMismatch))
  }

  @Test("replaying a case applies revisions and clears in order")
  func caseReplay() throws {
    let json = TestFiles.text(PackagePaths.flagship)
    let q = try #require(QuestionnaireLoader.load(Array(json.utf8), file: "f").questionnaire)
    var history = CaseHistory(questionnaireID: "q", station: "S", caseID: "c1")
    let payloads: [ResponseRecord.Payload] = [
      .start(
        InterviewStart(
          questionnaireID: q.id, questionnaireVersion: q.version, questionnaireDigest: q.digest, interviewer: "a",
          language: "sv")),
      answer("area", 1),
      answer("automationAttitude", 2),
      .answer(questionID: "area", response: .integer(2), elapsedMilliseconds: 1, revision: true),
      .clear(questionID: "automationAttitude"),
      .answer(questionID: "years", response: .integer(7), elapsedMilliseconds: 1, revision: false),
      .end(.suspended),
    ]
    history.records = payloads.enumerated().map {
      ResponseRecord(
        sequence: $0.offset + 1, time: "t", station: "S", caseID: "c1", questionnaireDigest: "9e0e648358d35fce",
        payload: $0.element)
    }
    let (responses, unusable) = history.responses(for: q)
    #expect(responses == ["area": .answer(.code(2)), "years": .answer(.number(7))])
    #expect(unusable.isEmpty)
    #expect(history.outcome == .suspended)
    #expect(history.isResumable)
    history.records.append(
      ResponseRecord(
        sequence: 8, time: "t", station: "S", caseID: "c1", questionnaireDigest: "9e0e648358d35fce",
        payload: .resume(interviewer: "a", language: "sv")))
    #expect(history.outcome == nil, "a resumed case is open again")
  }
}
