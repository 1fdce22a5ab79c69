import EnkatModel
import Glibc

/// A small file beside a station's response file (`.ID.STATION.jsonl.index`) that lets a writer
/// open a long file in constant time: the state of the file up to a byte length, and checksums
/// of the first and last 4 KiB before that length.
///
/// It is a cache, never a source of data: it is used only when the response file still has the
/// same bytes at those places, and otherwise ignored and rebuilt from the response file. It is
/// written (to a temporary file, then renamed) when the writer closes; after a crash the records
/// written since are read from the file's end.
struct StationIndex: Equatable, Sendable {
  static let formatLine = "enkat-station-index 1"

  var length: Int
  var position: ResponseLogReader.Position
  var headChecksum: UInt32
  var tailChecksum: UInt32
  var station: String
  var questionnaireID: String
  var state: StationState

  static func path(for logPath: String) -> String {
    guard let slash = logPath.lastIndex(of: "/") else { return "." + logPath + ".index" }
    return String(logPath[...slash]) + "." + logPath[logPath.index(after: slash)...] + ".index"
  }

  static let closedMarker = "closed-cases"

  /// The bytes of the index, or nil when a case id cannot be written in it (it then is not kept).
  /// Open cases come first, one line each with their record offsets; then, after `closed-cases`,
  /// one `closed ID OUTCOME` line per case that ended for good.
  func encoded() -> [UInt8]? {
    var lines = [
      Self.formatLine,
      "file \(length) \(position.line) \(CRC32.hex(headChecksum)) \(CRC32.hex(tailChecksum))",
      "station \(station)", "questionnaire \(questionnaireID)",
      "sequence \(state.sequence) \(state.highestCaseNumber)",
    ]
    for (s, n) in position.expectedSequence.sorted(by: { $0.key < $1.key }) {
      let parts = s.split(separator: "\u{1F}", omittingEmptySubsequences: false)
      guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
      lines.append("expected \(parts[0]) \(parts[1]) \(n)")
    }
    for (s, q) in position.currentQuestionnaire.sorted(by: { $0.key < $1.key }) { lines.append("current \(s) \(q)") }
    var closed: [String] = []
    for id in state.caseOrder {
      guard !id.isEmpty, id.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }),
        let entry = state.cases[id]
      else { return nil }
      switch entry.status {
      case .open(let hasStart):
        let offsets = entry.offsets.map(String.init).joined(separator: ",")
        lines.append(
          "case \(id) \(hasStart ? "open" : "open-nostart") \(entry.offsetsComplete ? "all" : "some") \(offsets.isEmpty ? "-" : offsets)"
        )
      case .closed(let outcome):
        closed.append("closed \(id) \(outcome.rawValue)\n")
      }
    }
    lines.append(Self.closedMarker)
    var body = Array((lines.joined(separator: "\n") + "\n").utf8)
    body += state.closedBefore
    body += Array(closed.joined().utf8)
    return body + Array("crc \(CRC32.hex(CRC32.checksum(body)))\n".utf8)
  }

  /// Reads an index; nil when it is damaged or not an index.
  static func decode(_ bytes: [UInt8]) -> StationIndex? {
    let trailer = 13  // "crc XXXXXXXX\n"
    guard bytes.count > trailer, bytes.suffix(trailer).starts(with: Array("crc ".utf8)), bytes.last == 0x0A,
      String(decoding: bytes[(bytes.count - 9)..<(bytes.count - 1)], as: UTF8.self)
        == CRC32.hex(CRC32.checksum(bytes.dropLast(trailer)))
    else { return nil }
    let marker = Array("\n\(closedMarker)\n".utf8)
    var split: Int?
    var i = 0
    while i + marker.count <= bytes.count - trailer {
      if bytes[i] == 0x0A, bytes[i..<(i + marker.count)].elementsEqual(marker) {
        split = i
        break
      }
      i += 1
    }
    guard let split else { return nil }
    var lines = String(decoding: bytes[..<split], as: UTF8.self).split(separator: "\n")
      .map { $0.split(separator: " ").map(String.init) }
    guard lines.first == formatLine.split(separator: " ").map(String.init), lines.count >= 5 else { return nil }
    lines.removeFirst()
    let file = lines[0]
    guard file.count == 5, file[0] == "file", let length = Int(file[1]), let line = Int(file[2]),
      let head = UInt32(file[3], radix: 16), let tail = UInt32(file[4], radix: 16),
      lines[1].count == 2, lines[1][0] == "station", lines[2].count == 2, lines[2][0] == "questionnaire",
      lines[3].count == 3, lines[3][0] == "sequence", let sequence = Int(lines[3][1]), let highest = Int(lines[3][2])
    else { return nil }
    var position = ResponseLogReader.Position()
    position.offset = length
    position.line = line
    var state = StationState()
    state.sequence = sequence
    state.highestCaseNumber = highest
    state.closedBefore = Array(bytes[(split + marker.count)..<(bytes.count - trailer)])
    for fields in lines.dropFirst(4) {
      switch fields.first {
      case "expected":
        guard fields.count == 4, let n = Int(fields[3]) else { return nil }
        position.expectedSequence[ResponseLogReader.stream(station: fields[1], questionnaireID: fields[2])] = n
      case "current":
        guard fields.count == 3 else { return nil }
        position.currentQuestionnaire[fields[1]] = fields[2]
      case "case":
        guard fields.count == 5 else { return nil }
        let status: StationState.Status
        switch fields[2] {
        case "open": status = .open(hasStart: true)
        case "open-nostart": status = .open(hasStart: false)
        default: return nil
        }
        var offsets: [Int] = []
        if fields[4] != "-" {
          for o in fields[4].split(separator: ",") {
            guard let n = Int(o) else { return nil }
            offsets.append(n)
          }
        }
        state.caseOrder.append(fields[1])
        state.cases[fields[1]] = .init(status: status, offsets: offsets, offsetsComplete: fields[3] == "all")
      default: return nil
      }
    }
    return StationIndex(
      length: length, position: position, headChecksum: head, tailChecksum: tail, station: lines[1][1],
      questionnaireID: lines[2][1], state: state)
  }

  /// Writes the index beside the response file (best effort: it is only a cache).
  func save(beside logPath: String) {
    guard let bytes = encoded() else { return }
    let target = Self.path(for: logPath)
    let temporary = target + ".tmp"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return }
    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
    if written == bytes.count { rename(temporary, target) } else { unlink(temporary) }
  }

  /// Reads the index beside the response file, if there is a readable one.
  static func load(beside logPath: String) -> StationIndex? {
    let fd = open(path(for: logPath), O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n <= 0 { break }
      bytes += buffer[0..<n]
      if bytes.count > 256 << 20 { return nil }
    }
    return decode(bytes)
  }
}
