import EnkatEngine
import EnkatModel
import EnkatTestSupport
import Foundation
import Glibc
import Testing

@testable import EnkatLog

@Suite("Record format")
struct RecordCodecTests {
  static let start = InterviewStart(
    questionnaireID: "q", questionnaireVersion: "1", questionnaireDigest: "sha256:00",
    interviewer: "Åsa", language: "sv")
  static let payloads: [ResponseRecord.Payload] = [
    .start(start),
    .resume(interviewer: "Örjan", language: "en"),
    .answer(questionID: "area", response: .integer(2), elapsedMilliseconds: 1234, revision: false),
    .answer(questionID: "why", response: .integers([1, 3]), elapsedMilliseconds: 5, revision: true),
    .answer(questionID: "years", response: .number(12.5), elapsedMilliseconds: 0, revision: false),
    .answer(questionID: "note", response: .text("rad \"ett\"\ttab å\\"), elapsedMilliseconds: 7, revision: false),
    .answer(questionID: "area", response: .missing("dontKnow"), elapsedMilliseconds: 9, revision: true),
    .order(questionID: "area", codes: [3, 1, 2, 5]),
    .questionOrder(blockID: "trust[2]", questionIDs: ["trustPress[2]", "trustPolice[2]", "trust\"Courts"]),
    .answer(questionID: "age[3]", response: .text("2019-06-15"), elapsedMilliseconds: 3, revision: false),
    .confirm(questionID: "years", check: 1),
    .clear(questionID: "attitude"),
    .language("en"),
    .end(.complete),
    .tornTailSealed(atOffset: 812),
  ]

  @Test("every kind of record survives encoding and decoding")
  func roundTrip() throws {
    for (i, payload) in Self.payloads.enumerated() {
      let record = ResponseRecord(
        sequence: i + 1, time: "2026-11-23T12:00:00.000Z", station: "S01", caseID: "S01-0001",
        questionnaireDigest: "9e0e648358d35fce", payload: payload)
      let line = RecordCodec.encode(record)
      #expect(!line.contains(0x0A), "one record is one line")
      #expect(try RecordCodec.decode(line[...]).get() == record)
    }
  }

  @Test("CRC-32 gives the standard check value")
  func checkValue() {
    #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
  }

  @Test("a stored checksum is read only from eight lowercase hex digits in its exact suffix")
  func storedChecksumDigits() {
    // The reading byte by byte that the word-at-a-time one must equal.
    func expected(_ digits: [UInt8]) -> UInt32? {
      var value: UInt32 = 0
      for b in digits {
        switch b {
        case 0x30...0x39: value = value << 4 | UInt32(b - 0x30)
        case 0x61...0x66: value = value << 4 | UInt32(b - 0x61 + 10)
        default: return nil
        }
      }
      return value
    }
    var random = SeededGenerator(seed: 8)
    let likely = Array("0123456789abcdefABCDEFgG/:`@ \"}".utf8) + [0x00, 0x7F, 0x80, 0xB3, 0xE6, 0xFF]
    for round in 0..<50_000 {
      var digits = Array(CRC32.hex(UInt32.random(in: .min ... .max, using: &random)).utf8)
      for _ in 0..<Int.random(in: 0...2, using: &random) {
        digits[Int.random(in: 0..<8, using: &random)] =
          round % 4 == 0 ? UInt8.random(in: .min ... .max, using: &random) : likely.randomElement(using: &random)!
      }
      var line = Array("{\"v\":1,\"crc32\":\"".utf8) + digits + Array("\"}".utf8)
      let read = line.withUnsafeBufferPointer { RecordCodec.storedChecksum($0) }
      #expect(read == expected(digits), "\(digits)")
      // Any other byte of the suffix changed: no checksum.
      let k = line.count - 20 + [0, 3, 8, 9, 18, 19].randomElement(using: &random)!
      line[k] ^= 0x01
      #expect(line.withUnsafeBufferPointer { RecordCodec.storedChecksum($0) } == nil)
    }
  }

  @Test("every record verifies with Python's zlib.crc32 and parses with Python's json")
  func independentReader() throws {
    let dir = TemporaryDirectory()
    let path = dir.file("records.jsonl")
    var text = ""
    for (i, payload) in Self.payloads.enumerated() {
      let record = ResponseRecord(
        sequence: i + 1, time: "2026-11-23T12:00:00.000Z", station: "S01", caseID: "S01-0001",
        questionnaireDigest: "9e0e648358d35fce", payload: payload)
      text += String(decoding: RecordCodec.encode(record), as: UTF8.self) + "\n"
    }
    TestFiles.write(text, to: path)
    let script = """
      import json, sys, zlib
      n = 0
      for line in open(sys.argv[1], 'rb'):
          line = line.rstrip(b'\\n')
          assert line.endswith(b'"}') and line[-20:-10] == b',"crc32":"', line
          assert '%08x' % zlib.crc32(line[:-20] + b'}') == line[-10:-2].decode(), line
          record = json.loads(line)
          assert record['v'] == 1 and record['seq'] == n + 1
          n += 1
      print(n)
      """
    TestFiles.write(script, to: dir.file("check.py"))
    let output = try Shell.run("python3 \(dir.file("check.py")) \(path)")
    #expect(output.status == 0, "\(output.text)")
    #expect(output.text.trimmingCharacters(in: .whitespacesAndNewlines) == String(Self.payloads.count))
  }

  @Test("a changed byte, a removed checksum and foreign JSON are each detected")
  func defects() {
    let record = ResponseRecord(
      sequence: 1, time: "t", station: "S", caseID: "c", questionnaireDigest: "9e0e648358d35fce",
      payload: .answer(questionID: "area", response: .integer(2), elapsedMilliseconds: 1, revision: false))
    var line = RecordCodec.encode(record)
    let at = line.firstIndex(of: UInt8(ascii: "2"))!
    line[at] = UInt8(ascii: "3")
    #expect(RecordCodec.decode(line[...]) == .failure(.checksumMismatch))
    let torn = RecordCodec.encode(record).dropLast(7)
    #expect(RecordCodec.decode(torn) == .failure(.noChecksum))
    #expect(RecordCodec.decode(Array(#"{"hello": "world"}"#.utf8)[...]) == .failure(.noChecksum))
  }

  @Test("a record time formats back to the text it was read from, in years 0000–9999, and others still format")
  func timestampRoundTrip() {
    var random = SeededGenerator(seed: 24)
    for _ in 0..<5000 {
      // From 0001 to 9999: what the text form can hold.
      let millis = Int.random(in: -62_135_596_800_000...253_402_300_799_999, using: &random)
      let text = Timestamp.format(millis)
      #expect(Timestamp.milliseconds(text) == millis, "\(millis) → \(text)")
    }
    #expect(Timestamp.format(0) == "1970-01-01T00:00:00.000Z")
    #expect(Timestamp.format(1_569_917_479_007) == "2019-10-01T08:11:19.007Z")
    #expect(Timestamp.format(-1) == "1969-12-31T23:59:59.999Z")
    #expect(Timestamp.format(253_402_300_800_000) == "10000-01-01T00:00:00.000Z")
  }

  @Test("Times read in a row, remembering the day, read as each alone, altered ones included")
  func timestampReaderAgreesWithOneByOne() {
    var random = SeededGenerator(seed: 25)
    var reader = Timestamp.Reader()
    let noise = Array("0123456789-T:.Z /a".utf8) + [0x00, 0xC3]
    var millis = 1_569_917_479_007
    var agreed = 0
    for _ in 0..<50_000 {
      // Mostly the next moment of the same day, sometimes another day, sometimes a damaged time.
      millis += Int.random(in: 0...4_000_000, using: &random)
      if Int.random(in: 0..<50, using: &random) == 0 {
        millis = Int.random(in: 0...253_402_300_799_999, using: &random)
      }
      var bytes = Array(Timestamp.format(millis).utf8)
      if Int.random(in: 0..<8, using: &random) == 0 {
        bytes[Int.random(in: 0..<bytes.count, using: &random)] = noise.randomElement(using: &random)!
      }
      let alone = bytes.withUnsafeBufferPointer { Timestamp.milliseconds(bytes: $0) }
      let inRow = bytes.withUnsafeBufferPointer { reader.milliseconds(bytes: $0) }
      #expect(inRow == alone, "\(String(decoding: bytes, as: UTF8.self))")
      if alone != nil { agreed += 1 }
    }
    #expect(agreed > 40_000)
  }
}
