import EnkatLog
import Foundation
import GRDB

/// The records of one stream (a questionnaire's records on one station, numbered by `seq`) that
/// the store holds, by their checksum: what tells a copy (same `seq`, same checksum) from a
/// conflict (same `seq`, another checksum) and a new record. Kept in `streams.checksums`: the
/// number of dense entries (8 bytes), then five bytes per sequence number from 1 (a presence byte
/// and the CRC-32), then twelve per number far beyond them (8 bytes of `seq`, 4 of CRC-32); all
/// little-endian.
final class StreamRecords {
  enum Addition { case new, copy, conflict }

  /// The checksums by sequence number.
  private struct Table {
    /// By sequence number from 1: 0 when absent, else `present | checksum` (one array, so a
    /// record costs one append).
    var dense: [UInt64] = []
    static let present: UInt64 = 1 << 32
    /// Numbers far beyond the dense ones (a damaged or foreign file), so no table grows with them.
    var sparse: [Int: UInt32] = [:]

    func checksum(of sequence: Int) -> UInt32? {
      let k = sequence - 1
      if k >= 0, k < dense.count, dense[k] != 0 { return UInt32(truncatingIfNeeded: dense[k]) }
      return sparse[sequence]
    }

    mutating func add(_ sequence: Int, _ checksum: UInt32) -> Addition {
      let k = sequence - 1
      let entry = Self.present | UInt64(checksum)
      if k == dense.count, sparse.isEmpty {  // the usual record: the next number
        dense.append(entry)
        return .new
      }
      if k < dense.count, dense[k] != 0 { return dense[k] == entry ? .copy : .conflict }
      if let earlier = sparse[sequence] { return earlier == checksum ? .copy : .conflict }
      if k > dense.count + 1_000_000 {
        sparse[sequence] = checksum
        return .new
      }
      if k >= dense.count { dense.append(contentsOf: repeatElement(0, count: k + 1 - dense.count)) }
      dense[k] = entry
      return .new
    }
  }

  let questionnaireID: String
  let station: String
  private var id: Int64?
  private var table = Table()
  private(set) var changed = false
  /// The ids of the stream's cases the store has.
  var storedCases: Set<String> = []

  init(questionnaireID: String, station: String, db: Database) throws {
    self.questionnaireID = questionnaireID
    self.station = station
    if let row = try Row.fetchOne(
      db, sql: "SELECT id, checksums FROM streams WHERE questionnaire = ? AND station = ?",
      arguments: [questionnaireID, station])
    {
      id = row["id"]
      let blob = [UInt8](row["checksums"] as Data)
      func int(_ at: Int, _ n: Int) -> Int {
        var v = 0
        for k in (0..<n).reversed() { v = v << 8 | Int(blob[at + k]) }
        return v
      }
      guard blob.count >= 8, (blob.count - 8 - int(0, 8) * 5) % 12 == 0 else {
        throw StoreError.damaged("", "the record checksums of station \(station)")
      }
      let count = int(0, 8)
      var read = Table()
      read.dense = [UInt64](repeating: 0, count: count)
      for k in 0..<count where blob[8 + 5 * k] != 0 {
        read.dense[k] = Table.present | UInt64(int(8 + 5 * k + 1, 4))
      }
      var at = 8 + 5 * count
      while at < blob.count {
        read.sparse[int(at, 8)] = UInt32(int(at + 8, 4))
        at += 12
      }
      table = read
      storedCases = Set(
        try String.fetchAll(
          db, sql: "SELECT case_id FROM cases WHERE questionnaire = ? AND station = ?",
          arguments: [questionnaireID, station]))
    }
  }

  /// The checksum of the record merged under `sequence`, if any.
  func checksum(of sequence: Int) -> UInt32? { table.checksum(of: sequence) }

  /// Records each identity's sequence and checksum unless the stream has it already. True when
  /// every one was new (the usual case: `additions` is left empty); else `additions` says what
  /// each was. The table is taken out of the object for a case's records: the runtime's
  /// exclusivity check on every record cost a collect several per cent.
  func add(_ identities: [CaseSegment.Identity], into additions: inout [Addition]) -> Bool {
    additions.removeAll(keepingCapacity: true)
    var t = Table()
    swap(&t, &table)
    defer { swap(&t, &table) }
    var allNew = true
    var added = false
    for (k, identity) in identities.enumerated() {
      let addition = t.add(identity.sequence, identity.checksum)
      if addition == .new {
        added = true
      } else if allNew {
        allNew = false
        additions.append(contentsOf: repeatElement(.new, count: k))
      }
      if !allNew { additions.append(addition) }
    }
    if added { changed = true }
    return allNew
  }

  /// Records `sequence` with `checksum` unless the stream has it already.
  func add(_ sequence: Int, _ checksum: UInt32) -> Addition {
    let addition = table.add(sequence, checksum)
    if addition == .new { changed = true }
    return addition
  }

  func save(_ db: Database) throws {
    let table = self.table
    let sparse = table.sparse.sorted(by: { $0.key < $1.key })
    var blob = Data(count: 8 + table.dense.count * 5 + sparse.count * 12)
    blob.withUnsafeMutableBytes { (out: UnsafeMutableRawBufferPointer) in
      func put(_ value: UInt64, _ n: Int, at: Int) {
        for k in 0..<n { out[at + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(k))) }
      }
      put(UInt64(table.dense.count), 8, at: 0)
      table.dense.withUnsafeBufferPointer { dense in
        for k in dense.indices where dense[k] != 0 {  // an absent number stays five zeros
          out[8 + 5 * k] = UInt8(1)
          put(dense[k], 4, at: 8 + 5 * k + 1)
        }
      }
      var at = 8 + table.dense.count * 5
      for (sequence, checksum) in sparse {
        put(UInt64(sequence), 8, at: at)
        put(UInt64(checksum), 4, at: at + 8)
        at += 12
      }
    }
    if let id {
      try db.execute(sql: "UPDATE streams SET checksums = ? WHERE id = ?", arguments: [blob, id])
    } else {
      try db.execute(
        sql: "INSERT INTO streams (questionnaire, station, checksums) VALUES (?, ?, ?)",
        arguments: [questionnaireID, station, blob])
      id = db.lastInsertedRowID
    }
    changed = false
  }
}
