import EnkatModel
import Glibc

/// A verified record as the collector keeps it: identity, time and type as values, and the
/// type's members already in the compact form of `CompactPayloadCodec`, in a buffer shared by a
/// stretch's records (`CompactPayloads`). Reading one allocates nothing for the usual records.
public struct CompactRecord: LogRecord {
  public var sequence: Int
  public var station: String
  public var caseID: String
  /// `at` in milliseconds since 1970, or nil when it is not in the usual form (then `rawTime`).
  public var milliseconds: Int?
  public var rawTime: String?
  /// `qd`, the short digest of the questionnaire version.
  public var questionnaireDigest: String
  public var type: UInt8
  public var revision: Bool
  /// An answer's `ms`.
  public var answerMilliseconds: Int
  /// Where the members are in `CompactPayloads.bytes`.
  public var payload: Range<Int>
  /// The payload as a value, for the types a case has few of (start, resume, language, end, seal);
  /// boxed, so that a record stays small to copy.
  private var box: PayloadBox?

  public var detail: ResponseRecord.Payload? { box?.payload }

  public var startedQuestionnaireID: String? {
    if case .start(let s)? = box?.payload { return s.questionnaireID }
    return nil
  }

  public var sealedFromOffset: Int? {
    if case .tornTailSealed(let offset)? = box?.payload { return offset }
    return nil
  }

  init(
    sequence: Int, station: String, caseID: String, milliseconds: Int?, rawTime: String?,
    questionnaireDigest: String, type: UInt8, revision: Bool, answerMilliseconds: Int, payload: Range<Int>,
    detail: ResponseRecord.Payload?
  ) {
    self.sequence = sequence
    self.station = station
    self.caseID = caseID
    self.milliseconds = milliseconds
    self.rawTime = rawTime
    self.questionnaireDigest = questionnaireDigest
    self.type = type
    self.revision = revision
    self.answerMilliseconds = answerMilliseconds
    self.payload = payload
    box = detail.map(PayloadBox.init)
  }

}

/// A payload on the heap (see `CompactRecord.detail`).
final class PayloadBox: Sendable {
  let payload: ResponseRecord.Payload
  init(_ payload: ResponseRecord.Payload) { self.payload = payload }
}

/// Decodes lines into `CompactRecord`s, writing their members into `bytes`. A line in the exact
/// form `RecordCodec.encode` writes is scanned; any other verified line is decoded by the general
/// decoder and converted, so both give the same record (a test holds them to it).
public final class CompactPayloads {
  public internal(set) var bytes: [UInt8] = []
  /// What a scan reuses from line to line.
  struct ScanState {
    var times = Timestamp.Reader()
    /// The previous line's `,"station":…,"case":…,"qd":…,"type":` and where its three strings
    /// are in it: a case's records follow one another, so the next line most often has the
    /// same bytes there, already found valid.
    var identity: [UInt8] = []
    var station = 0..<0
    var caseID = 0..<0
    var digest = 0..<0
    /// The payload of the last line scanned whose type a case has few of (`ScannedLine.hasDetail`):
    /// kept here so that a scanned line stays a value without references.
    var detail: ResponseRecord.Payload?
  }
  private var state = ScanState()
  private var lastDigest = ""
  private var lastDigestBytes: [UInt8] = []

  public init() {}

  /// Decodes a line whose checksum was verified (`RecordCodec.verify`).
  func decodeVerified(_ b: UnsafeBufferPointer<UInt8>) -> Result<CompactRecord, RecordDefect> {
    // The buffer is moved out of the object while a line is scanned: no exclusivity checks.
    var out: [UInt8] = []
    swap(&out, &bytes)
    defer { swap(&out, &bytes) }
    if let line = scan(b, end: b.count - RecordCodec.suffixLength, into: &out) {
      return .success(record(line, in: b))
    }
    return RecordCodec.decodeVerified(b).map { convert($0, into: &out) }
  }

  /// The compact form of a decoded record.
  func convert(_ r: ResponseRecord) -> CompactRecord {
    convert(r, into: &bytes)
  }

  func convert(_ r: ResponseRecord, into bytes: inout [UInt8]) -> CompactRecord {
    let start = bytes.count
    CompactPayloadCodec.encode(r.payload, into: &bytes)
    let millis = Timestamp.milliseconds(r.time)
    var revision = false
    var ms = 0
    var detail: ResponseRecord.Payload?
    switch r.payload {
    case .answer(_, _, let elapsed, let revised):
      revision = revised
      ms = elapsed
    case .order, .questionOrder, .confirm, .clear: break
    case .start, .resume, .language, .end, .tornTailSealed: detail = r.payload
    }
    return CompactRecord(
      sequence: r.sequence, station: r.station, caseID: r.caseID, milliseconds: millis,
      rawTime: millis == nil ? r.time : nil, questionnaireDigest: r.questionnaireDigest,
      type: CompactPayloadCodec.typeCode(r.payload), revision: revision, answerMilliseconds: ms,
      payload: start..<bytes.count, detail: detail)
  }

  /// The record of a scanned line (whose strings `scan` found valid).
  private func record(_ line: ScannedLine, in b: UnsafeBufferPointer<UInt8>) -> CompactRecord {
    func text(_ range: Range<Int>) -> String {
      String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self)
    }
    return CompactRecord(
      sequence: line.sequence, station: text(line.station), caseID: text(line.caseID),
      milliseconds: line.milliseconds, rawTime: line.milliseconds == nil ? text(line.at) : nil,
      questionnaireDigest: digest(b, line.digest),
      type: line.type, revision: line.revision, answerMilliseconds: line.answerMilliseconds, payload: line.payload,
      detail: line.hasDetail ? state.detail : nil)
  }

  /// A line in canonical form, its members appended to `bytes`; nil, with nothing appended, when it
  /// is in any other form. Every string is checked to be valid UTF-8.
  func scan(_ b: UnsafeBufferPointer<UInt8>, end: Int, into bytes: inout [UInt8]) -> ScannedLine? {
    // The state is moved out of the object while a line is scanned: no exclusivity checks.
    var state = ScanState()
    swap(&state, &self.state)
    defer { swap(&state, &self.state) }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.roomNeeded(end)) { room in
      var line = ScannedLine()
      guard scan(b, end: end, into: room.baseAddress!, state: &state, line: &line) else { return nil }
      let start = bytes.count
      bytes.append(contentsOf: UnsafeBufferPointer(start: room.baseAddress, count: line.payload.count))
      line.payload = start..<bytes.count
      return line
    }
  }

  /// The room `scan(_:end:into:state:)` may write to for a line whose members end at `end`: the
  /// compact members are never longer than the line's, and a few bytes.
  public static func roomNeeded(_ end: Int) -> Int { end + 64 }

  /// `scan(_:end:into:)` writing the members from `room` on (which has `roomNeeded(end)` bytes)
  /// and what it found to `line` (the caller's, so no struct is copied out per line); the line's
  /// `payload` is `0..<count` of the members. False, `line` then of no use, when the line is in
  /// another form.
  func scan(
    _ b: UnsafeBufferPointer<UInt8>, end: Int, into room: UnsafeMutablePointer<UInt8>, state: inout ScanState,
    line: inout ScannedLine
  ) -> Bool {
    var s = ByteScanner(b: b, end: end)
    guard s.literal("{\"v\":1,\"seq\":"), let seq = s.int(), ResponseRecord.sequenceRange.contains(seq),
      s.member("at")
    else { return false }
    // `at` in the usual form is 24 bytes of digits and separators: read as a time, no string scan.
    let at: Range<Int>
    var milliseconds: Int?
    if s.i + 25 < end, b[s.i] == UInt8(ascii: "\""), b[s.i + 25] == UInt8(ascii: "\""),
      let m = state.times.milliseconds(bytes: UnsafeBufferPointer(rebasing: b[(s.i + 1)..<(s.i + 25)]))
    {
      at = (s.i + 1)..<(s.i + 25)
      milliseconds = m
      s.i += 26
    } else {
      guard let text = s.validStringRange() else { return false }
      at = text
      milliseconds = state.times.milliseconds(bytes: UnsafeBufferPointer(rebasing: b[at]))
    }
    let station: Range<Int>
    let caseRange: Range<Int>
    let qd: Range<Int>
    let identityStart = s.i
    let known = state.identity.count
    let sameIdentity =
      known > 0 && identityStart + known <= end
      && state.identity.withUnsafeBufferPointer({ memcmp(b.baseAddress! + identityStart, $0.baseAddress!, known) == 0 })
    if sameIdentity {
      station = (identityStart + state.station.lowerBound)..<(identityStart + state.station.upperBound)
      caseRange = (identityStart + state.caseID.lowerBound)..<(identityStart + state.caseID.upperBound)
      qd = (identityStart + state.digest.lowerBound)..<(identityStart + state.digest.upperBound)
      s.i += known
    } else {
      guard s.member("station"), let stationText = s.stringRange(), s.member("case"), let caseText = s.stringRange(),
        s.member("qd"), let qdText = s.stringRange(), s.member("type"), s.validText(stationText),
        s.validText(caseText), s.validText(qdText)
      else { return false }
      station = stationText
      caseRange = caseText
      qd = qdText
      state.identity = Array(b[identityStart..<s.i])
      state.station = (station.lowerBound - identityStart)..<(station.upperBound - identityStart)
      state.caseID = (caseRange.lowerBound - identityStart)..<(caseRange.upperBound - identityStart)
      state.digest = (qd.lowerBound - identityStart)..<(qd.upperBound - identityStart)
    }
    // The usual types known by one comparison of the quoted word, the others by a scan.
    let typeRange: Range<Int>
    switch s.word8() {
    case ByteScanner.quotedAnswer?:
      typeRange = (s.i + 1)..<(s.i + 7)
      s.i += 8
    case ByteScanner.quotedOrderComma?:
      typeRange = (s.i + 1)..<(s.i + 6)
      s.i += 7
    default:
      guard let scanned = s.stringRange() else { return false }
      typeRange = scanned
    }
    var out = ByteSink(room)
    guard let members = scanMembers(&s, typeRange, b, &out, &state), s.i == end else { return false }
    assert(out.count <= Self.roomNeeded(end), "compact members longer than the room for them")
    line.sequence = seq
    line.at = at
    line.milliseconds = milliseconds
    line.station = station
    line.caseID = caseRange
    line.digest = qd
    line.type = members.type
    line.revision = members.revision
    line.answerMilliseconds = members.answerMilliseconds
    line.payload = 0..<out.count
    line.hasDetail = members.hasDetail
    line.sameIdentity = sameIdentity
    return true
  }

  /// What `scanMembers` found besides the bytes it wrote.
  private struct ScannedMembers {
    var type: UInt8
    var revision = false
    var answerMilliseconds = 0
    var hasDetail = false
  }

  /// The members after `"type":`, written to `out` in compact form; nil when they are not in
  /// canonical form or the type is one the general decoder reads.
  private func scanMembers(
    _ s: inout ByteScanner, _ typeRange: Range<Int>, _ b: UnsafeBufferPointer<UInt8>, _ out: inout ByteSink,
    _ state: inout ScanState
  ) -> ScannedMembers? {
    let end = s.end
    if s.isWord(typeRange, "answer") {
      var found = ScannedMembers(type: CompactPayloadCodec.answerType)
      guard s.member("q"), let q = s.validStringRange() else { return nil }
      putText(b, q, &out)
      if s.member("value") {
        guard s.i < end else { return nil }
        switch b[s.i] {
        case UInt8(ascii: "["):
          out.put(1)
          guard s.ints(into: &out) else { return nil }
        case UInt8(ascii: "\""):
          guard let v = s.validStringRange() else { return nil }
          out.put(3)
          putText(b, v, &out)
        default:
          guard let n = s.int() else { return nil }
          out.put(0)
          out.varint(CompactPayloadCodec.zigzag(n))
        }
      } else {
        guard s.member("missing"), let m = s.validStringRange() else { return nil }
        out.put(4)
        putText(b, m, &out)
      }
      guard s.member("ms"), let elapsed = s.int(), (0...Int(Int32.max) * 1000).contains(elapsed),
        s.member("revision")
      else { return nil }
      if s.literal("true") {
        found.revision = true
      } else if !s.literal("false") {
        return nil
      }
      found.answerMilliseconds = elapsed
      out.varint(UInt64(elapsed))
      return found
    }
    if s.isWord(typeRange, "order") {
      guard s.member("q"), let q = s.validStringRange(), s.member("order") else { return nil }
      putText(b, q, &out)
      guard s.ints(into: &out) else { return nil }
      return ScannedMembers(type: CompactPayloadCodec.orderType)
    }
    if s.isWord(typeRange, "clear") {
      guard s.member("q"), let q = s.validStringRange(), s.member("reason"), s.validStringRange() != nil
      else { return nil }
      putText(b, q, &out)
      return ScannedMembers(type: CompactPayloadCodec.clearType)
    }
    if s.isWord(typeRange, "confirm") {
      guard s.member("q"), let q = s.validStringRange(), s.member("check"), let check = s.int(),
        (0...9999).contains(check)
      else { return nil }
      putText(b, q, &out)
      out.varint(UInt64(check))
      return ScannedMembers(type: CompactPayloadCodec.confirmType)
    }
    if let (code, payload) = scanFewPerCase(&s, typeRange, b, &out) {
      state.detail = payload
      return ScannedMembers(type: code, hasDetail: true)
    }
    return nil  // the rarer types (questionOrder, tornTailSealed): the general decoder
  }

  /// The members of the types a case has few of (start, resume, language, end) at the scanner,
  /// written to `out`; their type code and payload, or nil when the line is in another form.
  private func scanFewPerCase(
    _ s: inout ByteScanner, _ typeRange: Range<Int>, _ b: UnsafeBufferPointer<UInt8>, _ out: inout ByteSink
  ) -> (UInt8, ResponseRecord.Payload)? {
    func text(_ name: StaticString) -> String? {
      guard s.member(name), let range = s.stringRange(), let text = s.text(range) else { return nil }
      putText(b, range, &out)
      return text
    }
    if s.isWord(typeRange, "end") {
      guard let name = text("outcome"), let outcome = InterviewOutcome(rawValue: name) else { return nil }
      return (CompactPayloadCodec.endType, .end(outcome))
    }
    if s.isWord(typeRange, "start") {
      guard let id = text("questionnaire"), let version = text("version"), let digest = text("digest"),
        let interviewer = text("interviewer"), let language = text("language")
      else { return nil }
      return (
        CompactPayloadCodec.startType,
        .start(
          InterviewStart(
            questionnaireID: id, questionnaireVersion: version, questionnaireDigest: digest, interviewer: interviewer,
            language: language))
      )
    }
    if s.isWord(typeRange, "resume") {
      guard let interviewer = text("interviewer"), let language = text("language") else { return nil }
      return (CompactPayloadCodec.resumeType, .resume(interviewer: interviewer, language: language))
    }
    if s.isWord(typeRange, "language") {
      guard let language = text("language") else { return nil }
      return (CompactPayloadCodec.languageType, .language(language))
    }
    return nil
  }

  /// A line in canonical form as `scan` finds it: the places of its members in the line, and
  /// the members of its type written in compact form.
  struct ScannedLine {
    var sequence = 0
    var at = 0..<0
    /// `at` in milliseconds since 1970, or nil when it is not in the usual form.
    var milliseconds: Int?
    var station = 0..<0
    var caseID = 0..<0
    var digest = 0..<0
    var type: UInt8 = 0
    var revision = false
    var answerMilliseconds = 0
    /// Where the members are in the bytes written to.
    var payload = 0..<0
    /// A start, resume, language or end (the types a case has few of): its payload is the
    /// scan state's `detail`.
    var hasDetail = false
    /// The station, case and `qd` are, byte for byte, those of the line the scan state scanned
    /// before (whose strings it found valid).
    var sameIdentity = false
  }

  /// `qd` as a string, the previous one again when the bytes are the same (no allocation).
  private func digest(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
    let same =
      range.count == lastDigestBytes.count
      && lastDigestBytes.withUnsafeBufferPointer {
        memcmp($0.baseAddress!, b.baseAddress! + range.lowerBound, range.count) == 0
      }
    if !same {
      lastDigestBytes = Array(b[range])
      lastDigest = String(decoding: lastDigestBytes, as: UTF8.self)
    }
    return lastDigest
  }

  private func putText(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ out: inout ByteSink) {
    out.varint(UInt64(range.count))
    out.put(UnsafeBufferPointer(rebasing: b[range]))
  }
}
