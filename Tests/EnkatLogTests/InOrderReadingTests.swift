import EnkatEngine
import EnkatModel
import EnkatTestSupport
import Testing

@testable import EnkatLog

/// The one-pass reading of stretches as writers leave them (`readInOrder`) gives exactly what
/// the reading rules give (`readCompact`), and leaves the reader where they leave it; on anything
/// else it declines and changes nothing.
@Suite("One-pass reading agrees with the reading rules")
struct InOrderReadingTests {
  typealias R = LogTestRecords

  /// What a reading hands over of one record, comparable across both ways of reading.
  struct Seen: Equatable {
    var sequence: Int
    var checksum: UInt32
    var line: Int
    var offset: Int
    var questionnaireID: String
    var station: String
    var caseID: String
    var digest: String
    var milliseconds: Int?
    var rawTime: String
    var type: UInt8
    var revision: Bool
    var answerMilliseconds: Int
    var members: [UInt8]
    var detail: ResponseRecord.Payload?

    init(_ r: borrowing RecordInStretch) {
      sequence = r.sequence
      checksum = r.checksum
      line = r.line
      offset = r.offset
      questionnaireID = r.questionnaireID
      station = String(decoding: r.station, as: UTF8.self)
      caseID = String(decoding: r.caseID, as: UTF8.self)
      digest = String(decoding: r.digest, as: UTF8.self)
      milliseconds = r.milliseconds
      rawTime = r.milliseconds == nil ? String(decoding: r.rawTime, as: UTF8.self) : ""
      type = r.type
      revision = r.revision
      answerMilliseconds = r.answerMilliseconds
      members = Array(r.members)
      detail = r.detail
    }

    init(_ located: LogContents<CompactRecord>.LocatedRecord, payloads: [UInt8]) {
      let r = located.record
      sequence = r.sequence
      checksum = located.checksum
      line = located.line
      offset = located.offset
      questionnaireID = located.questionnaireID
      station = r.station
      caseID = r.caseID
      digest = r.questionnaireDigest
      milliseconds = r.milliseconds
      rawTime = r.rawTime ?? ""
      type = r.type
      revision = r.revision
      answerMilliseconds = r.answerMilliseconds
      members = Array(payloads[r.payload])
      detail = r.detail
    }
  }

  /// A field file: stations writing cases of two questionnaires, every record type, some
  /// records before any start, in whole and then damaged one of several ways (or not at all).
  static func file(_ random: inout SeededGenerator) -> [UInt8] {
    var lines: [[UInt8]] = []
    var sequences: [String: Int] = [:]
    let times = ["2026-11-29T12:00:00.000Z", "2026-11-29T12:00:01.250Z", "not a time"]
    var cases: [(station: String, questionnaire: String, caseID: String, payloads: [ResponseRecord.Payload])] = []
    for c in 0..<Int.random(in: 1...6, using: &random) {
      let station = ["S01", "S02", "Station Å"].randomElement(using: &random)!
      let questionnaire = ["q", "other"].randomElement(using: &random)!
      var payloads: [ResponseRecord.Payload] = []
      if Int.random(in: 0..<8, using: &random) > 0 { payloads.append(R.start(questionnaire)) }
      for _ in 0..<Int.random(in: 0...6, using: &random) {
        var payload = CanonicalScannerTests.payload(&random)
        if case .start = payload { payload = R.answer("q1", 1) }
        if case .tornTailSealed = payload { payload = .end(InterviewOutcome.suspended) }
        payloads.append(payload)
      }
      cases.append((station, questionnaire, "\(station)-\(c % 4)", payloads))
    }
    // Each case's records in order, mostly in runs, sometimes between another case's.
    var c = 0
    while let next = cases.indices.filter({ !cases[$0].payloads.isEmpty }).randomElement(using: &random) {
      if cases[c].payloads.isEmpty || Int.random(in: 0..<4, using: &random) == 0 { c = next }
      let (station, questionnaire, caseID, _) = cases[c]
      let key = station + questionnaire
      let seq = sequences[key, default: 1]
      sequences[key] = seq + 1
      let line = RecordCodec.encode(
        ResponseRecord(
          sequence: seq, time: times.randomElement(using: &random)!, station: station, caseID: caseID,
          questionnaireDigest: R.digest, payload: cases[c].payloads.removeFirst()))
      if Int.random(in: 0..<6, using: &random) == 0 {
        // Another writer's member order (`seq` before `v`): a record only the general decoder reads.
        let head = Array("{\"v\":1,\"seq\":\(seq),".utf8)
        lines.append(
          CanonicalScannerTests.checksummed(
            (Array("{\"seq\":\(seq),\"v\":1,".utf8) + line.dropFirst(head.count).dropLast(20))[...]))
      } else {
        lines.append(line)
      }
    }
    var ending: [UInt8] = [0x0A]
    if !lines.isEmpty {
      let k = Int.random(in: 0..<lines.count, using: &random)
      switch Int.random(in: 0..<9, using: &random) {
      case 0: lines[k][Int.random(in: 0..<lines[k].count, using: &random)] ^= 0x04
      case 1: lines.insert(lines[k], at: k + 1)
      case 2: lines.remove(at: k)
      case 3: ending = [0x0D, 0x0A]
      case 4: lines[0] = [0xEF, 0xBB, 0xBF] + lines[0]
      case 5: lines.insert([], at: k)
      default: break
      }
    }
    var bytes = lines.flatMap { $0 + ending }
    if Bool.random(using: &random), let last = lines.last {
      bytes += last.prefix(Int.random(in: 1...last.count, using: &random))  // a torn end
    }
    return bytes
  }

  @Test("2,000 field files read in random stretches: the same records, problems and positions both ways")
  func agreement() {
    var random = SeededGenerator(seed: 2026_1129)
    var inOrder = 0
    var declined = 0
    var sameCases = 0
    for round in 0..<2000 {
      let bytes = Self.file(&random)
      var rules = ResponseLogReader()
      var fast = ResponseLogReader()
      let rulesPayloads = CompactPayloads()
      let fastPayloads = CompactPayloads()
      var lastFrom = -1
      var size = 0
      var step = 0
      while true {
        let from = rules.position.offset
        #expect(fast.position == rules.position, "round \(round), step \(step)")
        size = from == lastFrom ? size * 2 : Int.random(in: 1...3000, using: &random)
        lastFrom = from
        let end = min(bytes.count, from + size)
        let atEnd = end == bytes.count
        let expected = rules.readCompact(bytes[from..<end], atEnd: atEnd, payloads: rulesPayloads)
        let expectedSeen = expected.records.map { Seen($0, payloads: rulesPayloads.bytes) }
        var seen: [Seen] = []
        var sameCase: [Bool] = []
        let before = fast.position
        if fast.readInOrder(
          bytes[from..<end], atEnd: atEnd, payloads: fastPayloads,
          visit: {
            seen.append(Seen($0))
            sameCase.append($0.sameCaseAsPrevious)
          })
        {
          inOrder += 1
          #expect(seen == expectedSeen, "round \(round), step \(step)")
          // A record said to have the identity of the one before has it.
          for k in sameCase.indices where sameCase[k] {
            sameCases += 1
            #expect(
              k > 0 && seen[k - 1].station == seen[k].station && seen[k - 1].caseID == seen[k].caseID
                && seen[k - 1].digest == seen[k].digest, "round \(round), step \(step), record \(k)")
          }
          #expect(
            expected.problems.isEmpty && expected.sealedFragments.isEmpty,
            "round \(round), step \(step): \(expected.problems)")
        } else {
          declined += 1
          #expect(fast.position == before, "round \(round), step \(step): a declined stretch moved the reader")
          let contents = fast.readCompact(bytes[from..<end], atEnd: atEnd, payloads: fastPayloads)
          #expect(contents.records.map { Seen($0, payloads: fastPayloads.bytes) } == expectedSeen)
          #expect(contents.problems == expected.problems, "round \(round), step \(step)")
        }
        step += 1
        if atEnd { break }
      }
      #expect(fast.position == rules.position, "round \(round)")
    }
    // Both ways were taken often: the comparison above was made.
    #expect(inOrder > 1000)
    #expect(declined > 500)
    #expect(sameCases > 1000)
  }
}
