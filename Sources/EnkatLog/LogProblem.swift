/// Something in a response file that is not a usable record, or that a reader must say about the
/// file: where it is (line, byte offset) and what it is.
///
/// Runs are reported once: a repeated or missing stretch of records is one problem with a range,
/// and Windows line endings or a byte-order mark are said once per file.
public struct LogProblem: Equatable, Sendable, CustomStringConvertible {
  /// What is wrong.
  public enum Kind: Equatable, Sendable {
    /// The file ends in the middle of a record: a crash during a write.
    case tornTail
    /// A line that is not a usable record (no checksum, a wrong one, or malformed).
    case defect(RecordDefect)
    /// Sequence numbers of `station` that never appear before this line: records lost or cut out.
    case missingRecords(station: String, sequences: ClosedRange<Int>)
    /// Lines `line...lastLine` carry sequence numbers of `station` that were already read. When
    /// `identical`, they are the same records again (read once); otherwise they differ (a conflict:
    /// two writers used one station id) and are set aside.
    case repeatedRecords(station: String, sequences: ClosedRange<Int>, identical: Bool)
    /// The file's lines end in CR LF (saved on Windows); the records were read all the same.
    case windowsLineEndings(lines: Int)
    /// The file begins with a UTF-8 byte-order mark (added by an editor); it was ignored.
    case byteOrderMark
    /// A `tornTailSealed` record whose offset reaches back over records that verify (a writer
    /// never writes one): the records were read, not sealed.
    case sealCoversRecords(Int)

    /// Whether the records the problem concerns were still read (a notice, not a loss).
    public var isNotice: Bool {
      switch self {
      case .windowsLineEndings, .byteOrderMark: return true
      case .repeatedRecords(_, _, let identical): return identical
      default: return false
      }
    }
  }

  public var line: Int
  /// The last line of a run (`repeatedRecords`); equal to `line` otherwise.
  public var lastLine: Int
  public var offset: Int
  public var length: Int
  public var kind: Kind

  public init(line: Int, lastLine: Int? = nil, offset: Int, length: Int, kind: Kind) {
    self.line = line
    self.lastLine = lastLine ?? line
    self.offset = offset
    self.length = length
    self.kind = kind
  }

  public var description: String {
    let at = "line \(line) (byte \(offset))"
    switch kind {
    case .tornTail:
      return
        "\(at): the file ends inside a record of \(length) bytes (torn by a crash); it was never acknowledged and is left out"
    case .defect(let defect):
      return "\(at): \(defect)"
    case .missingRecords(let station, let s):
      let which = s.count == 1 ? "record \(s.lowerBound) is" : "records \(s.lowerBound)–\(s.upperBound) are"
      return
        "\(at): \(which) missing before this line (station \(station)): the file was cut short or copied in part, or damaged lines above held them"
    case .repeatedRecords(let station, let s, let identical):
      let lines = lastLine == line ? "line \(line)" : "lines \(line)–\(lastLine)"
      let which = s.count == 1 ? "record \(s.lowerBound)" : "records \(s.lowerBound)–\(s.upperBound)"
      return identical
        ? "\(lines): \(which) of station \(station) again, the same as already read (the file, or part of it, was copied in twice); read once"
        : "\(lines): \(which) of station \(station) again with different content (two stations wrote under one station id, e.g. cloned laptops); set aside, not read"
    case .windowsLineEndings(let count):
      return
        "the file has Windows line endings (CR LF) on \(count) line\(count == 1 ? "" : "s"), from line \(line): it was opened and saved on Windows. Its records were read; this is not damage"
    case .byteOrderMark:
      return "the file begins with a byte-order mark (added by a Windows editor); it was ignored"
    case .sealCoversRecords(let count):
      return
        "\(at): a seal of a torn record reaches back over \(count) record\(count == 1 ? "" : "s") that verify (no writer seals good records); they were read"
    }
  }
}
