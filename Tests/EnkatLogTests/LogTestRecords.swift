@testable import EnkatLog

/// Builds response-file bytes for tests.
enum LogTestRecords {
  static let digest = "9e0e648358d35fce"

  static func answer(_ q: String, _ v: Int) -> ResponseRecord.Payload {
    .answer(questionID: q, response: .integer(v), elapsedMilliseconds: 1, revision: false)
  }

  static func start(_ questionnaire: String = "q") -> ResponseRecord.Payload {
    .start(
      .init(
        questionnaireID: questionnaire, questionnaireVersion: "1", questionnaireDigest: "sha256:" + digest,
        interviewer: "a", language: "sv"))
  }

  static func record(
    _ seq: Int, _ payload: ResponseRecord.Payload, case caseID: String = "S01-0001", station: String = "S01"
  ) -> ResponseRecord {
    ResponseRecord(
      sequence: seq, time: "2026-11-23T12:00:00.000Z", station: station, caseID: caseID, questionnaireDigest: digest,
      payload: payload)
  }

  /// Lines of `cases` cases of `answers` answers each, numbered from `firstSequence`.
  static func lines(cases: Int, answers: Int = 3, station: String = "S01", firstSequence: Int = 1) -> [[UInt8]] {
    var out: [[UInt8]] = []
    var seq = firstSequence
    for c in 1...max(1, cases) {
      let id = station + "-" + String(c)
      out.append(RecordCodec.encode(record(seq, start(), case: id, station: station)))
      seq += 1
      for a in 0..<answers {
        out.append(RecordCodec.encode(record(seq, answer("q\(a)", a), case: id, station: station)))
        seq += 1
      }
    }
    return out
  }

  static func file(_ lines: [[UInt8]], ending: [UInt8] = [0x0A]) -> [UInt8] {
    lines.flatMap { $0 + ending }
  }
}
