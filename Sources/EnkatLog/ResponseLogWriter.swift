import EnkatModel
import Glibc

/// The append-only response file of one station and questionnaire.
///
/// Durability: each `append` is one `write(2)` on an `O_APPEND` descriptor (one or more whole
/// records) followed by `fdatasync(2)`; it returns only when both succeeded, so a record it
/// returns is on disk.
/// The file is created with mode 0600, and its directory is synced after creation. An exclusive
/// `flock` keeps a second process out (it is refused, never interleaved). A torn last record left
/// by a crash is sealed with a line break and a `tornTailSealed` record, never glued to the next
/// record; nothing already in the file is ever rewritten.
public final class ResponseLogWriter {
  public let path: String
  public let station: String
  /// Written in every record: the short digest of the questionnaire in use.
  private let shortDigest: String
  private let fd: Int32
  /// The records already in the file when it was opened (and problems found in it).
  public let existing: ResponseLogContents
  private var sequence: Int
  /// Case ids in the file, including those started since it was opened.
  private var caseIDs: Set<String>
  private var startedCases: Int

  /// The response file for `questionnaireID` and `station` under `directory`.
  public static func path(directory: String, questionnaireID: String, station: String) -> String {
    directory + "/" + questionnaireID + "." + station + ".jsonl"
  }

  /// Opens (creating if needed) the station's file and locks it.
  public init(
    directory: String, questionnaireID: String, questionnaireDigest: String, station: String, now: () -> String
  ) throws(LogError) {
    shortDigest = ResponseRecord.shortDigest(questionnaireDigest)
    try Self.makeDirectory(directory)
    path = Self.path(directory: directory, questionnaireID: questionnaireID, station: station)
    self.station = station
    let existed = access(path, F_OK) == 0
    let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw .cannotOpen(path, errno: errno) }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
      close(fd)
      throw .stationBusy(path)
    }
    self.fd = fd
    if !existed { Self.syncDirectory(directory) }
    let bytes: [UInt8]
    do { bytes = try Self.readAll(fd, path: path) } catch { close(fd); throw error }
    existing = ResponseLogContents.parse(bytes)
    sequence = existing.lastSequence
    let cases = existing.cases
    caseIDs = Set(cases.map(\.caseID))
    startedCases = cases.filter { $0.start != nil }.count
    if let last = bytes.last, last != 0x0A {
      let tornAt = (bytes.lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
      try writeAll([0x0A])
      _ = try append(.tornTailSealed(atOffset: tornAt), caseID: "", time: now())
    }
  }

  deinit { close(fd) }

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
    var records: [ResponseRecord] = []
    for (i, payload) in payloads.enumerated() {
      let record = ResponseRecord(
        sequence: sequence + 1 + i, time: time, station: station, caseID: caseID, questionnaireDigest: shortDigest,
        payload: payload)
      bytes += RecordCodec.encode(record)
      bytes.append(0x0A)
      records.append(record)
    }
    try writeAll(bytes)
    sequence += payloads.count
    if payloads.contains(where: { if case .start = $0 { true } else { false } }) { startedCases += 1 }
    if !caseID.isEmpty { caseIDs.insert(caseID) }
    return records
  }

  /// The next free case id of this station: `STATION-0001`, `STATION-0002`, …
  public func nextCaseID() -> String {
    var number = startedCases + 1
    while caseIDs.contains(Self.caseID(station, number)) { number += 1 }
    return Self.caseID(station, number)
  }

  /// Whether the file already has records of `caseID`.
  public func hasCase(_ caseID: String) -> Bool { caseIDs.contains(caseID) }

  static func caseID(_ station: String, _ n: Int) -> String {
    let digits = String(n)
    return station + "-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }

  private func writeAll(_ bytes: [UInt8]) throws(LogError) {
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
      if n < 0 {
        if errno == EINTR { continue }
        throw .writeFailed(path, errno: errno)
      }
      offset += n
    }
    while fdatasync(fd) != 0 {
      if errno == EINTR { continue }
      if errno == EINVAL { break }  // not a regular file (a device or pipe): nothing to flush
      throw .syncFailed(path, errno: errno)
    }
  }

  private static func readAll(_ fd: Int32, path: String) throws(LogError) -> [UInt8] {
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    var offset: off_t = 0
    while true {
      let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
      if n < 0 {
        if errno == EINTR { continue }
        throw .cannotRead(path, errno: errno)
      }
      if n == 0 { return out }
      out.append(contentsOf: buffer[0..<n])
      offset += off_t(n)
    }
  }

  /// Creates `directory` and its parents (mode 0700) when missing.
  static func makeDirectory(_ directory: String) throws(LogError) {
    var partial = directory.hasPrefix("/") ? "" : "."
    for component in directory.split(separator: "/") {
      partial += "/" + component
      if mkdir(partial, 0o700) != 0 && errno != EEXIST {
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
    return ResponseLogContents.parse(try readAll(fd, path: path))
  }
}
