import EnkatLog
import EnkatModel
import Foundation
import GRDB
import GRDBSQLite

/// Merges response files into a `Store`, incrementally and by the identity rule of
/// docs/response-log.md (docs/collector.md): what was read of each file is remembered, so an
/// unchanged file costs a look at its size and first bytes and a grown one only its new bytes; a
/// record already in the store (a copy) is counted once; a different record under the same
/// identity is a conflict, both kept in `conflicts` and their cases left out of exports; every
/// line that is not a record is kept in quarantine with its bytes.
///
/// Files are read and checked on two threads; the merge takes them in path order, so the store
/// is the same whatever the timing.
public enum Collector {
  /// Collects `inputs` (files, and folders searched for `*.jsonl`) into `store` in one transaction;
  /// `progress` hears after each file how many of how many files are done, and the bytes read.
  public static func collect(
    _ inputs: [String], into store: Store, now: String,
    progress: (_ done: Int, _ total: Int, _ bytes: Int) -> Void = { _, _, _ in }
  ) throws(StoreError) -> CollectReport {
    var report = CollectReport()
    let files = InputFiles.find(inputs, report: &report)
    do {
      try store.database.write { db in
        var known: [String: KnownFile] = [:]
        // By column number: a re-collect of an unchanged field is mostly this and a look at each file.
        let rows = try Row.fetchCursor(
          db, sql: "SELECT path, id, size, head_crc, read_crc, read_offset, reader_state FROM files")
        while let row = try rows.next() {
          known[row[0]] = KnownFile(
            id: row[1], size: row[2], headCRC: row[3], readCRC: row[4], readOffset: row[5], readerState: row[6])
        }
        // New files get their row (and id) first, so the reading threads can put it in histories.
        var fileIDs: [Int] = []
        for path in files {
          if let file = known[path] {
            fileIDs.append(file.id)
          } else {
            try db.execute(
              sql: """
                INSERT INTO files (path, size, head_crc, read_crc, read_offset, reader_state, collected_at)
                VALUES (?, 0, 0, 0, 0, '', ?)
                """, arguments: [path, now])
            fileIDs.append(Int(db.lastInsertedRowID))
          }
        }
        // The cases this collect writes whose data table rows are to be made at the end.
        try db.execute(
          sql: "CREATE TEMP TABLE IF NOT EXISTS touched (id INTEGER PRIMARY KEY); DELETE FROM temp.touched")
        let tables = try WideTables.prepare(db)
        let reading = FileReading(files: files, fileIDs: fileIDs, known: known, tables: tables, workers: 2)
        reading.start()
        // Cases get increasing ids: those above the largest before are this collect's new ones.
        let lastIDBefore = try Int64.fetchOne(db, sql: "SELECT max(id) FROM cases") ?? 0
        var merge = try Merge(db: db, tables: tables)
        let writeback = StoreWriteback(path: store.path)
        defer { writeback.wait() }
        for (index, path) in files.enumerated() {
          let bytesBefore = report.bytesRead
          try merge.file(
            path, id: fileIDs[index], known: known[path], events: { reading.next(index) },
            done: { reading.done(with: $0) }, now: now, report: &report)
          // Only a file that brought new bytes leaves pages to write.
          if report.bytesRead != bytesBefore { writeback.start() }
          progress(index + 1, files.count, report.bytesRead)
        }
        let adopted = try merge.adoptRecordsWithoutQuestionnaire(report: &report)
        try merge.saveVersionCounts()
        try WideTables.refresh(db, tables, casesRemoved: !adopted.isEmpty)
        // New cases as the store counts them (a case adopted into its questionnaire is one).
        let added = try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE id > ?", arguments: [lastIDBefore]) ?? 0
        report.casesNew = max(0, added - adopted.filter { $0 <= lastIDBefore }.count)
      }
    } catch let error as StoreError {
      // Parts that do not know the store's path leave it empty.
      if case .damaged("", let what) = error { throw .damaged(store.path, what) }
      throw error
    } catch {
      throw .failed(store.path, "\(error)")
    }
    return report
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
}

/// The merge of one collect, file by file, inside the collect's transaction.
struct Merge {
  private let db: Database
  private let caseWriter: CaseRowWriter
  /// The texts of the data table row being written (`WideTables.insert`).
  private let texts = TextBindings()
  /// Identity state of the streams the current file touches.
  private var streams: [String: StreamRecords] = [:]
  /// The new records of the current file, by case (`pendingIndex` says where).
  private var pending: [(key: CaseKey, records: [StoredRecord])] = []
  private var pendingIndex: [CaseKey: Int] = [:]
  /// Cases with a conflicting record.
  private var conflicted: Set<CaseKey> = []
  /// What each record of a case was (reused from case to case).
  private var additions: [StreamRecords.Addition] = []
  /// The cases per version this collect adds and removes.
  private var versions = VersionTally()
  /// The sequence numbers, per stream, whose earlier record a conflict is to keep (`markEarlier`).
  private var earlierWanted: [String: (stream: StreamRecords, sequences: Set<Int>)] = [:]

  /// The statement that adds a row to each questionnaire's data table (looked up for each case:
  /// a statement alone, not the table's description, whose copy was a dozen references).
  private let inserts: [String: Statement]

  init(db: Database, tables: [String: WideTables.Table]) throws {
    self.db = db
    caseWriter = try CaseRowWriter(db: db)
    inserts = try tables.mapValues { try WideTables.insertStatement(db, $0) }
  }

  mutating func file(
    _ path: String, id fileID: Int, known: KnownFile?, events: () -> FileEvent?,
    done: (ParsedChunk) -> Void, now: String, report: inout CollectReport
  ) throws {
    var size: Int?
    while let event = events() {
      switch event {
      case .unreadable:
        report.unreadable.append(path)
        if known == nil { try db.execute(sql: "DELETE FROM files WHERE id = ?", arguments: [fileID]) }
      case .unchanged:
        report.unchangedFiles += 1
      case .begin(let fileSize, let position, let fresh, let grown):
        size = fileSize
        if known == nil { report.newFiles += 1 }
        if grown {
          report.grownFiles += 1
          // A torn last line is read again with what followed it: the file was still being copied.
          try db.execute(
            sql: "DELETE FROM quarantine WHERE file = ? AND kind = 'torn' AND byte_offset >= ?",
            arguments: [path, position.offset])
        }
        if fresh {
          // Replaced or cut short: read again from the start; records already merged are known.
          try db.execute(sql: "DELETE FROM quarantine WHERE file = ?", arguments: [path])
          report.rereadFiles += 1
        }
      case .chunk(let chunk):
        report.bytesRead += chunk.bytesRead
        try merge(chunk, file: path, fileID: fileID, report: &report)
        done(chunk)
      case .end(let position, let headCRC, let readCRC):
        try flush(report: &report)
        guard let size else { continue }
        try db.cachedStatement(
          sql: """
            UPDATE files SET size = ?, head_crc = ?, read_crc = ?, read_offset = ?, reader_state = ?, collected_at = ?
            WHERE id = ?
            """
        ).execute(
          arguments: [
            size, headCRC, readCRC, position.offset, SavedPosition.encode(position), now, fileID,
          ])
        report.filesRead += 1
      }
    }
  }

  /// Adds the cases per version this collect changed to the store's counts.
  mutating func saveVersionCounts() throws { try versions.save(db) }

  /// Sorts one stretch's records into new ones, copies and conflicts, writes the cases all new
  /// to the store as the reading thread prepared them (the rest wait for `flush`), and keeps the
  /// stretch's problems in quarantine.
  private mutating func merge(_ chunk: ParsedChunk, file: String, fileID: Int, report: inout CollectReport) throws {
    var stream: StreamRecords?
    // Each segment's parts read in place (`segments[k].…`, through the buffer, whose elements are
    // borrowed, not copied): a copy of a segment (a dozen references) or of its summary for each
    // of a collect's cases cost its merge thread several per cent.
    try chunk.segments.withUnsafeBufferPointer { segments in
      for k in segments.indices {
        let key = segments[k].key
        if stream == nil || stream!.station != key.station || stream!.questionnaireID != key.questionnaireID {
          let streamKey = ResponseLogReader.stream(station: key.station, questionnaireID: key.questionnaireID)
          if streams[streamKey] == nil {
            streams[streamKey] = try StreamRecords(questionnaireID: key.questionnaireID, station: key.station, db: db)
          }
          stream = streams[streamKey]
        }
        guard let stream else { continue }
        var new: [Int] = []
        var allNew = true
        if stream.add(segments[k].identities, into: &additions) {
          report.recordsMerged += segments[k].identities.count  // all new: `additions` is empty
        }
        for (identity, addition) in zip(segments[k].identities, additions) {
          switch addition {
          case .new:
            report.recordsMerged += 1
            if !allNew { new.append(identity.sequence) }
          case .copy:
            report.recordsDuplicate += 1
            if allNew { new = segments[k].identities.prefix { $0.sequence != identity.sequence }.map(\.sequence) }
            allNew = false
          case .conflict:
            if allNew { new = segments[k].identities.prefix { $0.sequence != identity.sequence }.map(\.sequence) }
            allNew = false
            report.recordsConflicting += 1
            conflicted.insert(key)
            let raw = try chunk.line(atFileOffset: identity.offset, checksum: identity.checksum, path: file)
            try saveConflict(key, sequence: identity.sequence, file: file, line: identity.line, raw: raw)
            try markEarlier(stream: stream, sequence: identity.sequence)
          }
        }
        // The sets are asked only when not empty, as in a first collect: a case key costs a hash of
        // three texts.
        if allNew, pendingIndex.isEmpty || pendingIndex[key] == nil,
          stream.storedCases.isEmpty || !stream.storedCases.contains(key.caseID),
          conflicted.isEmpty || !conflicted.contains(key)
        {
          // The usual case: a case the store does not have, every record new.
          if segments[k].summary.records > 0 {
            // Copied once: a summary read through the buffer is copied for each call that takes it.
            let summary = segments[k].summary
            let id = try caseWriter.insertNew(key, summary, history: segments[k].history)
            if let insert = inserts[key.questionnaireID] {
              if let cells = segments[k].cells {
                let info = StoredCases.Info(
                  station: key.station, caseID: key.caseID, outcome: summary.outcome,
                  firstAt: summary.firstAt, rowID: id)
                try WideTables.insert(insert, info, cells, texts: texts)
              } else {
                try caseWriter.touch(id)  // its version not taken, or its row made at the end
              }
            }
            versions.add(
              key.questionnaireID, summary.questionnaireDigest, version: summary.start?.questionnaireVersion)
            stream.storedCases.insert(key.caseID)
            report.casesNew += 1
          }
          continue
        }
        guard let decoded = CaseHistoryCodec.decode(segments[k].history) else { continue }
        let kept = Set(new)
        let records = allNew ? decoded : decoded.filter { kept.contains($0.sequence) }
        if records.isEmpty && !conflicted.contains(key) { continue }
        if let index = pendingIndex[key] {
          pending[index].records += records
        } else {
          pendingIndex[key] = pending.count
          pending.append((key, records))
        }
      }
    }
    for problem in chunk.problems {
      if case .repeatedRecords(_, let seqs, true) = problem.kind {
        report.recordsDuplicate += seqs.count  // the same records again: counted, nothing lost
        continue
      }
      let start = problem.offset - chunk.offset
      let bytes =
        problem.length > 0 && start >= 0
        ? chunk.bytes(start..<(start + problem.length)) : []
      try quarantine(
        file: file, line: problem.line, offset: problem.offset, kind: Collector.kind(problem.kind),
        problem: problem.description, bytes: bytes)
      report.quarantined[Collector.kind(problem.kind), default: 0] += 1
    }
    for fragment in chunk.sealedFragments {
      // A torn tail quarantined by an earlier collect is now sealed: one row for it.
      try db.execute(
        sql: "DELETE FROM quarantine WHERE file = ? AND byte_offset = ? AND kind = 'torn'",
        arguments: [file, fragment.offset])
      let start = fragment.offset - chunk.offset
      let bytes = start >= 0 ? chunk.bytes(start..<(start + fragment.length)) : []
      try quarantine(
        file: file, line: fragment.line, offset: fragment.offset, kind: "sealed",
        problem: "a record torn by a crash and sealed by the writer; it was never acknowledged", bytes: bytes)
      report.quarantined["sealed", default: 0] += 1
    }
  }

  /// Records read before any `start` of their station (its first start damaged, or in another
  /// file) have no questionnaire yet. When the store knows exactly one questionnaire for the
  /// station, they are merged into it by the identity rule (a copy counts once, a different
  /// record is a conflict), so the order files are collected in does not matter. With several
  /// they stay apart, under an empty questionnaire id, and `enkat collect` lists them.
  /// Returns the ids of the cases removed (adopted into another).
  @discardableResult
  mutating func adoptRecordsWithoutQuestionnaire(report: inout CollectReport) throws -> [Int64] {
    var removed: [Int64] = []
    for station in try String.fetchAll(db, sql: "SELECT station FROM streams WHERE questionnaire = ''") {
      let owners = try String.fetchAll(
        db, sql: "SELECT questionnaire FROM streams WHERE station = ? AND questionnaire != ''", arguments: [station])
      guard owners.count == 1 else { continue }
      let orphans = try StreamRecords(questionnaireID: "", station: station, db: db)
      let target = try StreamRecords(questionnaireID: owners[0], station: station, db: db)
      streams[ResponseLogReader.stream(station: station, questionnaireID: owners[0])] = target
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT c.id, c.case_id, c.qd, c.conflict, h.history FROM cases c JOIN histories h USING (id)
          WHERE c.questionnaire = '' AND c.station = ?
          """, arguments: [station])
      for row in rows {
        let caseID: String = row["case_id"]
        guard let records = CaseHistoryCodec.decode([UInt8](row["history"] as Data)) else { continue }
        let key = CaseKey(questionnaireID: owners[0], station: station, caseID: caseID)
        var kept: [StoredRecord] = []
        for record in records {
          guard let checksum = orphans.checksum(of: record.sequence) else { continue }
          switch target.add(record.sequence, checksum) {
          case .new: kept.append(record)
          case .copy: report.recordsDuplicate += 1
          case .conflict:
            report.recordsConflicting += 1
            conflicted.insert(key)
            try markEarlier(stream: target, sequence: record.sequence)
          }
        }
        if let index = pendingIndex[key] {
          pending[index].records += kept
        } else {
          pendingIndex[key] = pending.count
          pending.append((key, kept))
        }
        let id: Int64 = row["id"]
        try db.execute(sql: "DELETE FROM histories WHERE id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM cases WHERE id = ?", arguments: [id])
        if (row["conflict"] as Int) == 0 { versions.remove("", row["qd"]) }
        removed.append(id)
      }
      try db.execute(sql: "DELETE FROM streams WHERE questionnaire = '' AND station = ?", arguments: [station])
      try flush(report: &report)
    }
    return removed
  }

  /// Writes the cases the current file touched, and its streams' identity state.
  private mutating func flush(report: inout CollectReport) throws {
    try resolveEarlier()
    for (key, new) in pending where !new.isEmpty {
      let existing = try caseWriter.existing(key)
      var records = new.sorted { $0.sequence < $1.sequence }
      if let existing {
        report.casesUpdated += 1
        let earlier = existing.records.last?.sequence ?? 0
        records = existing.records + records
        if let first = new.map(\.sequence).min(), first < earlier { records.sort { $0.sequence < $1.sequence } }
        if !existing.conflict { versions.remove(key.questionnaireID, existing.shortDigest) }
      } else {
        report.casesNew += 1
      }
      let summary = CaseState(records).summary
      let conflict = conflicted.contains(key)
      try caseWriter.write(key, summary, history: CaseHistoryCodec.encode(records), conflict: conflict)
      if !conflict && existing?.conflict != true {
        versions.add(key.questionnaireID, summary.questionnaireDigest, version: summary.start?.questionnaireVersion)
      }
    }
    for key in conflicted where pendingIndex[key].map({ pending[$0].records.isEmpty }) ?? true {
      // Set aside by a conflict: it leaves the wide tables too.
      let setAside = try Row.fetchAll(
        db,
        sql: """
          UPDATE cases SET conflict = 1 WHERE questionnaire = ? AND station = ? AND case_id = ? AND conflict = 0
          RETURNING id, qd
          """, arguments: [key.questionnaireID, key.station, key.caseID])
      for row in setAside {
        versions.remove(key.questionnaireID, row["qd"])
        try db.execute(sql: "INSERT OR IGNORE INTO temp.touched (id) VALUES (?)", arguments: [row["id"] as Int64])
      }
    }
    pending = []
    pendingIndex = [:]
    conflicted = []
    for stream in streams.values where stream.changed { try stream.save(db) }
    streams = [:]
  }

  /// The record already merged under `sequence` in `stream` is to be kept beside the new one in
  /// `conflicts`, and its case marked: noted here, found for all of a stream's conflicts at once
  /// when the file is flushed (`resolveEarlier`), so a station that started over, whose every
  /// record conflicts, costs one pass over its cases rather than one per record.
  private mutating func markEarlier(stream: StreamRecords, sequence: Int) throws {
    let key = ResponseLogReader.stream(station: stream.station, questionnaireID: stream.questionnaireID)
    earlierWanted[key, default: (stream, [])].sequences.insert(sequence)
  }

  /// Finds the earlier records `markEarlier` noted — among this collect's pending records first,
  /// then in the store's histories — keeps each in `conflicts` and marks its case.
  private mutating func resolveEarlier() throws {
    for (_, wanted) in earlierWanted.sorted(by: { $0.key < $1.key }) {
      let stream = wanted.stream
      var found: [Int: (CaseKey, StoredRecord)] = [:]
      for (key, records) in pending where key.station == stream.station && key.questionnaireID == stream.questionnaireID
      {
        for r in records where wanted.sequences.contains(r.sequence) { found[r.sequence] = (key, r) }
      }
      if found.count < wanted.sequences.count {
        let rows = try Row.fetchAll(
          db,
          sql:
            "SELECT c.case_id, h.history FROM cases c JOIN histories h USING (id) WHERE questionnaire = ? AND station = ?",
          arguments: [stream.questionnaireID, stream.station])
        for row in rows {
          guard let records = CaseHistoryCodec.decode([UInt8](row["history"] as Data)) else { continue }
          for r in records where wanted.sequences.contains(r.sequence) && found[r.sequence] == nil {
            found[r.sequence] = (
              CaseKey(questionnaireID: stream.questionnaireID, station: stream.station, caseID: row["case_id"]), r
            )
          }
        }
      }
      for sequence in wanted.sequences.sorted() {
        guard let (key, record) = found[sequence] else { continue }
        conflicted.insert(key)
        let raw = String(
          decoding: RecordCodec.encode(
            ResponseRecord(
              sequence: record.sequence, time: record.time, station: key.station, caseID: key.caseID,
              questionnaireDigest: record.questionnaireDigest, payload: record.payload)), as: UTF8.self)
        let file = try String.fetchOne(db, sql: "SELECT path FROM files WHERE id = ?", arguments: [record.fileID]) ?? ""
        try saveConflict(key, sequence: sequence, file: file, line: record.line, raw: raw)
      }
    }
    earlierWanted = [:]
  }

  private func saveConflict(_ key: CaseKey, sequence: Int, file: String, line: Int, raw: String) throws {
    try db.execute(
      sql: """
        INSERT INTO conflicts (questionnaire, station, seq, case_id, file, line, raw) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT DO NOTHING
        """,
      arguments: [key.questionnaireID, key.station, sequence, key.caseID, file, line, raw])
  }

  private func quarantine(file: String, line: Int, offset: Int, kind: String, problem: String, bytes: [UInt8]) throws {
    try db.execute(
      sql: "INSERT INTO quarantine (file, line, byte_offset, kind, problem, bytes) VALUES (?, ?, ?, ?, ?, ?)",
      arguments: [file, line, offset, kind, problem, Data(bytes)])
  }
}
