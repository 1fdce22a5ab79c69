import EnkatEngine
import EnkatModel
import EnkatTestSupport
import Testing

@testable import EnkatLog

/// The scanner that reads records in their written form gives exactly what the general JSON
/// parser gives, on every line: the ones `encode` writes, and altered ones with a good checksum.
@Suite("The fast record scanner agrees with the general parser")
struct CanonicalScannerTests {
  static let pieces = ["a", "Å", "ä", "ö", "\"", "\\", "\n", "\t", "\u{1}", "😀", " ", "1", "é", "/", "}", ","]

  static func text(_ random: inout SeededGenerator) -> String {
    (0..<Int.random(in: 0...8, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
  }

  static func payload(_ random: inout SeededGenerator) -> ResponseRecord.Payload {
    let n = Int.random(in: -100_000...100_000, using: &random)
    // Lists of every length the scanner writes a count of in one byte, and longer.
    let list = [n, abs(n), 0] + (0..<[0, 0, 1, 123, 124, 125, 200].randomElement(using: &random)!).map { $0 - 50 }
    switch Int.random(in: 0..<13, using: &random) {
    case 0:
      return .start(
        .init(
          questionnaireID: text(&random), questionnaireVersion: "1", questionnaireDigest: text(&random),
          interviewer: text(&random), language: "sv"))
    case 1: return .resume(interviewer: text(&random), language: text(&random))
    case 2:
      return .answer(questionID: text(&random), response: .integer(n), elapsedMilliseconds: abs(n), revision: n > 0)
    case 3:
      return .answer(questionID: "q", response: .integers(list), elapsedMilliseconds: 1, revision: false)
    case 4:
      return .answer(questionID: "q", response: .number(Double(n) / 8 + 0.0625), elapsedMilliseconds: 1, revision: true)
    case 5: return .answer(questionID: "q", response: .text(text(&random)), elapsedMilliseconds: 3, revision: false)
    case 6: return .answer(questionID: "q", response: .missing("dontKnow"), elapsedMilliseconds: 3, revision: false)
    case 7: return .order(questionID: text(&random), codes: list)
    case 8: return .questionOrder(blockID: "b", questionIDs: [text(&random), text(&random)])
    case 9: return .confirm(questionID: "q", check: abs(n) % 10)
    case 10: return .clear(questionID: text(&random))
    case 11: return .end([InterviewOutcome.complete, .suspended, .breakOff].randomElement(using: &random)!)
    default: return .tornTailSealed(atOffset: abs(n))
    }
  }

  @Test("the quoted record types the scanner knows by one word are the bytes of those words")
  func quotedWords() {
    func word(_ text: String) -> UInt64 {
      Array(text.utf8).withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
    }
    #expect(ByteScanner.quotedAnswer == word("\"answer\""))
    #expect(ByteScanner.quotedOrderComma == word("\"order\","))
  }

  @Test("a whole number is read alike by the word-at-a-time path and byte by byte, whatever follows it")
  func wholeNumbers() {
    // The rule byte by byte: -?(0|[1-9][0-9]*), at most 18 digits, not followed by . e E.
    func expected(_ bytes: [UInt8]) -> (Int, Int)? {
      var k = 0
      let negative = bytes.first == UInt8(ascii: "-")
      if negative { k = 1 }
      let first = k
      var value = 0
      while k < bytes.count, (0x30...0x39).contains(bytes[k]) {
        value = value &* 10 &+ Int(bytes[k] - 0x30)
        k += 1
      }
      let digits = k - first
      guard digits >= 1, digits <= 18, !(digits > 1 && bytes[first] == 0x30) else { return nil }
      if k < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[k]) { return nil }
      return (negative ? -value : value, k)
    }
    var random = SeededGenerator(seed: 9)
    let likely = Array("0123456789,]}-.eE /:".utf8) + [0x00, 0x2F, 0x3A, 0x80, 0xB9, 0xFF]
    for round in 0..<100_000 {
      var bytes = (0..<Int.random(in: 0...24, using: &random)).map { _ in
        Int.random(in: 0..<3, using: &random) > 0
          ? UInt8(ascii: "0") + UInt8.random(in: 0...9, using: &random)
          : round % 3 == 0 ? UInt8.random(in: .min ... .max, using: &random) : likely.randomElement(using: &random)!
      }
      if Bool.random(using: &random) { bytes.insert(UInt8(ascii: "-"), at: 0) }
      let read = bytes.withUnsafeBufferPointer { b -> (Int, Int)? in
        var s = ByteScanner(b: b, end: b.count)
        return s.int().map { ($0, s.i) }
      }
      let want = expected(bytes)
      #expect(read?.0 == want?.0 && read?.1 == want?.1, "\(bytes)")
    }
  }

  /// A line with `body` and the checksum it needs.
  static func checksummed(_ body: ArraySlice<UInt8>) -> [UInt8] {
    let crc = CRC32.checksum(Array(body) + [UInt8(ascii: "}")])
    return Array(body) + Array(",\"crc32\":\"\(CRC32.hex(crc))\"}".utf8)
  }

  @Test("20,000 written records, and 20,000 altered ones with good checksums, decode alike both ways")
  func agreement() {
    var random = SeededGenerator(seed: 5)
    let noise = Array("{}[]\",:0123456789-.eEtrufalsn \\".utf8) + [0xC3, 0xA5, 0xFF]
    for round in 0..<20_000 {
      let record = ResponseRecord(
        sequence: Int.random(in: 1...1_000_000, using: &random), time: "2026-11-29T12:00:00.000Z",
        station: "S\(round % 7)", caseID: Self.text(&random), questionnaireDigest: "9e0e648358d35fce",
        payload: Self.payload(&random))
      let line = RecordCodec.encode(record)
      let fast = RecordCodec.decode(line[...])
      #expect(fast == RecordCodec.decodeGeneral(line), "round \(round)")
      #expect(fast == .success(record), "round \(round)")
      // Alter the members and give the line a good checksum again: the general parser decides.
      var body = Array(line.dropLast(20))
      let at = Int.random(in: 0..<body.count, using: &random)
      switch Int.random(in: 0..<3, using: &random) {
      case 0: body[at] = noise.randomElement(using: &random)!
      case 1: body.insert(noise.randomElement(using: &random)!, at: at)
      default: body.remove(at: at)
      }
      let altered = Self.checksummed(body[...])
      #expect(
        RecordCodec.decode(altered[...]) == RecordCodec.decodeGeneral(altered),
        "round \(round): \(String(decoding: altered, as: UTF8.self))")
    }
  }

  /// The compact form of `line` by the compact scanner (`fast`, which remembers what it can
  /// from the lines before), and by the general decoder converted: the same identity, time,
  /// type and member bytes, or the same defect.
  static func compactAgrees(_ line: [UInt8], fast: CompactPayloads) -> Bool {
    let general = CompactPayloads()
    let scanned = line.withUnsafeBufferPointer { b in
      RecordCodec.verify(b).flatMap { _ in fast.decodeVerified(b) }
    }
    let converted = RecordCodec.decode(line[...]).map { general.convert($0) }
    switch (scanned, converted) {
    case (.failure(let a), .failure(let b)): return a == b
    case (.success(let a), .success(let b)):
      return a.sequence == b.sequence && a.station == b.station && a.caseID == b.caseID
        && a.milliseconds == b.milliseconds && a.rawTime == b.rawTime
        && a.questionnaireDigest == b.questionnaireDigest && a.type == b.type && a.revision == b.revision
        && a.answerMilliseconds == b.answerMilliseconds && a.detail == b.detail
        && fast.bytes[a.payload] == general.bytes[b.payload]
    default: return false
    }
  }

  @Test("the collector's compact reading agrees with the general decoder, on written and altered lines")
  func compactAgreement() {
    var random = SeededGenerator(seed: 6)
    let noise = Array("{}[]\",:0123456789-.eEtrufalsn \\".utf8) + [0xC3, 0xA5, 0xFF]
    let times = [
      "2026-11-29T12:00:00.000Z", "2026-11-29T23:59:59.999Z", "2026-11-30T00:00:00.001Z", "2019-02-30T00:00:00.000Z",
      "2019-02-28T24:00:00.000Z", "yesterday",
    ]
    // One scanner for every line, as a reading thread has: runs of one case's records, which it
    // recognises from the line before, and altered lines among them.
    let fast = CompactPayloads()
    var station = "S0"
    var caseID = ""
    for round in 0..<20_000 {
      if Int.random(in: 0..<3, using: &random) == 0 {
        station = "S\(round % 7)"
        caseID = Self.text(&random)
      }
      let record = ResponseRecord(
        sequence: Int.random(in: 1...1_000_000, using: &random), time: times.randomElement(using: &random)!,
        station: station, caseID: caseID, questionnaireDigest: "9e0e648358d35fce", payload: Self.payload(&random))
      let line = RecordCodec.encode(record)
      #expect(Self.compactAgrees(line, fast: fast), "round \(round)")
      var body = Array(line.dropLast(20))
      let at = Int.random(in: 0..<body.count, using: &random)
      body[at] = noise.randomElement(using: &random)!
      let altered = Self.checksummed(body[...])
      #expect(Self.compactAgrees(altered, fast: fast), "round \(round): \(String(decoding: altered, as: UTF8.self))")
    }
  }
}
