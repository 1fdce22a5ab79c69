import EnkatModel
import Glibc

/// Reads a verified record line written exactly as `RecordCodec.encode` writes it — members in
/// their fixed order, strings without escapes, whole numbers without leading zeros — without a
/// general JSON parse. Anything else (an escape, a decimal, another order, an unknown member, a
/// value out of range) gives nil, and the general parser decides; so the result is always the
/// one the general parser gives, only faster (see `RecordCodec.decode`).
struct CanonicalRecordScanner {
  private var s: ByteScanner

  init(_ body: UnsafeBufferPointer<UInt8>, membersEnd: Int) {
    s = ByteScanner(b: body, end: membersEnd)
  }

  /// The record, or nil when the line is not in canonical form.
  mutating func record() -> ResponseRecord? {
    guard literal("{\"v\":1,\"seq\":"), let seq = int(), ResponseRecord.sequenceRange.contains(seq),
      member("at"), let at = string(), member("station"), let station = string(), member("case"),
      let caseID = string(), member("qd"), let qd = string(), member("type"), let type = string(),
      let payload = payload(type), s.i == s.end
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
    guard s.i < s.end else { return nil }
    switch s.b[s.i] {
    case UInt8(ascii: "["): return ints().map { .integers($0) }
    case UInt8(ascii: "\""): return string().map { .text($0) }
    default: return int().map { .integer($0) }
    }
  }

  private mutating func literal(_ text: StaticString) -> Bool { s.literal(text) }

  private mutating func member(_ name: StaticString) -> Bool { s.member(name) }

  /// A string without escapes or control characters, valid UTF-8.
  private mutating func string() -> String? { s.stringRange().flatMap { s.text($0) } }

  private mutating func int() -> Int? { s.int() }

  private mutating func bool() -> Bool? {
    if literal("true") { return true }
    if literal("false") { return false }
    return nil
  }

  private mutating func ints() -> [Int]? {
    var codes: [Int] = []
    return s.ints(into: &codes) ? codes : nil
  }

  private mutating func strings() -> [String]? {
    guard literal("[") else { return nil }
    var result: [String] = []
    if literal("]") { return result }
    while true {
      guard let item = string() else { return nil }
      result.append(item)
      if literal("]") { return result }
      guard literal(",") else { return nil }
    }
  }
}
