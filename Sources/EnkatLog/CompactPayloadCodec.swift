import EnkatModel

/// The binary form of a record's payload (its type's members) in the store's case histories
/// (docs/collector.md): texts as a varint length and UTF-8 bytes, whole numbers as zigzag varints.
///
/// - start: questionnaire, version, digest, interviewer, language (texts)
/// - resume: interviewer, language; language: language; end: outcome; clear: q
/// - answer: q, a value tag (0 whole number, 1 list of codes as a count and numbers, 2 a decimal
///   as 8 bytes of IEEE 754 little-endian, 3 text, 4 missing kind as text), then `ms`
/// - order: q, a count and codes; questionOrder: block, a count and ids; confirm: q, check
/// - tornTailSealed: offset
public enum CompactPayloadCodec {
  /// The type codes, as the low four bits of a history record's head byte.
  public static let typeNames = [
    "start", "resume", "answer", "order", "questionOrder", "confirm", "clear", "language", "end", "tornTailSealed",
  ]
  public static let startType: UInt8 = 0
  public static let resumeType: UInt8 = 1
  public static let answerType: UInt8 = 2
  public static let orderType: UInt8 = 3
  public static let confirmType: UInt8 = 5
  public static let clearType: UInt8 = 6
  public static let languageType: UInt8 = 7
  public static let endType: UInt8 = 8

  public static func typeCode(_ payload: ResponseRecord.Payload) -> UInt8 {
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

  /// Appends the members of `payload` to `out`.
  public static func encode(_ payload: ResponseRecord.Payload, into out: inout [UInt8]) {
    switch payload {
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
  }

  /// The payload of type `type` at the reader's position, or nil when the bytes are not one.
  public static func decode(_ type: UInt8, revision: Bool, _ r: inout CompactReader) -> ResponseRecord.Payload? {
    switch type {
    case 0:
      guard let id = r.text(), let version = r.text(), let digest = r.text(), let interviewer = r.text(),
        let language = r.text()
      else { return nil }
      return .start(
        InterviewStart(
          questionnaireID: id, questionnaireVersion: version, questionnaireDigest: digest, interviewer: interviewer,
          language: language))
    case 1:
      guard let interviewer = r.text(), let language = r.text() else { return nil }
      return .resume(interviewer: interviewer, language: language)
    case 2:
      guard let q = r.text(), let response = answerValue(&r), let ms = r.varint(), ms <= UInt64(Int.max) else {
        return nil
      }
      return .answer(questionID: q, response: response, elapsedMilliseconds: Int(ms), revision: revision)
    case 3:
      guard let q = r.text(), let codes = r.ints() else { return nil }
      return .order(questionID: q, codes: codes)
    case 4:
      guard let block = r.text(), let count = r.varint(), count <= UInt64(r.remaining) else { return nil }
      var ids: [String] = []
      for _ in 0..<count {
        guard let id = r.text() else { return nil }
        ids.append(id)
      }
      return .questionOrder(blockID: block, questionIDs: ids)
    case 5:
      guard let q = r.text(), let check = r.varint(), check <= 9999 else { return nil }
      return .confirm(questionID: q, check: Int(check))
    case 6:
      return r.text().map { .clear(questionID: $0) }
    case 7:
      return r.text().map { .language($0) }
    case 8:
      return r.text().flatMap(InterviewOutcome.init(rawValue:)).map { .end($0) }
    case 9:
      return r.varint().flatMap { $0 <= UInt64(Int.max) ? .tornTailSealed(atOffset: Int($0)) : nil }
    default:
      return nil
    }
  }

  /// An answer's value (its tag, then the value) at the reader's position.
  public static func answerValue(_ r: inout CompactReader) -> RecordedResponse? {
    switch r.byte() {
    case 0?:
      return r.varint().map { .integer(unzigzag($0)) }
    case 1?:
      return r.ints().map { .integers($0) }
    case 2?:
      var bits: UInt64 = 0
      for k in 0..<8 {
        guard let b = r.byte() else { return nil }
        bits |= UInt64(b) << (8 * UInt64(k))
      }
      return .number(Double(bitPattern: bits))
    case 3?:
      return r.text().map { .text($0) }
    case 4?:
      return r.text().map { .missing($0) }
    default:
      return nil
    }
  }

  /// Moves the reader past an answer's value (its tag, then the value) making no value but a
  /// text's, which is checked as UTF-8 as `answerValue` checks it; false when it is not one.
  @inlinable public static func skipAnswerValue(_ r: inout CompactReader) -> Bool {
    switch r.byte() {
    case 0?: return r.varint() != nil
    case 1?:
      guard let count = r.varint(), count <= UInt64(r.remaining) else { return false }
      for _ in 0..<count where r.varint() == nil { return false }
      return true
    case 2?:
      guard r.remaining >= 8 else { return false }
      r.at += 8
      return true
    case 3?, 4?: return r.text() != nil
    default: return false
    }
  }

  /// Moves the reader past the members of a record of `type` without making values; false when
  /// the bytes end first or the type is not one.
  public static func skip(_ type: UInt8, _ r: inout CompactReader) -> Bool {
    func texts(_ n: Int) -> Bool { (0..<n).allSatisfy { _ in r.skipText() } }
    func list(_ element: (inout CompactReader) -> Bool) -> Bool {
      guard let count = r.varint(), count <= UInt64(r.remaining) else { return false }
      return (0..<count).allSatisfy { _ in element(&r) }
    }
    switch type {
    case 0: return texts(5)  // start
    case 1: return texts(2)  // resume
    case 2: return r.skipText() && skipAnswerValue(&r) && r.varint() != nil  // answer
    case 3: return r.skipText() && list { $0.varint() != nil }  // order
    case 4: return r.skipText() && list { $0.skipText() }  // questionOrder
    case 5: return r.skipText() && r.varint() != nil  // confirm
    case 6, 7, 8: return r.skipText()  // clear, language, end
    case 9: return r.varint() != nil  // tornTailSealed
    default: return false
    }
  }

  @inlinable public static func varint(_ value: UInt64, _ out: inout [UInt8]) {
    var v = value
    while v >= 0x80 {
      out.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    out.append(UInt8(v))
  }

  public static func text(_ s: String, _ out: inout [UInt8]) {
    var copy = s
    copy.withUTF8 { bytes in
      varint(UInt64(bytes.count), &out)
      out.append(contentsOf: bytes)
    }
  }

  @inlinable public static func zigzag(_ n: Int) -> UInt64 { UInt64(bitPattern: Int64((n << 1) ^ (n >> 63))) }

  @inlinable public static func unzigzag(_ z: UInt64) -> Int { Int(bitPattern: UInt(z >> 1)) ^ -Int(z & 1) }
}

/// Reads what `CompactPayloadCodec` and the history codec wrote, refusing to run past the end.
///
/// Its small reads are inlinable: the collect's reading threads (another module) make several
/// per record.
public struct CompactReader {
  public let bytes: [UInt8]
  @usableFromInline var at = 0

  public init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// A reader of `bytes` from `position` on.
  public init(_ bytes: [UInt8], at position: Int) {
    self.bytes = bytes
    at = position
  }

  /// Where the next read starts.
  public var position: Int { at }
  @inlinable public var atEnd: Bool { at >= bytes.count }
  @inlinable public var remaining: Int { bytes.count - at }

  @inlinable public mutating func byte() -> UInt8? {
    guard at < bytes.count else { return nil }
    defer { at += 1 }
    return bytes[at]
  }

  @inlinable public mutating func varint() -> UInt64? {
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

  public mutating func text() -> String? {
    guard let n = varint(), n <= UInt64(remaining) else { return nil }
    defer { at += Int(n) }
    return bytes.withUnsafeBufferPointer { b in
      let text = UnsafeBufferPointer(rebasing: b[position..<position + Int(n)])
      // ASCII (the usual ids and codes) needs no validation.
      if !text.contains(where: { $0 >= 0x80 }) { return String(decoding: text, as: UTF8.self) }
      return String(validating: text, as: UTF8.self)
    }
  }

  /// Skips a text; false when the bytes end first.
  @inlinable public mutating func skipText() -> Bool { textRange() != nil }

  /// Where a text's bytes are, moving past them; nil when the bytes end first.
  @inlinable public mutating func textRange() -> Range<Int>? {
    guard let n = varint(), n <= UInt64(remaining) else { return nil }
    defer { at += Int(n) }
    return at..<(at + Int(n))
  }

  public mutating func ints() -> [Int]? {
    guard let count = varint(), count <= UInt64(remaining) else { return nil }
    var codes: [Int] = []
    codes.reserveCapacity(Int(count))
    for _ in 0..<count {
      guard let z = varint() else { return nil }
      codes.append(CompactPayloadCodec.unzigzag(z))
    }
    return codes
  }
}
