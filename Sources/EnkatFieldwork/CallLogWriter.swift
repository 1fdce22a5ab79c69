import EnkatLog
import EnkatModel
import Foundation

/// A station's append-only file of call attempts, `DATA/QUESTIONNAIRE-ID.STATION.calls.jsonl`
/// (docs/cati.md, "The call files"), with the response log's guarantees: one `write` on an
/// `O_APPEND` descriptor and `fdatasync` before an attempt is acknowledged, an exclusive `flock`
/// (one process per station), nothing ever rewritten, a torn last line (a crash mid-write) ended
/// with a line break so that the next line is whole, and a CRC-32 on every line:
///
///     {"v":1,"seq":3,"at":"2026-12-01T10:02:00Z","station":"S1","case":"M001","interviewer":"ia",
///      "outcome":"appointment","aapor":"2.21","appointment":"2026-12-01T14:00:00Z","crc32":"…"}
public final class CallLogWriter {
  /// Why the file cannot be used.
  public enum Failure: Error, CustomStringConvertible {
    case cannotOpen(String, Int32)
    case inUse(String)
    case writeFailed(String, Int32)

    public var description: String {
      switch self {
      case .cannotOpen(let path, let e): return "\(path): cannot open the call file (\(String(cString: strerror(e))))"
      case .inUse(let path): return "\(path) is in use by another enkat process (one per station)"
      case .writeFailed(let path, let e):
        return "\(path): the call was not saved (\(String(cString: strerror(e)))); nothing was acknowledged"
      }
    }
  }

  public let path: String
  public let station: String
  private let fd: Int32
  private var seq: Int

  public static func path(directory: String, questionnaireID: String, station: String) -> String {
    "\(directory)/\(questionnaireID).\(station).calls.jsonl"
  }

  public init(directory: String, questionnaireID: String, station: String) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    path = Self.path(directory: directory, questionnaireID: questionnaireID, station: station)
    self.station = station
    switch DurableFile.openLocked(path) {
    case .success(let file): fd = file.fd
    case .failure(.busy): throw Failure.inUse(path)
    case .failure(.cannotOpen(let e)): throw Failure.cannotOpen(path, e)
    case .failure: throw Failure.cannotOpen(path, EINVAL)
    }
    let bytes = FileManager.default.contents(atPath: path).map(Array.init) ?? []
    seq = bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    if let last = bytes.last, last != UInt8(ascii: "\n") {
      try write(Array("\n".utf8))  // a torn line, never acknowledged: ended, not continued
      seq += 1
    }
  }

  deinit { close(fd) }

  /// Appends an attempt; returns when it is on disk.
  public func append(_ attempt: CallQueue.Attempt) throws {
    seq += 1
    func quoted(_ s: String) -> String { JSONText.quoted(s) }
    var body =
      "{\"v\":1,\"seq\":\(seq),\"at\":\(quoted(Self.iso(attempt.at))),\"station\":\(quoted(station)),"
      + "\"case\":\(quoted(attempt.caseID)),\"interviewer\":\(quoted(attempt.interviewer)),"
      + "\"outcome\":\(quoted(attempt.outcome.rawValue)),\"aapor\":\(quoted(attempt.outcome.aaporCode)),"
      + "\"appointment\":\(attempt.appointment.map { quoted(Self.iso($0)) } ?? "null")"
    let crc = CRC32.checksum(Array((body + "}").utf8))
    body += ",\"crc32\":\"\(CRC32.hex(crc))\"}\n"
    try write(Array(body.utf8))
  }

  private func write(_ bytes: [UInt8]) throws {
    switch DurableFile.append(bytes, to: fd) {
    case nil: return
    case .write(let e, _)?, .sync(let e)?: throw Failure.writeFailed(path, e)
    }
  }

  /// Minutes since 1970 as `2026-12-01T10:02:00Z`.
  static func iso(_ minutes: Int) -> String { FieldTime.format(minutes, utc: true) }

}
