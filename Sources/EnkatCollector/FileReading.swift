import EnkatDataset
import EnkatLog
import EnkatModel
import Foundation

/// What the store remembers of a file from the last collect.
struct KnownFile: Sendable {
  var id: Int
  var size: Int
  var headCRC: Int
  var readCRC: Int
  var readOffset: Int
  var readerState: String
}

/// The records of one case in one stretch of a file, prepared for the store on a reading thread:
/// its state and encoded history as they are when none of its records is in the store yet (the
/// usual case, written as is), and each record's identity for the merge to check.
struct CaseSegment: Sendable {
  /// A record's identity and place: what the merge checks against the store.
  struct Identity: Sendable {
    var sequence: Int
    var checksum: UInt32
    var line: Int
    var offset: Int
  }

  var key: CaseKey
  /// The case row's columns for these records (seals left out).
  var summary: CaseSummary
  /// Every record of the case in the stretch, seals included, in file order.
  var identities: [Identity]
  /// The records (seals left out) as a history (`CaseHistoryCodec`).
  var history: [UInt8]
  /// The case's row in its questionnaire's data table, made from `history` when the table
  /// takes its version: what the merge writes when the store has none of its records.
  var cells: [DatasetCell]? = nil

  /// What holds a segment's place while it is out of its array (`CaseSegments`).
  static let standIn = CaseSegment(
    key: CaseKey(questionnaireID: "", station: "", caseID: ""), summary: CaseSummary(), identities: [], history: [])
}

/// One stretch of a file read and checked, ready to merge: its records by case, and the
/// reader's problems, with the bytes they came from (for quarantine and conflicts).
struct ParsedChunk: Sendable {
  var segments: [CaseSegment]
  var problems: [LogProblem]
  var sealedFragments: [SealedFragment]
  /// The buffer a stretch read by the reading rules was read into: its first `length` bytes are
  /// the stretch. The merge gives it back (`FileReading.recycle`) when it is done with the chunk.
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
/// Who holds one after giving it back (`FileReading.recycle`) must not read it.
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

/// How reading one file went, delivered to the merge in pieces.
enum FileEvent: Sendable {
  /// The file is read from `position`; `fresh` when it was replaced or cut short since the last
  /// collect (read again from its start), `grown` when only its new bytes are read.
  case begin(size: Int, position: ResponseLogReader.Position, fresh: Bool, grown: Bool)
  case chunk(ParsedChunk)
  /// Reading ended at `position`; the CRC-32s of the first and last 4 KiB before it check the
  /// file next time.
  case end(position: ResponseLogReader.Position, headCRC: Int, readCRC: Int)
  case unchanged
  case unreadable

  var isChunk: Bool {
    if case .chunk = self { return true }
    return false
  }
}

/// Reads files on background threads and hands each file's events to the merge in the order the
/// files were given. A worker takes the next file not yet taken, so no worker waits on a file the
/// merge will not reach for a while; at most `maxQueued` chunks wait in the files after the one
/// the merge is on, and as many in that one (whose worker waits only for the merge), so memory does
/// not grow with the number or size of the files.
/// Chunk buffers come back from the merge (`recycle`) and are read into again: a collect touches
/// the same few buffers instead of new memory for every stretch of every file.
final class FileReading: @unchecked Sendable {
  static let chunkSize = 16 << 20
  /// The piece a stretch read in order is read in (`readInPieces`): small enough that the
  /// bytes copied in are still in the cache when they are scanned.
  static let pieceSize = 64 << 10
  private let files: [String]
  private let fileIDs: [Int]
  private let known: [String: KnownFile]
  private let tables: [String: WideTables.Table]
  private let workers: Int
  private let condition = NSCondition()
  /// Events per file, filled by the worker that took the file.
  private var queues: [[FileEvent]]
  private var finished: [Bool]
  /// The next file no worker has taken, and the file the merge is reading.
  private var nextFile = 0
  private var mergeFile = 0
  /// Chunks read for files after `mergeFile` and not yet merged.
  private var queuedAhead = 0
  private let maxQueued = 4
  /// Buffers the merge is done with, to be read into again.
  private var spare: [ChunkBuffer] = []

  init(files: [String], fileIDs: [Int], known: [String: KnownFile], tables: [String: WideTables.Table], workers: Int) {
    self.files = files
    self.fileIDs = fileIDs
    self.known = known
    self.tables = tables
    self.workers = max(1, workers)
    queues = Array(repeating: [], count: files.count)
    finished = Array(repeating: false, count: files.count)
  }

  /// Starts the workers.
  func start() {
    for _ in 0..<workers {
      let thread = Thread { [self] in
        while let index = take() { read(index) }
      }
      thread.stackSize = 1 << 20
      thread.start()
    }
  }

  /// The next file for a worker, or nil when every file is taken.
  private func take() -> Int? {
    condition.lock()
    defer { condition.unlock() }
    guard nextFile < files.count else { return nil }
    nextFile += 1
    return nextFile - 1
  }

  /// The next event of file `index`, waiting for it; nil after its last. Files are asked for in
  /// order.
  func next(_ index: Int) -> FileEvent? {
    condition.lock()
    defer { condition.unlock() }
    if mergeFile != index {
      mergeFile = index
      // The chunks of this file that were counted ahead are the merge's own now.
      queuedAhead -= queues[index].reduce(0) { $0 + ($1.isChunk ? 1 : 0) }
      condition.broadcast()
    }
    while queues[index].isEmpty && !finished[index] { condition.wait() }
    if queues[index].isEmpty { return nil }
    condition.broadcast()  // room for the worker of this file
    return queues[index].removeFirst()
  }

  /// Gives a chunk's buffer back once the merge is done with it.
  func recycle(_ buffer: ChunkBuffer) {
    condition.lock()
    if spare.count < maxQueued + workers { spare.append(buffer) }
    condition.unlock()
  }

  /// A buffer of at least `count` bytes (its contents are overwritten).
  private func buffer(_ count: Int) -> ChunkBuffer {
    condition.lock()
    let reused = spare.popLast()
    condition.unlock()
    if let reused, reused.capacity >= count { return reused }
    return ChunkBuffer(capacity: max(count, Self.chunkSize))
  }

  private func emit(_ index: Int, _ event: FileEvent) {
    condition.lock()
    if event.isChunk {
      // The file the merge is on waits only for the merge; the others for room ahead of it.
      while index == mergeFile ? queues[index].count >= maxQueued : queuedAhead >= maxQueued { condition.wait() }
      if index != mergeFile { queuedAhead += 1 }
    }
    queues[index].append(event)
    condition.broadcast()
    condition.unlock()
  }

  private func finish(_ index: Int) {
    condition.lock()
    finished[index] = true
    condition.broadcast()
    condition.unlock()
  }

  private func read(_ index: Int) {
    defer { finish(index) }
    let path = files[index]
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return emit(index, .unreadable) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return emit(index, .unreadable) }
    let size = Int(info.st_size)
    var position = ResponseLogReader.Position()
    var fresh = false
    var grown = false
    if let saved = known[path] {
      // The same file grown (appended to) has the same first and last 4 KiB before where reading
      // stopped (the station index's rule); anything else is another file under the old name.
      let now = FileFingerprint.checksums(fd: fd, length: saved.readOffset)
      let same = now.map { Int($0.head) == saved.headCRC && Int($0.tail) == saved.readCRC } ?? false
      if same && size == saved.size { return emit(index, .unchanged) }
      if same, let state = SavedPosition.decode(saved.readerState) {
        position = state
        grown = true
      } else {
        fresh = true
      }
    }
    emit(
      index,
      .begin(size: size, position: position, fresh: fresh, grown: grown))
    var reader = ResponseLogReader(from: position)
    let payloads = CompactPayloads()
    var scratch: [String: [Response?]] = [:]
    let piece = ChunkBuffer(capacity: Self.pieceSize)
    var chunkSize = Self.chunkSize
    while true {
      let from = reader.position.offset
      if var segments = readInPieces(
        fd, size: size, fileID: fileIDs[index], reader: &reader, payloads: payloads, piece: piece)
      {
        var segmentList = segments.finish()
        addCells(&segmentList, scratch: &scratch)
        let parsed = ParsedChunk(
          segments: segmentList, problems: [], sealedFragments: [], buffer: nil, length: 0, offset: from,
          bytesRead: reader.position.offset - from)
        emit(index, .chunk(parsed))
        if reader.position.offset >= size { break }
        continue
      }
      // Some line of the stretch needs the reading rules: the stretch is read whole.
      let buffer = self.buffer(min(chunkSize, size - from))
      let length = buffer.read(fd, at: from, count: min(chunkSize, size - from))
      let atEnd = from + length >= size
      var segments = CaseSegments(fileID: fileIDs[index])
      var problems: [LogProblem] = []
      var sealedFragments: [SealedFragment] = []
      let stretch = buffer.bytes(length)
      if !reader.readInOrder(stretch: stretch, atEnd: atEnd, payloads: payloads, visit: { segments.add($0) }) {
        segments = CaseSegments(fileID: fileIDs[index])
        let contents = reader.readCompact(Array(stretch)[...], atEnd: atEnd, payloads: payloads)
        for located in contents.records { segments.add(located, payloads: payloads.bytes) }
        problems = contents.problems
        sealedFragments = contents.sealedFragments
      }
      var segmentList = segments.finish()
      addCells(&segmentList, scratch: &scratch)
      let parsed = ParsedChunk(
        segments: segmentList, problems: problems, sealedFragments: sealedFragments, buffer: buffer, length: length,
        offset: from, bytesRead: reader.position.offset - from)
      emit(index, .chunk(parsed))
      if atEnd || length == 0 { break }
      chunkSize = reader.position.offset == from ? chunkSize * 2 : Self.chunkSize
    }
    let read = FileFingerprint.checksums(fd: fd, length: reader.position.offset) ?? (0, 0)
    emit(index, .end(position: reader.position, headCRC: Int(read.head), readCRC: Int(read.tail)))
  }

  /// Reads a stretch (up to `chunkSize` bytes) from the reader's position as writers leave it
  /// (`readInOrder`), a piece at a time into `piece`: the bytes are read where the cache still has
  /// them and are not kept, which costs the reading threads a fraction of copying a whole stretch
  /// into memory first (docs/collector.md). Nil, with the reader as it was, when some line needs
  /// the reading rules (or is longer than a piece, or the file ended early); the caller then reads
  /// the stretch whole.
  private func readInPieces(
    _ fd: Int32, size: Int, fileID: Int, reader: inout ResponseLogReader, payloads: CompactPayloads,
    piece: ChunkBuffer
  ) -> CaseSegments? {
    let before = reader
    let from = reader.position.offset
    var segments = CaseSegments(fileID: fileID)
    while reader.position.offset < size, reader.position.offset - from < Self.chunkSize {
      let at = reader.position.offset
      let length = piece.read(fd, at: at, count: size - at)
      let atEnd = at + length >= size
      guard length > 0,
        reader.readInOrderInPlace(
          stretch: piece.bytes(length), atEnd: atEnd, payloads: payloads, visit: { segments.add($0) }),
        reader.position.offset > at
      else {
        reader = before
        return nil
      }
    }
    return segments
  }

  /// The data table rows of the segments whose questionnaire has a table that takes their
  /// version, made here on a reading thread so the merge only writes them.
  private func addCells(_ segments: inout [CaseSegment], scratch: inout [String: [Response?]]) {
    guard !tables.isEmpty else { return }
    for k in segments.indices where segments[k].summary.records > 0 {
      let id = segments[k].key.questionnaireID
      guard let table = tables[id], table.takes.contains(segments[k].summary.questionnaireDigest) else { continue }
      // Taken out of the dictionary while used, so it is not copied.
      var room = scratch.removeValue(forKey: id) ?? table.rows.scratch()
      segments[k].cells = table.rows.cells(segments[k].history, firstAt: segments[k].summary.firstAt, scratch: &room)
      scratch[id] = room
    }
  }

}

/// The records of a stretch grouped by case, in order of each case's first record, each case's
/// history encoded as the records come.
struct CaseSegments {
  private let fileID: Int
  private var segments: [CaseSegment] = []
  private var writers: [CaseHistoryCodec.Writer] = []
  private var index: [CaseKey: Int] = [:]
  /// The segment of the last record (-1 before the first), held in `current` and
  /// `currentWriter` while its run of records lasts (its places in the arrays hold stand-ins):
  /// a record of the same case costs no look into the arrays.
  private var last = -1
  private var current = CaseSegment.standIn
  private var currentWriter = CaseHistoryCodec.Writer()
  /// The station and case id of segment `last`, as bytes: a run of a case's records makes no
  /// string.
  private var lastStation: [UInt8] = []
  private var lastCase: [UInt8] = []

  init(fileID: Int) { self.fileID = fileID }

  mutating func add(_ r: borrowing RecordInStretch) {
    select(r)
    current.summary.add(r)
    currentWriter.append(r, fileID: fileID)
  }

  /// Makes the record's case the current segment, and adds the record's identity to it.
  private mutating func select(_ r: borrowing RecordInStretch) {
    var same = last >= 0
    if same { same = r.caseID.hasSameBytes(as: lastCase) }
    if same { same = r.station.hasSameBytes(as: lastStation) }
    if same { same = current.key.questionnaireID == r.questionnaireID }
    if !same {
      putBack()
      let key = CaseKey(
        questionnaireID: r.questionnaireID, station: String(decoding: r.station, as: UTF8.self),
        caseID: String(decoding: r.caseID, as: UTF8.self))
      if let k = index[key] {
        last = k
        swap(&segments[k], &current)
        swap(&writers[k], &currentWriter)
      } else {
        last = segments.count
        index[key] = last
        var identities: [CaseSegment.Identity] = []
        identities.reserveCapacity(96)  // about a case's records, so the list is not grown record by record
        current = CaseSegment(key: key, summary: CaseSummary(), identities: identities, history: [])
        currentWriter = CaseHistoryCodec.Writer(capacity: 1024)
        segments.append(.standIn)
        writers.append(CaseHistoryCodec.Writer())
      }
      lastStation = Array(r.station)
      lastCase = Array(r.caseID)
    }
    current.identities.append(.init(sequence: r.sequence, checksum: r.checksum, line: r.line, offset: r.offset))
  }

  /// Puts the current segment back in its place in the arrays.
  private mutating func putBack() {
    guard last >= 0 else { return }
    swap(&segments[last], &current)
    swap(&writers[last], &currentWriter)
    current = .standIn
    currentWriter = CaseHistoryCodec.Writer()
    last = -1
  }

  /// Adds a record read by the reading rules (a seal counts for identity only).
  mutating func add(_ located: LogContents<CompactRecord>.LocatedRecord, payloads: [UInt8]) {
    let sealed = located.record.sealedFromOffset != nil
    located.record.visit(
      checksum: located.checksum, line: located.line, offset: located.offset,
      questionnaireID: located.questionnaireID, payloads: payloads
    ) { record in
      if sealed {
        select(record)  // a seal counts for identity only, no part of a case's data
      } else {
        add(record)
      }
    }
  }

  /// The segments, each with its history.
  mutating func finish() -> [CaseSegment] {
    putBack()
    for k in segments.indices { segments[k].history = writers[k].bytes }
    return segments
  }
}
