import EnkatLog
import EnkatModel
import Foundation
import GRDB
import GRDBSQLite

/// Merges response files into a `Store`, incrementally and by the identity rule of
/// docs/response-log.md (docs/collector.md): what was read of each file is remembered, so an
/// unchanged file costs a look at its size and first bytes and a grown one only its new bytes; a
/// record already in the store (a copy) is counted once; a different record under the same
/// identity is a conflict, kept with the first and excluded from the cases; every line that is
/// not a record is kept in quarantine with its bytes.
public enum Collector {
  /// What is read of a file at a time.
  static let chunkSize = 16 << 20

  /// Collects `inputs` (files, and folders searched for `*.jsonl`) into `store` in one transaction.
  public static func collect(_ inputs: [String], into store: Store, now: String) throws(StoreError) -> CollectReport {
    var report = CollectReport()
    let files = InputFiles.find(inputs, report: &report)
    do {
      try store.database.write { db in
        for file in files { try collect(file, db: db, now: now, report: &report) }
      }
    } catch let error as StoreError {
      throw error
    } catch {
      throw .failed(store.path, "\(error)")
    }
    return report
  }

  private static func collect(_ path: String, db: Database, now: String, report: inout CollectReport) throws {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      report.unreadable.append(path)
      return
    }
    defer { try? handle.close() }
    let size = Int((try? handle.seekToEnd()) ?? 0)
    let head = try readBytes(handle, at: 0, count: min(size, 4096))
    let headCRC = Int(CRC32.checksum(head))
    var position = ResponseLogReader.Position()
    if let row = try Row.fetchOne(
      db, sql: "SELECT size, head_crc, read_crc, read_offset, reader_state FROM files WHERE path = ?",
      arguments: [path])
    {
      let saved: Int = row["read_offset"]
      // The same file grown (appended to) has the same first bytes and the same bytes before where
      // reading stopped; anything else is another file under the old name.
      if row["head_crc"] == headCRC, size >= saved, row["read_crc"] == (try readCRC(handle, before: saved)),
        let state = SavedPosition.decode(row["reader_state"])
      {
        if size == row["size"] as Int {
          report.unchangedFiles += 1
          return
        }
        position = state
        report.grownFiles += 1
        // A torn last line is read again with what followed it: the file was still being copied.
        try db.execute(
          sql: "DELETE FROM quarantine WHERE file = ? AND kind = 'torn' AND byte_offset >= ?",
          arguments: [path, state.offset])
      } else {
        // Replaced or cut short: read again from the start; records already merged are known.
        try db.execute(sql: "DELETE FROM quarantine WHERE file = ?", arguments: [path])
        report.rereadFiles += 1
      }
    } else {
      report.newFiles += 1
    }
    var reader = ResponseLogReader(from: position)
    var chunkSize = Self.chunkSize
    while true {
      let from = reader.position.offset
      let chunk = try readBytes(handle, at: from, count: min(chunkSize, size - from))
      let atEnd = from + chunk.count >= size
      let contents = reader.read(chunk[...], atEnd: atEnd)
      report.bytesRead += reader.position.offset - from
      try merge(contents, chunk: chunk, chunkOffset: from, file: path, db: db, report: &report)
      if atEnd { break }
      chunkSize = reader.position.offset == from ? chunkSize * 2 : Self.chunkSize
    }
    try db.execute(
      sql: """
        INSERT INTO files (path, size, head_crc, read_crc, read_offset, reader_state, collected_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(path) DO UPDATE SET size = excluded.size, head_crc = excluded.head_crc, read_crc = excluded.read_crc,
          read_offset = excluded.read_offset, reader_state = excluded.reader_state, collected_at = excluded.collected_at
        """,
      arguments: [
        path, size, headCRC, try readCRC(handle, before: reader.position.offset), reader.position.offset,
        SavedPosition.encode(reader.position), now,
      ])
    report.filesRead += 1
  }

  /// Puts one stretch's records into the store and its problems into quarantine.
  private static func merge(
    _ contents: ResponseLogContents, chunk: [UInt8], chunkOffset: Int, file: String, db: Database,
    report: inout CollectReport
  ) throws {
    let insert = try db.cachedStatement(
      sql: """
        INSERT INTO records (questionnaire, station, seq, crc, case_id, type, at, qd, q, value, missing, outcome, ms,
          file, line, raw)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
        """)
    for located in contents.records {
      let r = located.record
      let raw = line(in: chunk, at: located.offset - chunkOffset)
      let fields = RecordColumns(r.payload)
      let key = CaseKey(questionnaireID: located.questionnaireID, station: r.station, caseID: r.caseID)
      if r.caseID != "", !report.casesSeen.contains(key) {
        report.casesSeen.insert(key)
        let known =
          try Bool.fetchOne(
            db, sql: "SELECT EXISTS(SELECT 1 FROM records WHERE questionnaire = ? AND station = ? AND case_id = ?)",
            arguments: [key.questionnaireID, key.station, key.caseID]) ?? false
        if known { report.casesUpdated += 1 } else { report.casesNew += 1 }
      }
      // Bound directly: GRDB's boxed arguments cost most of a record's time (../shared/notes).
      let s = insert.sqliteStatement
      sqlite3_reset(s)
      bind(s, 1, located.questionnaireID)
      bind(s, 2, r.station)
      sqlite3_bind_int64(s, 3, Int64(r.sequence))
      sqlite3_bind_int64(s, 4, Int64(located.checksum))
      bind(s, 5, r.caseID)
      bind(s, 6, r.payload.typeName)
      bind(s, 7, r.time)
      bind(s, 8, r.questionnaireDigest)
      bind(s, 9, fields.question)
      bind(s, 10, fields.value)
      bind(s, 11, fields.missing)
      bind(s, 12, fields.outcome)
      if let ms = fields.milliseconds { sqlite3_bind_int64(s, 13, Int64(ms)) } else { sqlite3_bind_null(s, 13) }
      bind(s, 14, file)
      sqlite3_bind_int64(s, 15, Int64(located.line))
      bind(s, 16, raw)
      let status = sqlite3_step(s)
      guard status == SQLITE_DONE else { throw DatabaseError(resultCode: ResultCode(rawValue: status)) }
      if sqlite3_changes(db.sqliteConnection) > 0 {
        report.recordsMerged += 1
        continue
      }
      let existing = try Row.fetchOne(
        db, sql: "SELECT crc FROM records WHERE questionnaire = ? AND station = ? AND seq = ?",
        arguments: [located.questionnaireID, r.station, r.sequence])
      if existing?["crc"] == Int(located.checksum) {
        report.recordsDuplicate += 1
        continue
      }
      // A different record under one identity: neither is chosen; both are kept.
      report.recordsConflicting += 1
      try db.execute(
        sql: "UPDATE records SET conflict = 1 WHERE questionnaire = ? AND station = ? AND seq = ?",
        arguments: [located.questionnaireID, r.station, r.sequence])
      let seen =
        try Bool.fetchOne(
          db,
          sql: "SELECT EXISTS(SELECT 1 FROM conflicts WHERE questionnaire = ? AND station = ? AND seq = ? AND raw = ?)",
          arguments: [located.questionnaireID, r.station, r.sequence, raw]) ?? false
      if !seen {
        try db.execute(
          sql:
            "INSERT INTO conflicts (questionnaire, station, seq, case_id, file, line, raw) VALUES (?, ?, ?, ?, ?, ?, ?)",
          arguments: [located.questionnaireID, r.station, r.sequence, r.caseID, file, located.line, raw])
      }
    }
    for problem in contents.problems {
      if case .repeatedRecords(_, let seqs, true) = problem.kind {
        report.recordsDuplicate += seqs.count  // the same records again: counted, nothing lost
        continue
      }
      let start = problem.offset - chunkOffset
      let bytes = problem.length > 0 && start >= 0 ? Array(chunk[start..<min(chunk.count, start + problem.length)]) : []
      try quarantine(
        file: file, line: problem.line, offset: problem.offset, kind: Self.kind(problem.kind),
        problem: problem.description, bytes: bytes, db: db)
      report.quarantined[Self.kind(problem.kind), default: 0] += 1
    }
    for fragment in contents.sealedFragments {
      // A torn tail quarantined by an earlier collect is now sealed: one row for it.
      try db.execute(
        sql: "DELETE FROM quarantine WHERE file = ? AND byte_offset = ? AND kind = 'torn'",
        arguments: [file, fragment.offset])
      let start = fragment.offset - chunkOffset
      let bytes = start >= 0 ? Array(chunk[start..<min(chunk.count, start + fragment.length)]) : []
      try quarantine(
        file: file, line: fragment.line, offset: fragment.offset, kind: "sealed",
        problem: "a record torn by a crash and sealed by the writer; it was never acknowledged", bytes: bytes, db: db)
      report.quarantined["sealed", default: 0] += 1
    }
  }

  /// SQLite's "copy the bytes now" destructor, for text bound from a temporary buffer.
  private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

  private static func bind(_ statement: SQLiteStatement, _ index: Int32, _ text: String?) {
    guard let text else {
      sqlite3_bind_null(statement, index)
      return
    }
    var copy = text
    copy.withUTF8 { bytes in
      guard let base = bytes.baseAddress, !bytes.isEmpty else {
        _ = sqlite3_bind_text(statement, index, "", 0, transient)
        return
      }
      _ = sqlite3_bind_text(
        statement, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count), transient)
    }
  }

  private static func quarantine(
    file: String, line: Int, offset: Int, kind: String, problem: String, bytes: [UInt8], db: Database
  ) throws {
    try db.execute(
      sql: "INSERT INTO quarantine (file, line, byte_offset, kind, problem, bytes) VALUES (?, ?, ?, ?, ?, ?)",
      arguments: [file, line, offset, kind, problem, Data(bytes)])
  }

  /// The kind of a problem, as the quarantine table and the summary name it.
  static func kind(_ kind: LogProblem.Kind) -> String {
    switch kind {
    case .tornTail: return "torn"
    case .defect(.noChecksum): return "noChecksum"
    case .defect(.checksumMismatch): return "checksumMismatch"
    case .defect(.malformed): return "malformed"
    case .missingRecords: return "missingRecords"
    case .repeatedRecords: return "repeatedConflicting"
    case .windowsLineEndings: return "windowsLineEndings"
    case .byteOrderMark: return "byteOrderMark"
    case .sealCoversRecords: return "sealOverRecords"
    }
  }

  /// The text of the line starting at `start` in `chunk`, without its line break.
  static func line(in chunk: [UInt8], at start: Int) -> String {
    let end = chunk[start...].firstIndex(of: 0x0A) ?? chunk.count
    var stop = end
    if stop > start, chunk[stop - 1] == 0x0D { stop -= 1 }
    return String(decoding: chunk[start..<stop], as: UTF8.self)
  }

  /// The CRC-32 of the 4 KiB (or fewer) before `offset`.
  static func readCRC(_ handle: FileHandle, before offset: Int) throws -> Int {
    Int(CRC32.checksum(try readBytes(handle, at: max(0, offset - 4096), count: min(offset, 4096))))
  }

  static func readBytes(_ handle: FileHandle, at offset: Int, count: Int) throws -> [UInt8] {
    guard count > 0 else { return [] }
    try handle.seek(toOffset: UInt64(offset))
    return [UInt8](try handle.read(upToCount: count) ?? Data())
  }
}
