import EnkatLog
import EnkatModel

/// One record of a case as the store keeps it: the record less what its case row says (station,
/// case id), with where it was first read.
public struct StoredRecord: Equatable, Sendable {
  public var sequence: Int
  public var time: String
  /// The record's `qd`, the short digest of the questionnaire version it was written with.
  public var questionnaireDigest: String
  public var payload: ResponseRecord.Payload
  /// The `files` row of the file it was first read from, and its line there.
  public var fileID: Int
  public var line: Int
}

/// The compact binary form of a case's records (`cases.history`, docs/collector.md): about 15
/// bytes a record instead of about 190 in a response file, so a store of 500,000 cases stays a
/// few hundred megabytes and is written at disk speed.
///
/// Per record, in sequence order: a head byte (the record type in the low four bits; 0x10 the
/// answer is a revision; 0x20 `at` is kept as text; 0x40 `at` equals the previous record's;
/// 0x80 `qd` differs from the previous record's), the sequence number as the difference to the
/// previous one (an unsigned LEB128 varint), `at` as the signed difference in milliseconds to the
/// previous record's (zigzag varint) or as text, `qd` as text when it changed, the file id and
/// line as varints, then the type's members (texts as a varint length and UTF-8 bytes).
public enum CaseHistoryCodec {
  private static let typeCodes = [
    "start", "resume", "answer", "order", "questionOrder", "confirm", "clear", "language", "end", "tornTailSealed",
  ]

  /// Appends `record` to `out`, a history whose last record is `previous` (nil for the first),
  /// with the time `previousMillis` (nil when kept as text). Returns the record's time.
  @discardableResult
  static func append(
    _ record: StoredRecord, after previous: StoredRecord?, previousMillis: Int?, to out: inout [UInt8]
  ) -> Int? {
    var head = typeCode(record.payload)
    if case .answer(_, _, _, true) = record.payload { head |= 0x10 }
    let millis = previous?.time == record.time ? previousMillis : Timestamp.milliseconds(record.time)
    if millis == nil { head |= 0x20 } else if previous?.time == record.time { head |= 0x40 }
    if record.questionnaireDigest != (previous?.questionnaireDigest ?? "") { head |= 0x80 }
    out.append(head)
    varint(UInt64(record.sequence - (previous?.sequence ?? 0)), &out)
    if let millis {
      if head & 0x40 == 0 { varint(zigzag(millis - (previousMillis ?? 0)), &out) }
    } else {
      text(record.time, &out)
    }
    if head & 0x80 != 0 { text(record.questionnaireDigest, &out) }
    varint(UInt64(record.fileID), &out)
    varint(UInt64(record.line), &out)
    switch record.payload {
    case .start(let s):
      for t in [s.questionnaireID, s.questionnaireVersion, s.questionnaireDigest, s.interviewer, s.language] {
        text(t, &out)
      }
    case .resume(let interviewer, let language):
      text(interviewer, &out)
      text(language, &out)
    case .answer(let q, let response, let ms, _):
      text(q, &out)
      switch response {
      case .integer(let n):
        out.append(0)
        varint(zigzag(n), &out)
      case .integers(let codes):
        out.append(1)
        varint(UInt64(codes.count), &out)
        for c in codes { varint(zigzag(c), &out) }
      case .number(let d):
        out.append(2)
        var bits = d.bitPattern
        for _ in 0..<8 {
          out.append(UInt8(truncatingIfNeeded: bits))
          bits >>= 8
        }
      case .text(let s):
        out.append(3)
        text(s, &out)
      case .missing(let m):
        out.append(4)
        text(m, &out)
      }
      varint(UInt64(ms), &out)
    case .order(let q, let codes):
      text(q, &out)
      varint(UInt64(codes.count), &out)
      for c in codes { varint(zigzag(c), &out) }
    case .questionOrder(let block, let ids):
      text(block, &out)
      varint(UInt64(ids.count), &out)
      for id in ids { text(id, &out) }
    case .confirm(let q, let check):
      text(q, &out)
      varint(UInt64(check), &out)
    case .clear(let q):
      text(q, &out)
    case .language(let language):
      text(language, &out)
    case .end(let outcome):
      text(outcome.rawValue, &out)
    case .tornTailSealed(let offset):
      varint(UInt64(offset), &out)
    }
    return millis
  }

  private static func typeCode(_ payload: ResponseRecord.Payload) -> UInt8 {
    switch payload {
    case .start: return 0
    case .resume: return 1
    case .answer: return 2
    case .order: return 3
    case .questionOrder: return 4
    case .confirm: return 5
    case .clear: return 6
    case .language: return 7
    case .end: return 8
    case .tornTailSealed: return 9
    }
  }

  /// The history of `records`, which are in sequence order.
  public static func encode(_ records: [StoredRecord]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(records.count * 16)
    var previous: StoredRecord?
    var previousMillis: Int?
    for r in records {
      previousMillis = append(r, after: previous, previousMillis: previousMillis, to: &out)
      previous = r
    }
    return out
  }

  /// The records of a history, or nil when the bytes are not one (a damaged store).
  public static func decode(_ bytes: [UInt8]) -> [StoredRecord]? {
    var reader = ByteReader(bytes: bytes)
    var records: [StoredRecord] = []
    var previous: StoredRecord?
    var previousMillis: Int?
    while !reader.atEnd {
      guard let head = reader.byte(), Int(head & 0x0F) < typeCodes.count, let delta = reader.varint() else {
        return nil
      }
      let sequence = (previous?.sequence ?? 0) + Int(delta)
      var time: String
      if head & 0x20 != 0 {
        guard let t = reader.text() else { return nil }
        time = t
        previousMillis = nil
      } else if head & 0x40 != 0, let previous {
        time = previous.time
      } else {
        guard let z = reader.varint() else { return nil }
        let millis = (previousMillis ?? 0) + unzigzag(z)
        time = Timestamp.format(millis)
        previousMillis = millis
      }
      var digest = previous?.questionnaireDigest ?? ""
      if head & 0x80 != 0 {
        guard let d = reader.text() else { return nil }
        digest = d
      }
      guard let fileID = reader.varint(), let line = reader.varint(),
        let payload = payload(typeCodes[Int(head & 0x0F)], revision: head & 0x10 != 0, &reader)
      else { return nil }
      let record = StoredRecord(
        sequence: sequence, time: time, questionnaireDigest: digest, payload: payload, fileID: Int(fileID),
        line: Int(line))
      records.append(record)
      previous = record
    }
    return records
  }

  private static func payload(_ type: String, revision: Bool, _ r: inout ByteReader) -> ResponseRecord.Payload? {
    switch type {
    case "start":
      guard let id = r.text(), let version = r.text(), let digest = r.text(), let interviewer = r.text(),
        let language = r.text()
      else { return nil }
      return .start(
        InterviewStart(
          questionnaireID: id, questionnaireVersion: version, questionnaireDigest: digest, interviewer: interviewer,
          language: language))
    case "resume":
      guard let interviewer = r.text(), let language = r.text() else { return nil }
      return .resume(interviewer: interviewer, language: language)
    case "answer":
      guard let q = r.text(), let tag = r.byte() else { return nil }
      let response: RecordedResponse
      switch tag {
      case 0:
        guard let z = r.varint() else { return nil }
        response = .integer(unzigzag(z))
      case 1:
        guard let codes = r.ints() else { return nil }
        response = .integers(codes)
      case 2:
        var bits: UInt64 = 0
        for k in 0..<8 {
          guard let b = r.byte() else { return nil }
          bits |= UInt64(b) << (8 * UInt64(k))
        }
        response = .number(Double(bitPattern: bits))
      case 3:
        guard let s = r.text() else { return nil }
        response = .text(s)
      case 4:
        guard let m = r.text() else { return nil }
        response = .missing(m)
      default:
        return nil
      }
      guard let ms = r.varint() else { return nil }
      return .answer(questionID: q, response: response, elapsedMilliseconds: Int(ms), revision: revision)
    case "order":
      guard let q = r.text(), let codes = r.ints() else { return nil }
      return .order(questionID: q, codes: codes)
    case "questionOrder":
      guard let block = r.text(), let count = r.varint(), count <= UInt64(r.remaining) else { return nil }
      var ids: [String] = []
      for _ in 0..<count {
        guard let id = r.text() else { return nil }
        ids.append(id)
      }
      return .questionOrder(blockID: block, questionIDs: ids)
    case "confirm":
      guard let q = r.text(), let check = r.varint() else { return nil }
      return .confirm(questionID: q, check: Int(check))
    case "clear":
      return r.text().map { .clear(questionID: $0) }
    case "language":
      return r.text().map { .language($0) }
    case "end":
      return r.text().flatMap(InterviewOutcome.init(rawValue:)).map { .end($0) }
    default:
      return r.varint().map { .tornTailSealed(atOffset: Int($0)) }
    }
  }

  private static func varint(_ value: UInt64, _ out: inout [UInt8]) {
    var v = value
    while v >= 0x80 {
      out.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    out.append(UInt8(v))
  }

  private static func text(_ s: String, _ out: inout [UInt8]) {
    var copy = s
    copy.withUTF8 { bytes in
      varint(UInt64(bytes.count), &out)
      out.append(contentsOf: bytes)
    }
  }

  private static func zigzag(_ n: Int) -> UInt64 { UInt64(bitPattern: Int64((n << 1) ^ (n >> 63))) }

  fileprivate static func unzigzag(_ z: UInt64) -> Int { Int(bitPattern: UInt(z >> 1)) ^ -Int(z & 1) }

  /// Reads what the encoder wrote, refusing to run past the end.
  private struct ByteReader {
    let bytes: [UInt8]
    var i = 0

    var atEnd: Bool { i >= bytes.count }
    var remaining: Int { bytes.count - i }

    mutating func byte() -> UInt8? {
      guard i < bytes.count else { return nil }
      defer { i += 1 }
      return bytes[i]
    }

    mutating func varint() -> UInt64? {
      var value: UInt64 = 0
      var shift: UInt64 = 0
      while shift < 64 {
        guard let b = byte() else { return nil }
        value |= UInt64(b & 0x7F) << shift
        if b < 0x80 { return value }
        shift += 7
      }
      return nil
    }

    mutating func text() -> String? {
      guard let n = varint(), n <= UInt64(remaining) else { return nil }
      defer { i += Int(n) }
      return String(validating: bytes[i..<i + Int(n)], as: UTF8.self)
    }

    mutating func ints() -> [Int]? {
      guard let count = varint(), count <= UInt64(remaining) else { return nil }
      var codes: [Int] = []
      codes.reserveCapacity(Int(count))
      for _ in 0..<count {
        guard let z = varint() else { return nil }
        codes.append(CaseHistoryCodec.unzigzag(z))
      }
      return codes
    }
  }
}

/// The record time format, `2019-10-01T08:05:00.000Z` (UTC, milliseconds), as milliseconds since
/// 1970 and back. Anything not exactly in that form is kept as text by the history codec.
enum Timestamp {
  static func milliseconds(_ text: String) -> Int? {
    var copy = text
    return copy.withUTF8 { b -> Int? in
      guard b.count == 24, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x2E,
        b[23] == 0x5A
      else { return nil }
      func digits(_ from: Int, _ count: Int) -> Int? {
        var v = 0
        for k in from..<from + count {
          let d = Int(b[k]) - 48
          guard d >= 0, d <= 9 else { return nil }
          v = v * 10 + d
        }
        return v
      }
      guard let y = digits(0, 4), let mo = digits(5, 2), let d = digits(8, 2), let h = digits(11, 2),
        let mi = digits(14, 2), let s = digits(17, 2), let ms = digits(20, 3), (1...12).contains(mo),
        d >= 1, d <= daysInMonth(y, mo), h < 24, mi < 60, s < 60
      else { return nil }
      // Only a time that formats back to the same text (no 31 February) is kept as a number.
      return ((days(y, mo, d) * 24 + h) * 60 + mi) * 60_000 + s * 1000 + ms
    }
  }

  static func format(_ millis: Int) -> String {
    let ms = ((millis % 86_400_000) + 86_400_000) % 86_400_000
    let day = (millis - ms) / 86_400_000
    let (y, m, d) = civil(day)
    func pad(_ v: Int, _ n: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, n - s.count)) + s
    }
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(ms / 3_600_000, 2)):\(pad(ms / 60_000 % 60, 2)):"
      + "\(pad(ms / 1000 % 60, 2)).\(pad(ms % 1000, 3))Z"
  }

  private static func daysInMonth(_ year: Int, _ month: Int) -> Int {
    switch month {
    case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
  private static func days(_ year: Int, _ month: Int, _ day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  private static func civil(_ days: Int) -> (Int, Int, Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }
}
