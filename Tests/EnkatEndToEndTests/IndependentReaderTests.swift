import EnkatEngine
import EnkatLog
import EnkatTestSupport
import Foundation
import Testing

/// Examples/read_responses.py follows docs/response-log.md: on hostile lines it never crashes,
/// and on damaged files it reports the same lines and reads the same answers as enkat.
@Suite("The independent reader agrees with enkat on damaged files")
struct IndependentReaderTests {
  /// A line whose checksum is right for whatever `body` (everything before the checksum) holds.
  static func checksummed(_ body: [UInt8]) -> [UInt8] {
    let crc = CRC32.checksum(body + Array("}".utf8))
    return body + Array(",\"crc32\":\"\(CRC32.hex(crc))\"}".utf8)
  }

  static func good(_ seq: Int, _ type: String, _ rest: String) -> [UInt8] {
    checksummed(
      Array(
        #"{"v":1,"seq":\#(seq),"at":"2026-11-23T12:00:00.000Z","station":"S01","case":"S01-0001","qd":"9e0e648358d35fce","type":"\#(type)"\#(rest)"#
          .utf8))
  }

  /// What each reader says of a file: problem lines, and responses per case.
  struct Reading: Equatable {
    var problemLines: [Int]
    var cases: [String: [String]]
  }

  static func python(_ path: String) throws -> Reading {
    let out = try Shell.run(
      "python3 \(Shell.quote(PackagePaths.root() + "/Examples/read_responses.py")) \(Shell.quote(path)) 2>&1")
    guard out.status == 0, let object = try JSONSerialization.jsonObject(with: Data(out.text.utf8)) as? [String: Any],
      let problems = object["problems"] as? [String: [[String: Any]]]
    else { throw ShellError.cannotStart("read_responses.py failed: \(out.text.suffix(2000))") }
    let lines = problems.values.flatMap { $0.compactMap { $0["line"] as? Int } }.sorted()
    return Reading(problemLines: lines, cases: try independentReading(path).cases)
  }

  static func enkat(_ path: String) throws -> Reading {
    let contents = try ResponseLogWriter.read(path: path)
    var cases: [String: [String]] = [:]
    for c in contents.cases {
      var responses: [String: String] = [:]
      for r in c.records {
        switch r.payload {
        case .answer(let q, .integer(let n), _, _): responses[q] = "\(q)=\(n)"
        case .answer(let q, .missing(let m), _, _): responses[q] = "\(q)=\(m)"
        case .clear(let q): responses[q] = nil
        default: break
        }
      }
      cases[c.caseID] = responses.values.sorted()
    }
    return Reading(problemLines: contents.problems.map(\.line).sorted(), cases: cases)
  }

  @Test("hostile lines with valid checksums are reported as malformed at their line, and nothing crashes")
  func hostileLines() throws {
    let dir = TemporaryDirectory()
    let path = dir.file("hostile.jsonl")
    let start =
      #","questionnaire":"q","version":"1","digest":"sha256:9e0e648358d35fce","interviewer":"a","language":"sv""#
    var lines: [[UInt8]] = [Self.good(1, "start", start)]
    var bad: [[UInt8]] = [
      Self.checksummed(
        Array(#"{"v":1,"seq":2,"at":"x","station":"S01","case":"S01-0001","qd":"d","type":"answer","q":""#.utf8) + [
          0xFF, 0xFE,
        ] + Array(#"","value":1,"ms":1,"revision":false"#.utf8)),
      Self.checksummed(Array(#"{"v":1,"seq":3,"type":"answer""#.utf8)),
      Self.checksummed(
        Array(
          #"{"v":1,"seq":"4","at":"x","station":"S01","case":"S01-0001","qd":"d","type":"end","outcome":"complete""#
            .utf8)),
      Self.checksummed(Array("this is not json at all".utf8)),
      Self.checksummed(
        Array(#"{"v":1,"deep":"#.utf8) + Array(repeating: UInt8(ascii: "["), count: 50_000)
          + Array(repeating: UInt8(ascii: "]"), count: 50_000)),
      Self.checksummed(
        Array(
          #"{"v":2,"seq":7,"at":"x","station":"S01","case":"S01-0001","qd":"d","type":"answer","q":"a","value":5,"ms":1,"revision":false"#
            .utf8)),
      Self.checksummed(
        Array(
          #"{"v":1,"seq":8,"at":"x","station":"S01","case":"S01-0001","qd":"d","type":"answer","q":"a","value":NaN,"ms":1,"revision":false"#
            .utf8)),
      Self.checksummed(
        Array(
          #"{"v":1,"seq":9,"at":"x","station":"S01","case":"S01-0001","qd":"d","type":"answer","q":"a","value":true,"ms":1,"revision":false"#
            .utf8)),
    ]
    bad.shuffle()
    lines += bad
    lines.append(Self.good(10, "answer", #","q":"b","value":2,"ms":1,"revision":false"#))
    TestFiles.append(lines.flatMap { $0 + [0x0A] }, to: path)
    let python = try Self.python(path)
    let enkat = try Self.enkat(path)
    #expect(python.problemLines == Array(2...9), "\(python)")
    #expect(enkat.problemLines == Array(2...9), "\(enkat)")
    #expect(python.cases == ["S01-0001": ["b=2"]])
    #expect(enkat.cases == python.cases)
  }

  @Test("on 150 randomly damaged files both readers report the same lines and read the same answers")
  func randomDamage() throws {
    let dir = TemporaryDirectory()
    var random = SeededGenerator(seed: 77)
    for round in 0..<150 {
      var lines: [[UInt8]] = []
      var seq = 1
      for c in 1...3 {
        let id = "S01-000\(c)"
        let start =
          #","questionnaire":"q","version":"1","digest":"sha256:9e0e648358d35fce","interviewer":"a","language":"sv""#
        lines.append(Self.good(seq, "start", start).replacing(Array("S01-0001".utf8), with: Array(id.utf8)))
        seq += 1
        for a in 0..<3 {
          var line = Self.good(seq, "answer", #","q":"q\#(a)","value":\#(c * 10 + a),"ms":1,"revision":false"#)
          line = Self.checksummed(Array(line.dropLast(20)).replacing(Array("S01-0001".utf8), with: Array(id.utf8)))
          lines.append(line)
          seq += 1
        }
      }
      var bytes = lines.map { $0 + [0x0A] }
      let k = Int.random(in: 0..<bytes.count, using: &random)
      switch Int.random(in: 0..<5, using: &random) {
      case 0: bytes[k][Int.random(in: 0..<bytes[k].count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
      case 1: bytes.insert(bytes[k], at: k + 1)
      case 2: if k < bytes.count - 1 { bytes.remove(at: k) }
      case 3: bytes = bytes.map { $0.dropLast() + [0x0D, 0x0A] }
      default: bytes[bytes.count - 1] = Array(bytes[bytes.count - 1].prefix(Int.random(in: 1...40, using: &random)))
      }
      let path = dir.file("f\(round).jsonl")
      TestFiles.append(bytes.flatMap { $0 }, to: path)
      #expect(try Self.python(path) == (try Self.enkat(path)), "round \(round)")
    }
  }

}
