import EnkatTestSupport
import Glibc
import Testing

@testable import EnkatLog

@Suite("The writer appends only to a file it fully understands")
struct WriterRefusalTests {
  typealias R = LogTestRecords

  private func open(_ directory: String, station: String = "S01") throws -> ResponseLogWriter {
    try ResponseLogWriter(
      directory: directory, questionnaireID: "q", questionnaireDigest: "sha256:" + R.digest, station: station,
      now: { "2026-11-23T12:00:00.000Z" })
  }

  private func refused(_ bytes: [UInt8], _ expected: String) throws {
    let dir = TemporaryDirectory()
    let path = ResponseLogWriter.path(directory: dir.path, questionnaireID: "q", station: "S01")
    TestFiles.append(bytes, to: path)
    do {
      _ = try open(dir.path)
      Issue.record("the file was accepted")
    } catch let error as LogError {
      guard case .notAppendable = error else { Issue.record("\(error)"); return }
      #expect(error.description.contains(expected), "\(error)")
      #expect(error.description.contains("nothing was written"))
    }
    #expect(TestFiles.bytes(path) == bytes, "the file is untouched")
    #expect(!TestDirectory.list(dir.path).contains { $0.hasSuffix(".index") })
  }

  @Test("a file with Windows line endings is refused, not restarted at S01-0001")
  func windows() throws {
    try refused(R.file(R.lines(cases: 2), ending: [0x0D, 0x0A]), "Windows line endings")
  }

  @Test("another station's file, another questionnaire's cases and a file that is no response file are refused")
  func foreign() throws {
    try refused(R.file(R.lines(cases: 2, station: "S02")), "a record of station S02")
    try refused(R.file([RecordCodec.encode(R.record(1, R.start("other")))]), "a case of questionnaire other")
    try refused(Array("name,phone\nAnna,070-1234567\nBo,070-7654321\n".utf8), "no checksum")
    try refused(Array("just some text without a line break".utf8), "torn by a crash")
  }

  @Test("a file concatenated with itself, or with a damaged line in the middle, is refused")
  func damaged() throws {
    let once = R.file(R.lines(cases: 2))
    try refused(once + once, "records 1–8 of station S01 again")
    var lines = R.lines(cases: 2)
    lines[2][15] ^= 0x02
    try refused(R.file(lines), "line 3")
  }

  @Test("a torn whole record is sealed dead with one write: the seal follows the last record that counts")
  func sealWholeRecord() throws {
    let dir = TemporaryDirectory()
    let path = ResponseLogWriter.path(directory: dir.path, questionnaireID: "q", station: "S01")
    TestFiles.append(R.file(R.lines(cases: 1)), to: path)
    // A whole record, but its line break never reached the disk: it was not acknowledged.
    TestFiles.append(RecordCodec.encode(R.record(5, R.start(), case: "S01-0002")), to: path)
    do {
      let w = try open(dir.path)
      #expect(w.openingNotices.count == 1)
      #expect(w.nextCaseID() == "S01-0002", "the fragment's case id does not count")
      try w.append(R.start(), caseID: w.nextCaseID(), time: "t")
    }
    let contents = try ResponseLogWriter.read(path: path)
    #expect(contents.problems.isEmpty)
    #expect(contents.sealedFragments.map(\.line) == [5])
    #expect(contents.records.map(\.record.sequence) == [1, 2, 3, 4, 5, 6])
    #expect(contents.records[4].record.payload == .tornTailSealed(atOffset: contents.sealedFragments[0].offset))
    #expect(contents.cases.map(\.caseID) == ["S01-1", "S01-0002"])
    #expect(try open(dir.path).openingNotices.isEmpty, "a sealed fragment is quiet afterwards")
  }

  @Test("what a crash during the seal leaves (the fragment ended, the seal torn) is sealed as one region")
  func tornSeal() throws {
    let dir = TemporaryDirectory()
    let path = ResponseLogWriter.path(directory: dir.path, questionnaireID: "q", station: "S01")
    let good = R.file(R.lines(cases: 1))
    let seal = RecordCodec.encode(R.record(5, .tornTailSealed(atOffset: good.count), case: ""))
    TestFiles.append(good + Array(#"{"v":1,"seq":5,"at":"2026"#.utf8) + Array("~\n".utf8) + seal.prefix(30), to: path)
    do {
      let w = try open(dir.path)
      #expect(w.openingNotices.count == 2)
      try w.append(R.answer("x", 1), caseID: "S01-1", time: "t")
    }
    let contents = try ResponseLogWriter.read(path: path)
    #expect(contents.problems.isEmpty)
    #expect(contents.sealedFragments.map(\.line) == [5, 6])
    #expect(contents.records.map(\.record.sequence) == [1, 2, 3, 4, 5, 6])
  }

  @Test("a symbolic link at the file's path, a folder there, and an empty --data are refused")
  func paths() throws {
    let dir = TemporaryDirectory()
    let target = dir.file("elsewhere.txt")
    TestFiles.write("do not touch\n", to: target)
    let path = ResponseLogWriter.path(directory: dir.path, questionnaireID: "q", station: "S01")
    symlink(target, path)
    #expect(throws: LogError.symbolicLink(path)) { _ = try open(dir.path) }
    #expect(TestFiles.text(target) == "do not touch\n")
    mkdir(ResponseLogWriter.path(directory: dir.path, questionnaireID: "q", station: "S02"), 0o700)
    #expect(
      throws: LogError.notARegularFile(
        ResponseLogWriter.path(directory: dir.path, questionnaireID: "q", station: "S02"))
    ) {
      _ = try open(dir.path, station: "S02")
    }
    #expect(throws: LogError.noDirectory) { _ = try open("") }
  }

  @Test("the disk-full message says what was not saved")
  func unsavedNames() {
    #expect(LogError.Unsaved([R.answer("a", 1)]) == .answer)
    #expect(LogError.Unsaved([.tornTailSealed(atOffset: 0)]) == .seal)
    #expect(LogError.Unsaved([.resume(interviewer: "a", language: "sv")]) == .resume)
    #expect(LogError.Unsaved([R.start()]) == .start)
    #expect(LogError.Unsaved([.end(.complete)]) == .end)
    let seal = LogError.writeFailed("f", errno: ENOSPC, unsaved: .seal).description
    #expect(seal.contains("seals off a record torn") && !seal.contains("last answer"))
    #expect(
      LogError.writeFailed("f", errno: ENOSPC, unsaved: .answer).description.contains("The last answer was NOT saved"))
  }
}
