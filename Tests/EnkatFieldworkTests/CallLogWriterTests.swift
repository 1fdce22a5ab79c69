import EnkatLog
import EnkatTestSupport
import Foundation
import Testing

@testable import EnkatFieldwork

/// The station's call file: whole lines with a CRC-32 each, one writer at a time, and a torn last
/// line (a crash mid-write) ended rather than continued.
@Suite("Call files")
struct CallLogWriterTests {
  func lines(_ path: String) -> [String] {
    String(decoding: TestFiles.bytes(path), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
      .map(String.init)
  }

  /// Whether a line's checksum is right, as docs/response-log.md computes it.
  func checks(_ line: String) -> Bool {
    let bytes = Array(line.utf8)
    guard bytes.count > 20,
      String(decoding: bytes[(bytes.count - 20)..<(bytes.count - 10)], as: UTF8.self) == #","crc32":""#
    else { return false }
    let crc = CRC32.checksum(Array(bytes[..<(bytes.count - 20)]) + [UInt8(ascii: "}")])
    return CRC32.hex(crc) == String(decoding: bytes[(bytes.count - 10)..<(bytes.count - 2)], as: UTF8.self)
  }

  @Test("attempts are whole checksummed lines; a torn tail is ended before the next; a second writer is refused")
  func tornTailAndLock() throws {
    let dir = TemporaryDirectory()
    let attempt = CallQueue.Attempt(
      caseID: "M\"1", interviewer: "ia", at: 29_400_000, outcome: .appointment, appointment: 29_400_030)
    var writer: CallLogWriter? = try CallLogWriter(directory: dir.path, questionnaireID: "q", station: "S1")
    try writer!.append(attempt)
    #expect(throws: CallLogWriter.Failure.self) {
      _ = try CallLogWriter(directory: dir.path, questionnaireID: "q", station: "S1")
    }
    writer = nil
    let path = CallLogWriter.path(directory: dir.path, questionnaireID: "q", station: "S1")
    let handle = try #require(FileHandle(forWritingAtPath: path))
    handle.seekToEndOfFile()
    handle.write(Data(#"{"v":1,"seq":2,"at":"2026-"#.utf8))  // a crash mid-write
    try handle.close()
    writer = try CallLogWriter(directory: dir.path, questionnaireID: "q", station: "S1")
    try writer!.append(CallQueue.Attempt(caseID: "M2", interviewer: "ia", at: 29_400_040, outcome: .busy))
    let all = lines(path)
    #expect(all.count == 4 && all.last == "")
    #expect(checks(all[0]) && !checks(all[1]) && checks(all[2]), "\(all)")
    let first = try JSONSerialization.jsonObject(with: Data(all[0].utf8)) as? [String: Any]
    #expect(first?["case"] as? String == "M\"1" && first?["appointment"] as? String == "2025-11-24T16:30:00Z")
    let third = try JSONSerialization.jsonObject(with: Data(all[2].utf8)) as? [String: Any]
    #expect(third?["seq"] as? Int == 3 && third?["aapor"] as? String == "3.12")
  }
}
