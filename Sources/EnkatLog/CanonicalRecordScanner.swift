import EnkatModel
import Glibc

/// Reads a verified record line written exactly as `RecordCodec.encode` writes it — members in
/// their fixed order, strings without escapes, whole numbers without leading zeros — without a
/// general JSON parse. Anything else (an escape, a decimal, another order, an unknown member, a
/// value out of range) gives nil, and the general parser decides; so the result is always the
/// one the general parser gives, only faster (see `RecordCodec.decode`).
struct CanonicalRecordScanner {
  private let bytes: UnsafeBufferPointer<UInt8>
  /// Where the members end: the start of the `,"crc32":"…"}` suffix.
  private let end: Int
  private var i = 0

  init(_ body: UnsafeBufferPointer<UInt8>, membersEnd: Int) {
    bytes = body
    end = membersEnd
  }

  /// The record, or nil when the line is not in canonical form.
  mutating func record() -> ResponseRecord? {
    guard literal("{\"v\":1,\"seq\":"), let seq = int(), ResponseRecord.sequenceRange.contains(seq),
      member("at"), let at = string(), member("station"), let station = string(), member("case"),
      let caseID = string(), member("qd"), let qd = string(), member("type"), let type = string(),
      let payload = payload(type), i == end
    else { return nil }
    return ResponseRecord(
      sequence: seq, time: at, station: station, caseID: caseID, questionnaireDigest: qd, payload: payload)
  }

  private mutating func payload(_ type: String) -> ResponseRecord.Payload? {
    switch type {
    case "start":
      guard member("questionnaire"), let id = string(), member("version"), let version = string(),
        member("digest"), let digest = string(), member("interviewer"), let interviewer = string(),
        member("language"), let language = string()
      else { return nil }
      return .start(
        InterviewStart(
          questionnaireID: id, questionnaireVersion: version, questionnaireDigest: digest, interviewer: interviewer,
          language: language))
    case "resume":
      guard member("interviewer"), let interviewer = string(), member("language"), let language = string() else {
        return nil
      }
      return .resume(interviewer: interviewer, language: language)
    case "answer":
      guard member("q"), let q = string() else { return nil }
      let response: RecordedResponse
      if member("value") {
        guard let value = value() else { return nil }
        response = value
      } else {
        guard member("missing"), let missing = string() else { return nil }
        response = .missing(missing)
      }
      guard member("ms"), let ms = int(), (0...Int(Int32.max) * 1000).contains(ms), member("revision"),
        let revision = bool()
      else { return nil }
      return .answer(questionID: q, response: response, elapsedMilliseconds: ms, revision: revision)
    case "order":
      guard member("q"), let q = string(), member("order"), let codes = ints() else { return nil }
      return .order(questionID: q, codes: codes)
    case "questionOrder":
      guard member("block"), let block = string(), member("order"), let ids = strings() else { return nil }
      return .questionOrder(blockID: block, questionIDs: ids)
    case "confirm":
      guard member("q"), let q = string(), member("check"), let check = int(), (0...9999).contains(check) else {
        return nil
      }
      return .confirm(questionID: q, check: check)
    case "clear":
      guard member("q"), let q = string(), member("reason"), string() != nil else { return nil }
      return .clear(questionID: q)
    case "language":
      guard member("language"), let language = string() else { return nil }
      return .language(language)
    case "end":
      guard member("outcome"), let name = string(), let outcome = InterviewOutcome(rawValue: name) else { return nil }
      return .end(outcome)
    case "tornTailSealed":
      guard member("offset"), let offset = int(), (0...ResponseRecord.sequenceRange.upperBound).contains(offset) else {
        return nil
      }
      return .tornTailSealed(atOffset: offset)
    default:
      return nil
    }
  }

  /// An answer's value: a whole number, a list of them, or a string (decimals go to the parser).
  private mutating func value() -> RecordedResponse? {
    guard i < end else { return nil }
    switch bytes[i] {
    case UInt8(ascii: "["): return ints().map { .integers($0) }
    case UInt8(ascii: "\""): return string().map { .text($0) }
    default: return int().map { .integer($0) }
    }
  }

  /// `text` exactly, at the cursor.
  private mutating func literal(_ text: StaticString) -> Bool {
    let count = text.utf8CodeUnitCount
    guard i + count <= end else { return false }
    let matches = text.withUTF8Buffer { want in
      for k in 0..<count where bytes[i + k] != want[k] { return false }
      return true
    }
    if matches { i += count }
    return matches
  }

  /// `,"name":` at the cursor.
  private mutating func member(_ name: StaticString) -> Bool {
    let count = name.utf8CodeUnitCount
    guard i + count + 4 <= end, bytes[i] == UInt8(ascii: ","), bytes[i + 1] == UInt8(ascii: "\"") else {
      return false
    }
    let k = i + 2
    let same = name.withUTF8Buffer { want in memcmp(bytes.baseAddress! + k, want.baseAddress!, count) == 0 }
    guard same, bytes[k + count] == UInt8(ascii: "\""), bytes[k + count + 1] == UInt8(ascii: ":") else { return false }
    i = k + count + 2
    return true
  }

  /// A string without escapes or control characters, valid UTF-8.
  private mutating func string() -> String? {
    guard i < end, bytes[i] == UInt8(ascii: "\"") else { return nil }
    let start = i + 1
    var k = start
    var ascii = true
    while k < end {
      let b = bytes[k]
      if b == UInt8(ascii: "\"") { break }
      if b == UInt8(ascii: "\\") || b < 0x20 { return nil }
      if b >= 0x80 { ascii = false }
      k += 1
    }
    guard k < end else { return nil }
    let text = UnsafeBufferPointer(rebasing: bytes[start..<k])
    // ASCII needs no validation; anything else must be valid UTF-8, as the parser requires.
    guard let s = ascii ? String(decoding: text, as: UTF8.self) : String(validating: text, as: UTF8.self) else {
      return nil
    }
    i = k + 1
    return s
  }

  /// A whole number: `-?(0|[1-9][0-9]*)`, at most 18 digits.
  private mutating func int() -> Int? {
    var k = i
    var negative = false
    if k < end, bytes[k] == UInt8(ascii: "-") {
      negative = true
      k += 1
    }
    let first = k
    var value = 0
    while k < end, bytes[k] >= UInt8(ascii: "0"), bytes[k] <= UInt8(ascii: "9") {
      value = value * 10 + Int(bytes[k] - UInt8(ascii: "0"))
      k += 1
    }
    let digits = k - first
    guard digits >= 1, digits <= 18, !(digits > 1 && bytes[first] == UInt8(ascii: "0")) else { return nil }
    // A decimal point or an exponent is a number the general parser reads.
    if k < end, bytes[k] == UInt8(ascii: ".") || bytes[k] == UInt8(ascii: "e") || bytes[k] == UInt8(ascii: "E") {
      return nil
    }
    i = k
    return negative ? -value : value
  }

  private mutating func bool() -> Bool? {
    if literal("true") { return true }
    if literal("false") { return false }
    return nil
  }

  private mutating func ints() -> [Int]? { list { $0.int() } }

  private mutating func strings() -> [String]? { list { $0.string() } }

  /// `[a,b,…]` of what `element` reads.
  private mutating func list<T>(_ element: (inout CanonicalRecordScanner) -> T?) -> [T]? {
    guard literal("[") else { return nil }
    var result: [T] = []
    if literal("]") { return result }
    while true {
      guard let item = element(&self) else { return nil }
      result.append(item)
      if literal("]") { return result }
      guard literal(",") else { return nil }
    }
  }
}
