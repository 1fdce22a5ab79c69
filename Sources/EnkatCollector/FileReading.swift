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
/// Chunks come back from the merge (`done(with:)`): their buffers are read into again, so a
/// collect touches the same few buffers instead of new memory for every stretch of every file,
/// and the rest is freed by a reading thread.
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
  /// Chunks the merge is done with, to be let go by a reading thread.
  private var spent: [ParsedChunk] = []

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

  /// Takes a chunk back once the merge is done with it: its buffer to be read into again, the
  /// rest to be let go on a reading thread (`releaseSpent`). Freeing a stretch's many allocations
  /// (its cases' segments, histories and cells) is work the merge thread, the one a large collect
  /// waits for, need not do.
  func done(with chunk: ParsedChunk) {
    condition.lock()
    if let buffer = chunk.buffer, spare.count < maxQueued + workers { spare.append(buffer) }
    spent.append(chunk)
    condition.unlock()
  }

  /// Lets the chunks the merge is done with go, on the calling (reading) thread.
  private func releaseSpent() {
    condition.lock()
    let chunks = spent
    spent = []
    condition.unlock()
    _ = chunks  // the last reference: freed here, when this returns
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
    var scratch: [String: WideRows.Scratch] = [:]
    let piece = ChunkBuffer(capacity: Self.pieceSize)
    var chunkSize = Self.chunkSize
    while true {
      releaseSpent()
      let from = reader.position.offset
      let pieces = readInPieces(
        fd, size: size, fileID: fileIDs[index], reader: &reader, payloads: payloads, piece: piece)
      // Consumed, so `segments` holds the only reference to its arrays and `finish` changes them
      // in place.
      let needsRules = pieces.needsRules
      if case .read(var segments) = consume pieces {
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
      // A line the rules must read stops a second reading in order at the same line: skipped.
      if needsRules
        || !reader.readInOrder(stretch: stretch, atEnd: atEnd, payloads: payloads, visit: { segments.add($0) })
      {
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

  /// What `readInPieces` made of a stretch.
  private enum PiecesRead {
    case read(CaseSegments)
    /// A line needs the reading rules.
    case needsRules
    /// A line longer than a piece, or the file ended before its size: the stretch is read whole.
    case needsWholeStretch

    var needsRules: Bool {
      if case .needsRules = self { return true }
      return false
    }
  }

  /// Reads a stretch (up to `chunkSize` bytes) from the reader's position as writers leave it
  /// (`readInOrder`), a piece at a time into `piece`: the bytes are read where the cache still has
  /// them and are not kept, which costs the reading threads a fraction of copying a whole stretch
  /// into memory first (docs/collector.md). When it reads no stretch, the reader is as it was and
  /// the caller reads the stretch whole.
  private func readInPieces(
    _ fd: Int32, size: Int, fileID: Int, reader: inout ResponseLogReader, payloads: CompactPayloads,
    piece: ChunkBuffer
  ) -> PiecesRead {
    let before = reader
    let from = reader.position.offset
    var segments = CaseSegments(fileID: fileID)
    while reader.position.offset < size, reader.position.offset - from < Self.chunkSize {
      let at = reader.position.offset
      let length = piece.read(fd, at: at, count: size - at)
      guard length > 0 else {
        reader = before
        return .needsWholeStretch
      }
      guard
        reader.readInOrderInPlace(
          stretch: piece.bytes(length), atEnd: at + length >= size, payloads: payloads, visit: { segments.add($0) })
      else {
        reader = before
        return .needsRules
      }
      guard reader.position.offset > at else {
        reader = before
        return .needsWholeStretch
      }
    }
    return .read(segments)
  }

  /// The data table rows of the segments whose questionnaire has a table that takes their
  /// version, made here on a reading thread so the merge only writes them. A stretch's segments
  /// mostly share one questionnaire and version: the table, its scratch and whether it takes the
  /// version are looked up again only when those change.
  private func addCells(_ segments: inout [CaseSegment], scratch: inout [String: WideRows.Scratch]) {
    guard !tables.isEmpty else { return }
    var id: String?
    var table: WideTables.Table?
    var room = WideRows.Scratch(responses: [], valueAt: [])
    var digest: String?
    var takes = false
    func putBack() {
      // Taken out of the dictionary while used, so it is not copied.
      if let id, table != nil { scratch[id] = room }
    }
    for k in segments.indices where segments[k].summary.records > 0 {
      let segmentID = segments[k].key.questionnaireID
      if segmentID != id {
        putBack()
        id = segmentID
        table = tables[segmentID]
        if let table { room = scratch.removeValue(forKey: segmentID) ?? table.rows.scratch() }
        digest = nil
      }
      guard let table else { continue }
      if segments[k].summary.questionnaireDigest != digest {
        digest = segments[k].summary.questionnaireDigest
        takes = table.takes.contains(segments[k].summary.questionnaireDigest)
      }
      guard takes else { continue }
      segments[k].cells = table.rows.cells(segments[k].history, firstAt: segments[k].summary.firstAt, scratch: &room)
    }
    putBack()
  }
}
