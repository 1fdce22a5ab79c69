import EnkatLog
import EnkatTestSupport
import Foundation
import GRDB
import Testing

@testable import EnkatCollector

@Suite("A store made by an earlier enkat")
struct StoreMigrationTests {
  /// A history in the form of stores before migration v4: each record's file id and line as they
  /// are (here every record with its time kept as text, head flag 0x20, and no `qd`).
  static func historyBeforeV4(_ records: [StoredRecord]) -> [UInt8] {
    var out: [UInt8] = []
    var sequence = 0
    for r in records {
      var revision = false
      if case .answer(_, _, _, true) = r.payload { revision = true }
      out.append(CompactPayloadCodec.typeCode(r.payload) | 0x20 | (revision ? 0x10 : 0))
      CompactPayloadCodec.varint(UInt64(r.sequence - sequence), &out)
      sequence = r.sequence
      CompactPayloadCodec.text(r.time, &out)
      CompactPayloadCodec.varint(UInt64(r.fileID), &out)
      CompactPayloadCodec.varint(UInt64(r.line), &out)
      CompactPayloadCodec.encode(r.payload, into: &out)
    }
    return out
  }

  @Test("opening a store of migration v3 writes its histories and stream checksums again in the v4 forms, unchanged")
  func historiesWrittenAgain() throws {
    let dir = TemporaryDirectory()
    let path = dir.file("old.sqlite")
    let records = (1...40).map { k in
      StoredRecord(
        sequence: k, time: "2019-10-01T08:05:\(10 + k % 50).000Z", questionnaireDigest: "",
        payload: .answer(
          questionID: "q\(k)", response: .integer(k * 7 - 100), elapsedMilliseconds: k, revision: k == 9),
        fileID: k < 30 ? 1_203 : 7, line: k < 30 ? 40_000 + k : 3 + k)
    }
    let before = Self.historyBeforeV4(records)
    do {
      let queue = try DatabaseQueue(path: path)
      try Store.migrator.migrate(queue, upTo: "v3")
      try queue.write { db in
        for id in 1...3 {
          try db.execute(
            sql: """
              INSERT INTO cases (id, questionnaire, station, case_id, first_at, last_at, outcome, records, answers, revisions,
                clears, answer_ms, conflict, qd) VALUES (?, 'q', 'S1', ?, '', '', 'open', 40, 40, 1, 0, 0, 0, '')
              """, arguments: [id, "c\(id)"])
        }
        try db.execute(sql: "INSERT INTO histories (id, history) VALUES (1, ?)", arguments: [Data(before)])
        // A history that was damaged before stays as it was, for --rebuild to replace.
        try db.execute(sql: "INSERT INTO histories (id, history) VALUES (2, ?)", arguments: [Data([0x02, 0x81])])
        try db.execute(sql: "INSERT INTO histories (id, history) VALUES (3, ?)", arguments: [Data()])
        try db.execute(
          sql: "INSERT INTO streams (questionnaire, station, checksums) VALUES ('q', 'S1', ?)",
          arguments: [Data(Self.checksumsBeforeV4)])
        // Damaged before (cut at 46 bytes, which the old form refuses), and just the length of a
        // list of nine in the new form: emptied, so it is reported, not read as that list.
        try db.execute(
          sql: "INSERT INTO streams (questionnaire, station, checksums) VALUES ('q', 'S2', ?)",
          arguments: [Data(Self.checksumsBeforeV4.prefix(8 + 2 + 4 * 9))])
      }
    }
    let store = try Store(path: path)
    let histories = try store.database.read { db in
      try Row.fetchAll(db, sql: "SELECT id, history FROM histories ORDER BY id").map { [UInt8]($0["history"] as Data) }
    }
    #expect(CaseHistoryCodec.decode(histories[0]) == records)
    #expect(histories[0].count < before.count - 40 * 2, "a byte for the file and one for the line, most records")
    #expect(histories[1] == [0x02, 0x81])
    #expect(histories[2].isEmpty)
    #expect(CaseHistoryCodec.decode(before, placesAsDifferences: false) == records)
    try store.database.read { db in
      let stream = try StreamRecords(questionnaireID: "q", station: "S1", db: db)
      let found = (0...12).map { stream.checksum(of: $0) } + [stream.checksum(of: 5_000_000)]
      #expect(found == [nil] + Self.checksums + [nil, nil, nil, 0xDEAD_BEEF])
      let blob = try Data.fetchOne(db, sql: "SELECT checksums FROM streams WHERE station = 'S1'")!
      #expect(blob.count == 8 + 2 + 4 * 9 + 12, "a bit and four bytes per number")
      #expect(throws: StoreError.damaged("", "the record checksums of station S2")) {
        try StreamRecords(questionnaireID: "q", station: "S2", db: db)
      }
    }
  }

  /// Sequence numbers 1…9: the checksums, nil for a number the stream does not have.
  static let checksums: [UInt32?] = [7, 0, nil, 0xFFFF_FFFF, 12_345, nil, nil, 1, 0x8000_0000]

  /// `streams.checksums` before migration v4: the count, five bytes per number (a presence byte
  /// and the CRC-32), then 12 bytes per number far beyond (here 5,000,000).
  static var checksumsBeforeV4: [UInt8] {
    func le(_ value: UInt64, _ n: Int) -> [UInt8] { (0..<n).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    var out = le(UInt64(checksums.count), 8)
    for c in checksums { out += c.map { [1] + le(UInt64($0), 4) } ?? [0, 0, 0, 0, 0] }
    return out + le(5_000_000, 8) + le(0xDEAD_BEEF, 4)
  }
}
