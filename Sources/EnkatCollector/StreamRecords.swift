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
    var present: [Bool] = []
    var checksums: [UInt32] = []
    /// Numbers far beyond the dense ones (a damaged or foreign file), so no table grows with them.
    var sparse: [Int: UInt32] = [:]

    func checksum(of sequence: Int) -> UInt32? {
      let k = sequence - 1
      if k >= 0, k < present.count, present[k] { return checksums[k] }
      return sparse[sequence]
    }

    mutating func add(_ sequence: Int, _ checksum: UInt32) -> Addition {
      let k = sequence - 1
      if k < present.count, present[k] { return checksums[k] == checksum ? .copy : .conflict }
      if let earlier = sparse[sequence] { return earlier == checksum ? .copy : .conflict }
      if k == present.count {
        present.append(true)
        checksums.append(checksum)
        return .new
      }
      if k > present.count + 1_000_000 {
        sparse[sequence] = checksum
        return .new
      }
      if k >= present.count {
        present.append(contentsOf: repeatElement(false, count: k + 1 - present.count))
        checksums.append(contentsOf: repeatElement(0, count: k + 1 - checksums.count))
      }
      present[k] = true
      checksums[k] = checksum
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
      read.present = [Bool](repeating: false, count: count)
      read.checksums = [UInt32](repeating: 0, count: count)
      for k in 0..<count {
        read.present[k] = blob[8 + 5 * k] != 0
        read.checksums[k] = UInt32(int(8 + 5 * k + 1, 4))
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

  /// Records each identity's sequence and checksum unless the stream has it already, writing
  /// what each was into `additions`. The table is taken out of the object for a case's records:
  /// the runtime's exclusivity check on every record cost a collect several per cent.
  func add(_ identities: [CaseSegment.Identity], into additions: inout [Addition]) {
    additions.removeAll(keepingCapacity: true)
    var t = Table()
    swap(&t, &table)
    defer { swap(&t, &table) }
    var added = false
    for identity in identities {
      let addition = t.add(identity.sequence, identity.checksum)
      if addition == .new { added = true }
      additions.append(addition)
    }
    if added { changed = true }
  }

  /// Records `sequence` with `checksum` unless the stream has it already.
  func add(_ sequence: Int, _ checksum: UInt32) -> Addition {
    let addition = table.add(sequence, checksum)
    if addition == .new { changed = true }
    return addition
  }

  func save(_ db: Database) throws {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(8 + table.present.count * 5 + table.sparse.count * 12)
    func put(_ value: Int, _ n: Int) {
      for k in 0..<n { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * k))) }
    }
    let table = self.table
    put(table.present.count, 8)
    for k in 0..<table.present.count {
      bytes.append(table.present[k] ? 1 : 0)
      put(Int(table.checksums[k]), 4)
    }
    for (sequence, checksum) in table.sparse.sorted(by: { $0.key < $1.key }) {
      put(sequence, 8)
      put(Int(checksum), 4)
    }
    let blob = Data(bytes)
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
