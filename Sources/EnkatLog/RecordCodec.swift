import EnkatExpressions
import EnkatModel
import Glibc

/// Encodes records as self-verifying JSON lines, and decodes and verifies them.
///
/// A line is a JSON object whose last member is `"crc32":"xxxxxxxx"`: the CRC-32 of the line's
/// bytes with that member removed (that is, of everything before `,"crc32":` followed by `}`).
/// The checksum suffix is always exactly 20 bytes, so a reader need not parse to verify.
public enum RecordCodec {
  static let suffixLength = 20  // ,"crc32":"xxxxxxxx"}

  /// The line for `record`, without the line break.
  public static func encode(_ record: ResponseRecord) -> [UInt8] {
    var w = ObjectWriter()
    w.int("v", ResponseRecord.formatVersion)
    w.int("seq", record.sequence)
    w.string("at", record.time)
    w.string("station", record.station)
    w.string("case", record.caseID)
    w.string("qd", record.questionnaireDigest)
    w.string("type", record.payload.typeName)
    switch record.payload {
    case .start(let s):
      w.string("questionnaire", s.questionnaireID)
      w.string("version", s.questionnaireVersion)
      w.string("digest", s.questionnaireDigest)
      w.string("interviewer", s.interviewer)
      w.string("language", s.language)
    case .resume(let interviewer, let language):
      w.string("interviewer", interviewer)
      w.string("language", language)
    case .answer(let q, let response, let ms, let revision):
      w.string("q", q)
      switch response {
      case .integer(let n): w.raw("value", String(n))
      case .integers(let c): w.raw("value", "[" + c.map(String.init).joined(separator: ",") + "]")
      case .number(let n): w.raw("value", Value.format(n))
      case .text(let s): w.string("value", s)
      case .missing(let m): w.string("missing", m)
      }
      w.int("ms", ms)
      w.raw("revision", revision ? "true" : "false")
    case .order(let q, let codes):
      w.string("q", q)
      w.raw("order", "[" + codes.map(String.init).joined(separator: ",") + "]")
    case .questionOrder(let block, let ids):
      w.string("block", block)
      w.strings("order", ids)
    case .confirm(let q, let check):
      w.string("q", q)
      w.int("check", check)
    case .clear(let q):
      w.string("q", q)
      w.string("reason", "offRoute")
    case .language(let language):
      w.string("language", language)
    case .end(let outcome):
      w.string("outcome", outcome.rawValue)
    case .tornTailSealed(let offset):
      w.int("offset", offset)
    }
    var body = w.bytes
    body.append(UInt8(ascii: "}"))
    let crc = CRC32.checksum(body)
    body.removeLast()
    body.append(contentsOf: Array(",\"crc32\":\"\(CRC32.hex(crc))\"}".utf8))
    return body
  }

  /// The checksum stored at the end of a line that `decode` verified.
  /// The eight lowercase hex digits before `"}` at the end of `bytes`, or nil.
  static func storedChecksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
    let n = bytes.count
    guard n > suffixLength else { return nil }
    // The suffix `,"crc32":"` … `"}` and the eight hex digits, each read as words.
    let raw = UnsafeRawPointer(bytes.baseAddress! + (n - suffixLength))
    guard UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)) == 0x2232_3363_7263_222c,
      UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)) == 0x223a,
      UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 18, as: UInt16.self)) == 0x7d22
    else { return nil }
    return hexValue(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 10, as: UInt64.self)))
  }

  /// The number eight lowercase hex digits write (the first digit in the lowest byte), or nil
  /// when any byte is not one: each byte's value is taken from its low nibble (plus 9 for a
  /// letter), and the bytes those values would be written as must be the bytes given.
  static func hexValue(_ word: UInt64) -> UInt32? {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let letter = (word >> 6) & ones  // 0x6_ (a letter) rather than 0x3_ (a digit)
    let nibbles = (word & (ones &* 0x0F)) &+ letter &* 9
    let ten = ((nibbles &+ ones &* 6) >> 4) & ones  // a nibble of 10 or more
    guard nibbles & (ones &* 0xF0) == 0, nibbles &+ ones &* 0x30 &+ ten &* 0x27 == word else { return nil }
    // Byte j of the value is nibbles 2j and 2j + 1 (first digit most significant).
    let pairs = ((nibbles & 0x000F_000F_000F_000F) << 4) | ((nibbles & 0x0F00_0F00_0F00_0F00) >> 8)
    return UInt32(pairs & 0xFF) << 24 | UInt32((pairs >> 16) & 0xFF) << 16 | UInt32((pairs >> 32) & 0xFF) << 8
      | UInt32((pairs >> 48) & 0xFF)
  }

  /// Verifies and decodes one line (without its line break).
  public static func decode(_ line: ArraySlice<UInt8>) -> Result<ResponseRecord, RecordDefect> {
    line.withUnsafeBufferPointer { decode($0) }
  }

  /// Verifies and decodes one line. A line in the form `encode` writes is read by a scanner that
  /// knows the member order; any other line with a good checksum goes through the general JSON
  /// parser, which gives the same record, or says why it is not one.
  static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<ResponseRecord, RecordDefect> {
    verify(bytes).flatMap { _ in decodeVerified(bytes) }
  }

  /// The checksum a line (without its line break) stores, when the line's bytes match it.
  public static func verifiedChecksum(_ line: UnsafeBufferPointer<UInt8>) -> UInt32? {
    guard case .success(let checksum) = verify(line) else { return nil }
    return checksum
  }

  /// The checksum a line stores when the line's bytes match it; why not otherwise.
  static func verify(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<UInt32, RecordDefect> {
    guard let stored = storedChecksum(bytes) else { return .failure(.noChecksum) }
    let body = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[0..<(bytes.count - suffixLength)]))
    guard CRC32.checksum(body, then: UInt8(ascii: "}")) == stored else { return .failure(.checksumMismatch) }
    return .success(stored)
  }

  /// Decodes a line whose checksum was verified: by the scanner when it is in canonical form,
  /// else by the general parser.
  static func decodeVerified(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<ResponseRecord, RecordDefect> {
    var scanner = CanonicalRecordScanner(bytes, membersEnd: bytes.count - suffixLength)
    if let record = scanner.record() { return .success(record) }
    return decodeGeneral(Array(bytes))
  }

  /// Decodes a verified line with the general JSON parser.
  static func decodeGeneral(_ bytes: [UInt8]) -> Result<ResponseRecord, RecordDefect> {
    guard case .success(let node) = JSONParser.parse(bytes), case .object(let members) = node.kind else {
      return .failure(.malformed("not a JSON object"))
    }
    var fields: [String: JSONNode.Kind] = [:]
    for m in members { fields[m.key] = m.value.kind }
    return RecordFields(fields: fields).record()
  }
}

/// Why a line is not a usable record.
public enum RecordDefect: Error, Equatable, Sendable, CustomStringConvertible {
  /// The line does not end with a checksum: typically a record torn by a crash.
  case noChecksum
  /// The checksum does not match: the line was altered or damaged.
  case checksumMismatch
  /// The checksum matches but the content is not a record this version understands.
  case malformed(String)

  public var description: String {
    switch self {
    case .noChecksum: return "no checksum at the end of the line (a record torn by a crash, or not a response record)"
    case .checksumMismatch: return "the checksum does not match (the record was altered or damaged)"
    case .malformed(let why): return "not a valid record: \(why)"
    }
  }
}

/// Appends JSON members in a fixed order.
struct ObjectWriter {
  private(set) var bytes: [UInt8] = [UInt8(ascii: "{")]

  mutating func key(_ k: String) {
    if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
    CanonicalJSON.writeString(k, into: &bytes)
    bytes.append(UInt8(ascii: ":"))
  }
  mutating func string(_ k: String, _ v: String) { key(k); CanonicalJSON.writeString(v, into: &bytes) }
  mutating func int(_ k: String, _ v: Int) { raw(k, String(v)) }
  mutating func strings(_ k: String, _ v: [String]) {
    key(k)
    bytes.append(UInt8(ascii: "["))
    for (i, s) in v.enumerated() {
      if i > 0 { bytes.append(UInt8(ascii: ",")) }
      CanonicalJSON.writeString(s, into: &bytes)
    }
    bytes.append(UInt8(ascii: "]"))
  }
  mutating func raw(_ k: String, _ literal: String) { key(k); bytes.append(contentsOf: Array(literal.utf8)) }
}

/// Reads the fields of a verified record.
struct RecordFields {
  let fields: [String: JSONNode.Kind]

  func string(_ k: String) throws(RecordDefect) -> String {
    guard case .string(let s)? = fields[k] else { throw .malformed("no string \"\(k)\"") }
    return s
  }
  func int(_ k: String) throws(RecordDefect) -> Int {
    guard case .number(let n)? = fields[k], let i = Int(n) else { throw .malformed("no whole number \"\(k)\"") }
    return i
  }
  /// A whole number in `range`: counters and offsets that arithmetic is done on must not overflow.
  func int(_ k: String, in range: ClosedRange<Int>) throws(RecordDefect) -> Int {
    let i = try int(k)
    guard range.contains(i) else {
      throw .malformed("\"\(k)\" is \(i), outside \(range.lowerBound)...\(range.upperBound)")
    }
    return i
  }

  func record() -> Result<ResponseRecord, RecordDefect> {
    do throws(RecordDefect) {
      let version = try int("v")
      guard version == ResponseRecord.formatVersion else {
        throw .malformed("format version \(version); this enkat reads version \(ResponseRecord.formatVersion)")
      }
      return .success(
        ResponseRecord(
          sequence: try int("seq", in: ResponseRecord.sequenceRange), time: try string("at"),
          station: try string("station"),
          caseID: try string("case"), questionnaireDigest: try string("qd"), payload: try payload()))
    } catch {
      return .failure(error)
    }
  }

  private func payload() throws(RecordDefect) -> ResponseRecord.Payload {
    let type = try string("type")
    switch type {
    case "start":
      return .start(
        InterviewStart(
          questionnaireID: try string("questionnaire"), questionnaireVersion: try string("version"),
          questionnaireDigest: try string("digest"), interviewer: try string("interviewer"),
          language: try string("language")))
    case "resume":
      return .resume(interviewer: try string("interviewer"), language: try string("language"))
    case "answer":
      guard case .bool(let revision)? = fields["revision"] else { throw .malformed("no \"revision\"") }
      return .answer(
        questionID: try string("q"), response: try response(),
        elapsedMilliseconds: try int("ms", in: 0...Int(Int32.max) * 1000), revision: revision)
    case "order":
      guard case .array(let items)? = fields["order"] else { throw .malformed("no \"order\"") }
      var codes: [Int] = []
      for item in items {
        guard case .number(let n) = item.kind, let c = Int(n) else { throw .malformed("bad order") }
        codes.append(c)
      }
      return .order(questionID: try string("q"), codes: codes)
    case "questionOrder":
      guard case .array(let items)? = fields["order"] else { throw .malformed("no \"order\"") }
      var ids: [String] = []
      for item in items {
        guard case .string(let id) = item.kind else { throw .malformed("bad order") }
        ids.append(id)
      }
      return .questionOrder(blockID: try string("block"), questionIDs: ids)
    case "confirm":
      return .confirm(questionID: try string("q"), check: try int("check", in: 0...9999))
    case "clear":
      return .clear(questionID: try string("q"))
    case "language":
      return .language(try string("language"))
    case "end":
      guard let outcome = InterviewOutcome(rawValue: try string("outcome")) else { throw .malformed("unknown outcome") }
      return .end(outcome)
    case "tornTailSealed":
      return .tornTailSealed(atOffset: try int("offset", in: 0...ResponseRecord.sequenceRange.upperBound))
    default:
      throw .malformed("unknown record type \"\(type)\"")
    }
  }

  private func response() throws(RecordDefect) -> RecordedResponse {
    if case .string(let m)? = fields["missing"] { return .missing(m) }
    switch fields["value"] {
    case .number(let n)?:
      if let i = Int(n) { return .integer(i) }
      guard let d = Double(n) else { throw .malformed("bad number") }
      return .number(d)
    case .string(let s)?: return .text(s)
    case .array(let items)?:
      var codes: [Int] = []
      for item in items {
        guard case .number(let n) = item.kind, let c = Int(n) else { throw .malformed("bad code list") }
        codes.append(c)
      }
      return .integers(codes)
    default: throw .malformed("an answer without \"value\" or \"missing\"")
    }
  }
}
