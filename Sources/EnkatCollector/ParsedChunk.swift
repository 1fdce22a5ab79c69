import EnkatLog
import Foundation

/// One stretch of a file read and checked, ready to merge: its records by case, and the
/// reader's problems, with the bytes they came from (for quarantine and conflicts).
struct ParsedChunk: Sendable {
  var segments: [CaseSegment]
  var problems: [LogProblem]
  var sealedFragments: [SealedFragment]
  /// The buffer a stretch read by the reading rules was read into: its first `length` bytes are
  /// the stretch. The merge gives it back (`FileReading.done(with:)`) when it is done with the chunk.
  /// Nil for a stretch read in order in pieces (`FileReading.readInPieces`), whose bytes are not
  /// kept: a line the merge needs is read again from the file (`line(atFileOffset:checksum:path:)`).
  var buffer: ChunkBuffer?
  var length: Int
  /// The file offset of the stretch's first byte.
  var offset: Int
  var bytesRead: Int

  /// A copy of the stretch's bytes in `range` (of the stretch, cut to it).
  func bytes(_ range: Range<Int>) -> [UInt8] {
    let lower = max(0, range.lowerBound)
    let upper = min(length, range.upperBound)
    guard let buffer, lower < upper else { return [] }
    return Array(buffer.bytes(upper)[lower..<upper])
  }

  /// The text of the record line at `offset` in the file at `path`, without its line break: from
  /// the stretch's bytes when the chunk kept them, else read again from the file and checked to
  /// be the record whose checksum is `checksum`.
  func line(atFileOffset offset: Int, checksum: UInt32, path: String) throws(FileChangedWhileCollected) -> String {
    if let buffer {
      let start = offset - self.offset
      let b = buffer.bytes(length)
      guard start >= 0, start < length else { return "" }
      var end = b[start...].firstIndex(of: 0x0A) ?? length
      if end > start, b[end - 1] == 0x0D { end -= 1 }
      return String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
    }
    let line = FileLines.line(at: offset, path: path)
    guard let line, line.withUnsafeBufferPointer({ RecordCodec.verifiedChecksum($0) }) == checksum else {
      throw FileChangedWhileCollected(path: path, offset: offset)
    }
    return String(decoding: line, as: UTF8.self)
  }
}

/// A file whose bytes changed between the reading of a record and the merge's second look at
/// it (for a conflict): something wrote into the file while it was collected.
struct FileChangedWhileCollected: Error, CustomStringConvertible {
  var path: String
  var offset: Int

  var description: String {
    "\(path) changed while it was being collected (the record at byte \(offset) is no longer the one read there); collect again once nothing writes to the file"
  }
}

/// Reading one line of a file again.
enum FileLines {
  /// The line that starts at `offset` in the file at `path`, without its line break (LF or
  /// CR LF); nil when the file cannot be read there.
  static func line(at offset: Int, path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var line: [UInt8] = []
    var piece = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = piece.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset + line.count)) }
      guard n > 0 else { return line.isEmpty ? nil : line }
      if let end = piece[0..<n].firstIndex(of: 0x0A) {
        line += piece[0..<end]
        if line.last == 0x0D { line.removeLast() }
        return line
      }
      line += piece[0..<n]
    }
  }
}

/// Memory a stretch of a file is read into, used again from stretch to stretch: a collect reads
/// into the same few buffers instead of touching new memory for every stretch of every file.
/// Who holds one after giving it back (`FileReading.done(with:)`) must not read it.
final class ChunkBuffer: @unchecked Sendable {
  let capacity: Int
  private let start: UnsafeMutablePointer<UInt8>

  init(capacity: Int) {
    self.capacity = capacity
    start = .allocate(capacity: capacity)
  }

  deinit { start.deallocate() }

  /// The first `count` bytes.
  func bytes(_ count: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }

  /// Reads `count` bytes (at most `capacity`) at `offset` of `fd` into the start; returns how many
  /// were read (fewer at the end of the file).
  func read(_ fd: Int32, at offset: Int, count: Int) -> Int {
    let wanted = min(count, capacity)
    var done = 0
    while done < wanted {
      let n = pread(fd, start + done, min(wanted - done, 1 << 16), off_t(offset + done))
      if n <= 0 { break }
      done += n
    }
    return done
  }
}
