import EnkatModel
import Glibc

/// The append-only response file of one station and questionnaire.
///
/// Durability: each `append` is one `write(2)` on an `O_APPEND` descriptor (one or more whole
/// records) followed by `fdatasync(2)`; it returns only when both succeeded, so a record it
/// returns is on disk.
/// The file is created with mode 0600, and its directory (and any new parent) is synced after
/// creation. An exclusive `flock` keeps a second process out (it is refused, never interleaved).
///
/// A writer appends only to a file it fully understands: every line a record of this station
/// and questionnaire, in sequence, apart from a torn tail left by a crash, which it seals with
/// one write before anything else. Any other file is refused with `LogError.notAppendable`, and
/// nothing is written to it. Opening takes constant time on a long file: a `StationIndex` beside
/// it says what the file held when it was last closed, and only the records after that are read.
public final class ResponseLogWriter {
  public let path: String
  public let station: String
  private let questionnaireID: String
  /// Written in every record: the short digest of the questionnaire in use.
  private let shortDigest: String
  private let fd: Int32
  private var length: Int
  private var position: ResponseLogReader.Position
  private var state: StationState
  /// The length the station index covered when the file was opened (0 without a usable index).
  private var indexedLength = 0
  /// Reading more than this many bytes at open writes the index straight away.
  static let indexAfterBytes = 1 << 20
  /// The key of this file's sequence numbers (see `ResponseLogReader.stream`).
  private var stream: String { ResponseLogReader.stream(station: station, questionnaireID: questionnaireID) }
  /// What the writer found and did when it opened the file: a torn record it sealed.
  public private(set) var openingNotices: [String] = []

  /// The response file for `questionnaireID` and `station` under `directory`.
  public static func path(directory: String, questionnaireID: String, station: String) -> String {
    directory + "/" + questionnaireID + "." + station + ".jsonl"
  }

  /// Opens (creating if needed) the station's file and locks it.
  public init(
    directory: String, questionnaireID: String, questionnaireDigest: String, station: String, now: () -> String
  ) throws(LogError) {
    guard !directory.isEmpty else { throw .noDirectory }
    shortDigest = ResponseRecord.shortDigest(questionnaireDigest)
    self.questionnaireID = questionnaireID
    try Self.makeDirectory(directory)
    path = Self.path(directory: directory, questionnaireID: questionnaireID, station: station)
    self.station = station
    let opened: (fd: Int32, size: Int)
    switch DurableFile.openLocked(path) {
    case .success(let file): opened = file
    case .failure(.symbolicLink): throw .symbolicLink(path)
    case .failure(.notARegularFile): throw .notARegularFile(path)
    case .failure(.cannotOpen(let e)): throw .cannotOpen(path, errno: e)
    case .failure(.busy): throw .stationBusy(path)
    }
    fd = opened.fd
    length = opened.size
    if length == 0 { Self.syncDirectory(directory) }
    position = ResponseLogReader.Position()
    state = StationState()
    do { try openExisting(now: now) } catch {
      close(fd)
      throw error
    }
    // After reading much of the file, keep what was learnt at once: a station that is killed
    // rather than closed would otherwise read it all again at every start.
    if length - indexedLength > Self.indexAfterBytes { saveIndex() }
  }

  deinit {
    saveIndex()
    close(fd)
  }

  /// Reads what the file holds (from the index's length on, when the index fits the file),
  /// refuses a file it does not fully understand, and seals a torn tail.
  private func openExisting(now: () -> String) throws(LogError) {
    if let index = StationIndex.load(beside: path), index.station == station, index.questionnaireID == questionnaireID,
      index.length <= length, let sums = FileFingerprint.checksums(fd: fd, length: index.length),
      sums.head == index.headChecksum, sums.tail == index.tailChecksum
    {
      position = index.position
      state = index.state
      indexedLength = index.position.offset
    }
    // Read what the index does not cover, in chunks, keeping only the station's state.
    var reader = ResponseLogReader(from: position)
    var problems: [LogProblem] = []
    var reasons: [String] = []
    var lastGood = -1
    var chunkSize = Self.chunkSize
    while true {
      let from = reader.position.offset
      let chunk = try Self.read(fd, path: path, from: from, limit: chunkSize)
      let atEnd = from + chunk.count >= length
      let part = reader.read(chunk[...], atEnd: atEnd)
      problems += part.problems
      for located in part.records {
        let r = located.record
        lastGood = located.offset
        if r.station != station {
          reasons.append("line \(located.line): a record of station \(r.station), not \(station)")
        } else if case .start(let s) = r.payload, s.questionnaireID != questionnaireID {
          reasons.append("line \(located.line): a case of questionnaire \(s.questionnaireID), not \(questionnaireID)")
        }
        if reasons.isEmpty { state.apply(r, offset: located.offset, station: station) }
      }
      if atEnd || reasons.count > 20 { break }
      // No record in the whole chunk: read a longer stretch (it ends at the file's end at worst).
      chunkSize = reader.position.offset == from ? chunkSize * 2 : Self.chunkSize
    }
    // Up to three lines after the last record that counts, each the start of a record, are the
    // residue of a crash (a torn record, a torn seal): sealed, not refused.
    var residue = problems.filter { p in
      p.offset > lastGood && { if case .defect = p.kind { true } else { p.kind == .tornTail } }()
    }
    let recordStart = Array("{\"v\":".utf8)
    var startsLikeRecords = residue.count <= 3
    for p in residue where startsLikeRecords {
      startsLikeRecords = try Self.read(fd, path: path, from: p.offset, limit: 5) == recordStart
    }
    if !startsLikeRecords { residue = [] }
    reasons = problems.filter { !residue.contains($0) }.map(\.description) + reasons
    guard reasons.isEmpty else { throw .notAppendable(path, reasons: reasons) }
    position = reader.position
    if let from = residue.first?.offset {
      let torn = residue.contains { $0.kind == .tornTail }
      var bytes: [UInt8] = torn ? Array("~\n".utf8) : []
      let record = ResponseRecord(
        sequence: state.sequence + 1, time: now(), station: station, caseID: "", questionnaireDigest: shortDigest,
        payload: .tornTailSealed(atOffset: from))
      bytes += RecordCodec.encode(record) + [0x0A]
      try writeAll(bytes, unsaved: .seal)
      state.apply(record, offset: length - bytes.count + (torn ? 2 : 0), station: station)
      position.offset = length
      position.line += torn ? 2 : 1
      position.expectedSequence[stream] = state.sequence + 1
      openingNotices = residue.map {
        "line \($0.line) (byte \($0.offset)): \($0.length) bytes of a record that was being written when enkat stopped (it was never acknowledged), sealed off from byte \(from)"
      }
    }
  }

  /// Appends one record and syncs it to disk; returns the record as written.
  @discardableResult
  public func append(_ payload: ResponseRecord.Payload, caseID: String, time: String) throws(LogError)
    -> ResponseRecord
  {
    try append(contentsOf: [payload], caseID: caseID, time: time)[0]
  }

  /// Appends records of one case with a single write and a single sync: all are on disk when it
  /// returns. For bulk writers such as the simulator.
  @discardableResult
  public func append(contentsOf payloads: [ResponseRecord.Payload], caseID: String, time: String) throws(LogError)
    -> [ResponseRecord]
  {
    var bytes: [UInt8] = []
    var records: [(ResponseRecord, Int)] = []
    for (i, payload) in payloads.enumerated() {
      let record = ResponseRecord(
        sequence: state.sequence + 1 + i, time: time, station: station, caseID: caseID,
        questionnaireDigest: shortDigest, payload: payload)
      records.append((record, length + bytes.count))
      bytes += RecordCodec.encode(record)
      bytes.append(0x0A)
    }
    try writeAll(bytes, unsaved: LogError.Unsaved(payloads))
    for (record, offset) in records { state.apply(record, offset: offset, station: station) }
    position.offset = length
    position.line += records.count
    position.expectedSequence[stream] = state.sequence + 1
    if payloads.contains(where: { if case .start = $0 { true } else { false } }) {
      position.currentQuestionnaire[station] = questionnaireID
    }
    return records.map(\.0)
  }

  /// The next free case id of this station: `STATION-0001`, `STATION-0002`, … one more than the
  /// highest number in the file.
  public func nextCaseID() -> String {
    var number = state.highestCaseNumber + 1
    while hasCase(Self.caseID(station, number)) { number += 1 }
    return Self.caseID(station, number)
  }

  /// Whether the file already has records of `caseID`.
  public func hasCase(_ caseID: String) -> Bool { state.status(of: caseID, station: station) != nil }

  /// The outcome of a case that ended for good, or nil when it is open or absent.
  public func closedOutcome(of caseID: String) -> InterviewOutcome? {
    if case .closed(let outcome)? = state.status(of: caseID, station: station) { return outcome }
    return nil
  }

  /// The ids of the open cases that can be resumed, in the order they were started.
  public var resumableCases: [String] {
    state.caseOrder.filter { state.cases[$0]?.status == .open(hasStart: true) }
  }

  /// The records of `caseID` (read from their offsets, or from the whole file when not known).
  public func history(of caseID: String) throws(LogError) -> CaseHistory {
    var history = CaseHistory(questionnaireID: questionnaireID, station: station, caseID: caseID)
    if let entry = state.cases[caseID], entry.offsetsComplete, !entry.offsets.isEmpty {
      for offset in entry.offsets {
        let bytes = try Self.read(fd, path: path, from: offset, toLineEnd: true)
        guard case .success(let record) = RecordCodec.decode(bytes[...]), record.caseID == caseID else {
          return try historyFromWholeFile(caseID)
        }
        history.records.append(record)
      }
      return history
    }
    return try historyFromWholeFile(caseID)
  }

  private func historyFromWholeFile(_ caseID: String) throws(LogError) -> CaseHistory {
    let contents = ResponseLogContents.parse(try Self.read(fd, path: path, from: 0))
    return contents.cases.first { $0.station == station && $0.caseID == caseID }
      ?? CaseHistory(questionnaireID: questionnaireID, station: station, caseID: caseID)
  }

  static func caseID(_ station: String, _ n: Int) -> String {
    let digits = String(n)
    return station + "-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }

  private func saveIndex() {
    guard let sums = FileFingerprint.checksums(fd: fd, length: length) ?? (length == 0 ? (0, 0) : nil) else { return }
    StationIndex(
      length: length, position: position, headChecksum: sums.head, tailChecksum: sums.tail, station: station,
      questionnaireID: questionnaireID, state: state
    ).save(beside: path)
  }

  private func writeAll(_ bytes: [UInt8], unsaved: LogError.Unsaved) throws(LogError) {
    switch DurableFile.append(bytes, to: fd) {
    case nil: length += bytes.count
    case .write(let e, let written)?:
      length += written
      throw .writeFailed(path, errno: e, unsaved: unsaved)
    case .sync(let e)?:
      length += bytes.count
      throw .syncFailed(path, errno: e, unsaved: unsaved)
    }
  }

  /// The bytes from `start` to the end of the file, or (with `toLineEnd`) up to the next line
  /// break, without it.
  private static func read(
    _ fd: Int32, path: String, from start: Int, toLineEnd: Bool = false, limit: Int = .max
  ) throws(LogError) -> [UInt8] {
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: toLineEnd ? 4096 : min(limit, 1 << 20))
    var offset = off_t(start)
    while out.count < limit {
      let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
      if n < 0 {
        if errno == EINTR { continue }
        throw .cannotRead(path, errno: errno)
      }
      if n == 0 { return out }
      if toLineEnd, let newline = buffer[0..<n].firstIndex(of: 0x0A) { return out + buffer[0..<newline] }
      out.append(contentsOf: buffer[0..<min(n, limit - out.count)])
      offset += off_t(n)
    }
    return out
  }

  /// How much of the file is read at a time when opening it.
  static let chunkSize = 16 << 20

  /// Creates `directory` and its parents (mode 0700) when missing, and syncs the folder that
  /// holds each one created, so a new folder survives a crash.
  static func makeDirectory(_ directory: String) throws(LogError) {
    var partial = directory.hasPrefix("/") ? "" : "."
    for component in directory.split(separator: "/") {
      let parent = partial.isEmpty ? "/" : partial
      partial += "/" + component
      if mkdir(partial, 0o700) == 0 {
        syncDirectory(parent)
      } else if errno != EEXIST {
        throw .cannotCreateDirectory(partial, errno: errno)
      }
    }
  }

  private static func syncDirectory(_ directory: String) {
    let dfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if dfd >= 0 {
      _ = fsync(dfd)
      close(dfd)
    }
  }

  /// Reads a response file without locking it (for tools that only read).
  public static func read(path: String) throws(LogError) -> ResponseLogContents {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw .cannotOpen(path, errno: errno) }
    defer { close(fd) }
    return ResponseLogContents.parse(try read(fd, path: path, from: 0))
  }
}
