import EnkatLog
import Foundation
import GRDB

/// The records of one stream (a questionnaire's records on one station, numbered by `seq`) that
/// the store holds, by their checksum: what tells a copy (same `seq`, same checksum) from a
/// conflict (same `seq`, another checksum) and a new record. Kept in `streams.checksums`
/// (`encode`, `decode`).
final class StreamRecords {
  enum Addition { case new, copy, conflict }

  /// The checksums by sequence number.
  fileprivate struct Table {
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
    // Cached statements: a collect of a thousand stations makes these a thousand times each.
    if let row = try Row.fetchOne(
      db.cachedStatement(sql: "SELECT id, checksums FROM streams WHERE questionnaire = ? AND station = ?"),
      arguments: [questionnaireID, station])
    {
      id = row["id"]
      guard let read = Self.decode([UInt8](row["checksums"] as Data)) else {
        throw StoreError.damaged("", "the record checksums of station \(station)")
      }
      table = read
      storedCases = Set(
        try String.fetchAll(
          db.cachedStatement(sql: "SELECT case_id FROM cases WHERE questionnaire = ? AND station = ?"),
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
    if t.sparse.isEmpty, Self.follow(identities, from: t.dense.count + 1) {
      // The usual case: the stream's next numbers, one after another.
      // Written through the buffers: an append of a lazy map went element by element through
      // the generic sequence path, 3 % of a collect's merge thread.
      let from = t.dense.count
      t.dense.append(contentsOf: repeatElement(0, count: identities.count))
      t.dense.withUnsafeMutableBufferPointer { dense in
        identities.withUnsafeBufferPointer { ids in
          for k in ids.indices { dense[from + k] = Table.present | UInt64(ids[k].checksum) }
        }
      }
      if !identities.isEmpty { changed = true }
      return true
    }
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

  /// Whether the identities' numbers are `first`, `first + 1`, and so on.
  private static func follow(_ identities: [CaseSegment.Identity], from first: Int) -> Bool {
    identities.withUnsafeBufferPointer { ids in
      var next = first
      for id in ids {
        guard id.sequence == next else { return false }
        next += 1
      }
      return true
    }
  }

  /// Records `sequence` with `checksum` unless the stream has it already.
  func add(_ sequence: Int, _ checksum: UInt32) -> Addition {
    let addition = table.add(sequence, checksum)
    if addition == .new { changed = true }
    return addition
  }

  func save(_ db: Database) throws {
    let blob = Self.encode(table)
    if let id {
      try db.cachedStatement(sql: "UPDATE streams SET checksums = ? WHERE id = ?").execute(arguments: [blob, id])
    } else {
      try db.cachedStatement(sql: "INSERT INTO streams (questionnaire, station, checksums) VALUES (?, ?, ?)").execute(
        arguments: [questionnaireID, station, blob])
      id = db.lastInsertedRowID
    }
    changed = false
  }
}

extension StreamRecords {
  /// The form of `streams.checksums`, all little-endian: the number of dense entries `n` (8
  /// bytes); a bit per sequence number 1…n, whether the stream has it (`(n + 7) / 8` bytes, the
  /// lowest bit first); the CRC-32 of each (4 bytes, zeros when absent); then twelve bytes per
  /// number far beyond them (8 of `seq`, 4 of CRC-32). About 4.1 bytes a record.
  fileprivate static func encode(_ table: Table) -> Data {
    let n = table.dense.count
    let checksums = 8 + (n + 7) / 8
    let sparse = table.sparse.sorted(by: { $0.key < $1.key })
    var blob = Data(count: checksums + 4 * n + sparse.count * 12)
    blob.withUnsafeMutableBytes { (out: UnsafeMutableRawBufferPointer) in
      func put(_ value: UInt64, _ count: Int, at: Int) {
        for k in 0..<count { out[at + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(k))) }
      }
      put(UInt64(n), 8, at: 0)
      table.dense.withUnsafeBufferPointer { dense in
        for k in dense.indices where dense[k] != 0 {
          out[8 + k / 8] |= UInt8(1) << (k % 8)
          put(dense[k], 4, at: checksums + 4 * k)
        }
      }
      var at = checksums + 4 * n
      for (sequence, checksum) in sparse {
        put(UInt64(sequence), 8, at: at)
        put(UInt64(checksum), 4, at: at + 8)
        at += 12
      }
    }
    return blob
  }

  /// The table `encode` wrote, or nil when the bytes are not one; `beforeV4`, the form of stores
  /// before migration v4: five bytes per dense number, a presence byte and the CRC-32.
  fileprivate static func decode(_ blob: [UInt8], beforeV4: Bool = false) -> Table? {
    func int(_ at: Int, _ count: Int) -> Int {
      var v = 0
      for k in (0..<count).reversed() { v = v << 8 | Int(blob[at + k]) }
      return v
    }
    guard blob.count >= 8, blob[7] == 0 else { return nil }
    let n = int(0, 8)
    // Where number k + 1's checksum is, whether the stream has it, and where the dense part ends.
    let bits = 8 + (n + 7) / 8
    func checksumAt(_ k: Int) -> Int { beforeV4 ? 8 + 5 * k + 1 : bits + 4 * k }
    func present(_ k: Int) -> Bool { beforeV4 ? blob[8 + 5 * k] != 0 : blob[8 + k / 8] & (UInt8(1) << (k % 8)) != 0 }
    let denseEnd = beforeV4 ? 8 + 5 * n : bits + 4 * n
    guard blob.count >= denseEnd, (blob.count - denseEnd) % 12 == 0 else { return nil }
    var read = Table()
    read.dense = [UInt64](repeating: 0, count: n)
    for k in 0..<n where present(k) { read.dense[k] = Table.present | UInt64(int(checksumAt(k), 4)) }
    var at = denseEnd
    while at < blob.count {
      read.sparse[int(at, 8)] = UInt32(int(at + 8, 4))
      at += 12
    }
    return read
  }

  /// `streams.checksums` of a store before migration v4 in the form of `encode`, or nil when the
  /// bytes are not one.
  static func checksumsWrittenAgain(_ blob: [UInt8]) -> Data? { decode(blob, beforeV4: true).map(encode) }
}
