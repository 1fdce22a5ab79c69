import Testing

@testable import EnkatLog

@Suite("One case per station and case id across files")
struct MergedCasesTests {
  typealias R = LogTestRecords

  @Test("a copy of a file, and an older shorter copy, add no case and no record")
  func copies() {
    let full = ResponseLogContents.parse(R.file(R.lines(cases: 4)))
    let older = ResponseLogContents.parse(R.file(Array(R.lines(cases: 4).prefix(9))))
    let merged = MergedCases([older, full, full])
    #expect(merged.cases.count == 4)
    #expect(merged.cases.allSatisfy { $0.records.count == 4 })
    #expect(merged.conflicts.isEmpty)
    #expect(
      merged.duplicates == [
        .init(file: 1, earlierFile: 0, records: 9), .init(file: 2, earlierFile: 0, records: 9),
        .init(file: 2, earlierFile: 1, records: 7),
      ])
  }

  @Test("two laptops writing as one station are a conflict: their cases are set aside, not merged")
  func clonedLaptops() {
    let a = ResponseLogContents.parse(R.file(R.lines(cases: 2)))
    let b = ResponseLogContents.parse(
      R.file(R.lines(cases: 2).map { RecordCodec.encode(try! RecordCodec.decode($0[...]).get().with(time: "x")) }))
    let merged = MergedCases([a, b])
    #expect(merged.cases.isEmpty)
    #expect(merged.conflicts.count == 8)
    #expect(merged.conflictingCases.map(\.caseID) == ["S01-1", "S01-2"])
  }

  @Test("the same case id at two stations is two cases")
  func sameIDTwoStations() {
    let a = ResponseLogContents.parse(R.file(R.lines(cases: 1, station: "S01")))
    let b = ResponseLogContents.parse(
      R.file([RecordCodec.encode(R.record(1, R.start(), case: "S01-1", station: "S02"))]))
    let merged = MergedCases([a, b])
    #expect(merged.cases.map(\.station) == ["S01", "S02"])
    #expect(merged.cases.map(\.caseID) == ["S01-1", "S01-1"])
  }
}

@Suite("Confirmations on file")
struct ConfirmedChecksTests {
  typealias R = LogTestRecords

  @Test(
    "a confirm goes with the next answer of its question, holds while it is re-recorded unchanged, and ends with a change or a clear"
  )
  func confirmations() {
    let payloads: [ResponseRecord.Payload] = [
      R.start(), .confirm(questionID: "years", check: 0), R.answer("years", 45),
      .confirm(questionID: "years", check: 1),
      .answer(questionID: "years", response: .integer(45), elapsedMilliseconds: 1, revision: true),
      .confirm(questionID: "pay", check: 0), R.answer("pay", 9), R.answer("pay", 10),
      .confirm(questionID: "x", check: 0), R.answer("x", 1), .clear(questionID: "x"),
    ]
    let history = CaseHistory(
      questionnaireID: "q", station: "S01", caseID: "S01-1",
      records: payloads.enumerated().map { R.record($0.offset + 1, $0.element) })
    #expect(history.confirmedChecks == ["years": [0, 1]])
  }
}
