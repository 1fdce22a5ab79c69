import EnkatTestSupport
import Testing

@testable import EnkatLog

@Suite("Reading damaged and unusual response files")
struct ResponseLogReaderTests {
  typealias R = LogTestRecords

  @Test("a record whose sequence number would overflow is set aside as malformed, and nothing crashes")
  func hugeSequence() {
    var lines = R.lines(cases: 1)
    lines.insert(RecordCodec.encode(R.record(Int.max, R.answer("x", 1))), at: 2)
    lines.append(RecordCodec.encode(R.record(5, R.answer("y", 1))))
    let contents = ResponseLogContents.parse(R.file(lines))
    #expect(contents.records.map(\.record.sequence) == [1, 2, 3, 4, 5])
    #expect(contents.problems.count == 1)
    #expect(contents.problems.first?.line == 3)
    guard case .defect(.malformed(let why))? = contents.problems.first?.kind else {
      Issue.record("expected a malformed record")
      return
    }
    #expect(why.contains("seq"))
  }

  @Test("a file with Windows line endings is read whole and reported once, not as torn records")
  func windowsLineEndings() {
    let lines = R.lines(cases: 3)
    let contents = ResponseLogContents.parse(R.file(lines, ending: [0x0D, 0x0A]))
    #expect(contents.records.count == lines.count)
    #expect(contents.problems == [LogProblem(line: 1, offset: 0, length: 0, kind: .windowsLineEndings(lines: 12))])
    #expect(contents.problems[0].description.contains("Windows line endings"))
  }

  @Test("a byte-order mark before line 1 is ignored and reported once; the start record is read")
  func byteOrderMark() {
    let contents = ResponseLogContents.parse([0xEF, 0xBB, 0xBF] + R.file(R.lines(cases: 1)))
    #expect(contents.records.count == 4)
    #expect(contents.cases.first?.start != nil)
    #expect(contents.problems.map(\.kind) == [.byteOrderMark])
  }

  @Test("a case whose start line is damaged is still a case, with its other records")
  func damagedStart() {
    var lines = R.lines(cases: 2)
    lines[4][20] ^= 0x01  // the second case's start
    let contents = ResponseLogContents.parse(R.file(lines))
    #expect(contents.problems.map(\.line) == [5])
    let second = contents.cases[1]
    #expect(second.caseID == "S01-2")
    #expect(second.start == nil)
    #expect(second.records.count == 3)
    #expect(second.questionnaireDigest == R.digest)
  }

  @Test("one damaged line is one problem: the gap it leaves is not reported again")
  func oneDamagedLine() {
    var lines = R.lines(cases: 2)
    lines[3][30] ^= 0x20
    let contents = ResponseLogContents.parse(R.file(lines))
    #expect(contents.problems.count == 1)
    #expect(contents.problems[0].kind == .defect(.checksumMismatch))
    #expect(contents.records.count == 7)
  }

  @Test("a file concatenated with itself is one problem with a range, and its records are read once")
  func concatenatedWithItself() {
    let once = R.file(R.lines(cases: 25))
    let contents = ResponseLogContents.parse(once + once)
    #expect(contents.records.count == 100)
    #expect(contents.problems.count == 1)
    let p = contents.problems[0]
    #expect(p.kind == .repeatedRecords(station: "S01", sequences: 1...100, identical: true))
    #expect(p.line == 101 && p.lastLine == 200)
    #expect(p.description.hasPrefix("lines 101–200: records 1–100 of station S01 again, the same"))
  }

  @Test("different records under repeated sequence numbers are a conflict and set aside")
  func repeatedWithOtherContent() {
    let a = R.lines(cases: 2)
    let b = R.lines(cases: 2, answers: 3).map { line in
      RecordCodec.encode(try! RecordCodec.decode(line[...]).get().with(time: "2026-11-24T08:00:00.000Z"))
    }
    let contents = ResponseLogContents.parse(R.file(a + b))
    #expect(contents.records.count == 8)
    #expect(contents.problems.map(\.kind) == [.repeatedRecords(station: "S01", sequences: 1...8, identical: false)])
  }

  @Test("a run of missing records is one problem naming the range")
  func missingRun() {
    var lines = R.lines(cases: 5)
    lines.removeSubrange(6..<11)
    let contents = ResponseLogContents.parse(R.file(lines))
    #expect(contents.problems.map(\.kind) == [.missingRecords(station: "S01", sequences: 7...11)])
    #expect(contents.problems[0].line == 7)
  }

  @Test("two stations' files in one are read with their own sequences, without sequence warnings")
  func twoStations() {
    let contents = ResponseLogContents.parse(
      R.file(R.lines(cases: 3) + R.lines(cases: 2, station: "S02")))
    #expect(contents.problems.isEmpty)
    #expect(contents.cases.map(\.station) == ["S01", "S01", "S01", "S02", "S02"])
  }

  @Test("a sealed fragment never counts, even when it is a whole record missing its line break")
  func sealedWholeRecord() {
    let lines = R.lines(cases: 1)
    var bytes = R.file(lines)
    let fragmentOffset = bytes.count
    bytes += RecordCodec.encode(R.record(5, R.answer("late", 1))) + Array("~\n".utf8)
    bytes += RecordCodec.encode(R.record(5, .tornTailSealed(atOffset: fragmentOffset), case: "")) + [0x0A]
    let contents = ResponseLogContents.parse(bytes)
    #expect(contents.problems.isEmpty)
    #expect(contents.sealedFragments.map(\.line) == [5])
    #expect(!contents.records.contains { $0.record.payload == R.answer("late", 1) })
    #expect(contents.records.map(\.record.sequence) == [1, 2, 3, 4, 5])
  }

  @Test("reading from a saved position gives the same records and problems as one read")
  func incremental() {
    var lines = R.lines(cases: 6)
    lines[9][25] ^= 0x04
    let bytes = R.file(lines)
    let whole = ResponseLogContents.parse(bytes)
    var reader = ResponseLogReader()
    let cut = bytes.count / 2
    let firstPart = reader.read(bytes[..<(bytes[..<cut].lastIndex(of: 0x0A)! + 1)])
    let rest = reader.read(bytes[reader.position.offset...])
    #expect((firstPart.records + rest.records).map(\.record) == whole.records.map(\.record))
    #expect(firstPart.problems + rest.problems == whole.problems)
    #expect(reader.position.line == lines.count + 1)
  }
}

extension ResponseRecord {
  func with(time: String) -> ResponseRecord {
    var r = self
    r.time = time
    return r
  }
}

@Suite("A seal never hides a record")
struct SealBoundsTests {
  typealias R = LogTestRecords

  @Test("a seal that reaches back over good records seals only the lines that do not verify, and is reported")
  func sealReachingBack() {
    var lines = R.lines(cases: 2)
    lines[5] = Array(lines[5].prefix(30))  // a damaged line among good ones
    lines.append(RecordCodec.encode(R.record(9, .tornTailSealed(atOffset: 0), case: "")))
    let contents = ResponseLogContents.parse(R.file(lines))
    #expect(contents.records.count == 8, "every record that verifies is read")
    #expect(contents.sealedFragments.map(\.line) == [6])
    #expect(
      contents.problems.map(\.kind) == [.missingRecords(station: "S01", sequences: 6...6), .sealCoversRecords(7)],
      "the damaged record's number is missing; the seal is reported")
    #expect(contents.problems.map(\.line) == [7, 9])
  }
}
