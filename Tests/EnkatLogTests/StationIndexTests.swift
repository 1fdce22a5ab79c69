import EnkatTestSupport
import Glibc
import Testing

@testable import EnkatLog

@Suite("A station opens from its index, and the index is never trusted over the file")
struct StationIndexTests {
  typealias R = LogTestRecords

  private func open(_ directory: String) throws -> ResponseLogWriter {
    try ResponseLogWriter(
      directory: directory, questionnaireID: "q", questionnaireDigest: "sha256:" + R.digest, station: "S01",
      now: { "2026-11-23T12:00:00.000Z" })
  }

  /// Writes `cases` cases through a writer; odd cases are left open (suspended).
  private func fill(_ directory: String, cases: Int) throws {
    let w = try open(directory)
    for n in 1...cases {
      let id = w.nextCaseID()
      try w.append(
        contentsOf: [R.start(), R.answer("a", n), .end(n % 2 == 0 ? .complete : .suspended)], caseID: id, time: "t")
    }
  }

  private func view(_ w: ResponseLogWriter) throws -> [String] {
    [
      w.nextCaseID(), w.closedOutcome(of: "S01-0002")?.rawValue ?? "-", "\(w.hasCase("S01-0004"))",
      "\(w.hasCase("S01-0099"))",
    ]
      + w.resumableCases + (try w.resumableCases.map { "\(try w.history(of: $0).records.count)" })
  }

  @Test("the index gives the same station as reading the whole file, after appends and a crash")
  func sameAsFullRead() throws {
    let dir = TemporaryDirectory()
    try fill(dir.path, cases: 9)
    let path = ResponseLogWriter.path(directory: dir.path, questionnaireID: "q", station: "S01")
    let index = dir.path + "/.q.S01.jsonl.index"
    #expect(TestDirectory.list(dir.path).contains(".q.S01.jsonl.index"))
    // Records written after the index (as a writer killed before closing leaves them).
    let extra = R.file([
      RecordCodec.encode(R.record(28, .resume(interviewer: "b", language: "sv"), case: "S01-0003")),
      RecordCodec.encode(R.record(29, R.start(), case: "S01-0010")),
    ])
    TestFiles.append(extra, to: path)
    let withIndex = try view(try open(dir.path))
    unlink(index)
    let withoutIndex = try view(try open(dir.path))
    #expect(withIndex == withoutIndex)
    #expect(Array(withIndex.prefix(4)) == ["S01-0011", "complete", "true", "false"])
    #expect(withIndex.contains("S01-0010") && withIndex.contains("S01-0003"))
  }

  @Test("the index is used without rereading the file: a change it cannot see is not read")
  func indexIsUsed() throws {
    let dir = TemporaryDirectory()
    try fill(dir.path, cases: 300)
    let path = ResponseLogWriter.path(directory: dir.path, questionnaireID: "q", station: "S01")
    var bytes = TestFiles.bytes(path)
    #expect(bytes.count > 3 * FileFingerprint.window)
    bytes[bytes.count / 2] ^= 0x01  // damage outside the first and last 4 KiB
    unlink(path)
    TestFiles.append(bytes, to: path)
    #expect(throws: Never.self) { _ = try open(dir.path) }
    unlink(dir.path + "/.q.S01.jsonl.index")
    #expect(throws: (any Error).self, "without the index the whole file is read, and the damage found") {
      _ = try open(dir.path)
    }
  }

  @Test("an index that does not fit the file (replaced, truncated, damaged) is ignored")
  func mismatch() throws {
    let dir = TemporaryDirectory()
    try fill(dir.path, cases: 5)
    let path = ResponseLogWriter.path(directory: dir.path, questionnaireID: "q", station: "S01")
    let index = dir.path + "/.q.S01.jsonl.index"
    let saved = TestFiles.bytes(index)
    // The file replaced by a shorter one with other cases.
    unlink(path)
    TestFiles.append(R.file(R.lines(cases: 2)), to: path)
    #expect(try open(dir.path).nextCaseID() == "S01-0003")
    // A damaged index.
    unlink(index)
    var damaged = saved
    damaged[damaged.count / 2] ^= 0x01
    TestFiles.append(damaged, to: index)
    #expect(try open(dir.path).nextCaseID() == "S01-0003")
  }
}

@Suite("The station index after a long read")
struct StationIndexAfterReadTests {
  typealias R = LogTestRecords

  @Test("a writer that read more than a megabyte at open writes the index at once, before it closes")
  func indexWrittenAtOpen() throws {
    let dir = TemporaryDirectory()
    let path = ResponseLogWriter.path(directory: dir.path, questionnaireID: "q", station: "S01")
    TestFiles.append(R.file(R.lines(cases: 3000, answers: 2)), to: path)
    #expect(TestFiles.bytes(path).count > ResponseLogWriter.indexAfterBytes)
    let writer = try ResponseLogWriter(
      directory: dir.path, questionnaireID: "q", questionnaireDigest: "sha256:" + R.digest, station: "S01",
      now: { "t" })
    #expect(TestDirectory.list(dir.path).contains(".q.S01.jsonl.index"), "kill -9 from here on still leaves it")
    #expect(writer.nextCaseID() == "S01-3001")
  }
}
