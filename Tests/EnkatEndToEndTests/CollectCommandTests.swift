import EnkatLog
import EnkatTestSupport
import Foundation
import Glibc
import Testing

/// `enkat collect` on field data made by the real engine, damaged as files come back from the field.
@Suite("enkat collect")
struct CollectCommandTests {
  let enkat = PackagePaths.enkat
  let flagship = PackagePaths.flagship
  let id = "ssr-socialsekreterare-2019"

  /// Simulated stations in `dir/field`: S1 (120 cases) and S2 (80 cases).
  private func field(_ dir: TemporaryDirectory) throws -> (String, String) {
    for (station, cases, seed) in [("S1", 120, 1), ("S2", 80, 2)] {
      let out = try Shell.run(
        "\(enkat) simulate \(flagship) --cases \(cases) --seed \(seed) --station \(station) --data \(dir.file("field"))"
      )
      #expect(out.status == 0, "\(out.text)")
    }
    return (
      ResponseLogWriter.path(directory: dir.file("field"), questionnaireID: id, station: "S1"),
      ResponseLogWriter.path(directory: dir.file("field"), questionnaireID: id, station: "S2")
    )
  }

  private func dump(_ store: String) throws -> String { try StoreContents.dump(store) }

  private func collect(_ inputs: [String], into store: String) throws -> Shell.Output {
    try Shell.run(
      "\(enkat) collect \(inputs.map(Shell.quote).joined(separator: " ")) --into \(Shell.quote(store)) 2>&1")
  }

  @Test("copies merge once; collecting again reads nothing; another order and pieces give the same store")
  func idempotentAndIncremental() throws {
    let dir = TemporaryDirectory()
    let (s1, s2) = try field(dir)
    mkdir(dir.file("backup"), 0o700)
    TestFiles.append(TestFiles.bytes(s1), to: dir.file("backup/S1-copy.jsonl"))
    let once = dir.file("once.sqlite")
    let first = try collect([dir.file("field"), dir.file("backup")], into: once)
    #expect(first.status == 0, "\(first.text)")
    #expect(first.text.contains("cases: 200 new, 0 updated"), "\(first.text)")
    #expect(first.text.contains("0 conflicting"), "\(first.text)")
    let again = try collect([dir.file("field"), dir.file("backup")], into: once)
    #expect(again.text.contains("files: 0 read") && again.text.contains("3 unchanged"), "\(again.text)")
    // In pieces: S1 cut in the middle of a line, collected, then grown to its whole.
    let pieces = dir.file("pieces.sqlite")
    let growing = dir.file("growing/\(id).S1.jsonl")
    mkdir(dir.file("growing"), 0o700)
    let whole = TestFiles.bytes(s1)
    TestFiles.append(Array(whole.prefix(whole.count / 2)), to: growing)
    #expect(try collect([s2], into: pieces).status == 0)
    let half = try collect([growing], into: pieces)
    #expect(half.text.contains("quarantined: 1 (1 torn)"), "the cut line: \(half.text)")
    TestFiles.append(Array(whole.dropFirst(whole.count / 2)), to: growing)
    let grown = try collect([growing], into: pieces)
    #expect(grown.text.contains("1 grown"), "\(grown.text)")
    #expect(grown.text.contains("cases: ") && grown.text.contains("quarantined: 0"), "\(grown.text)")
    let tornRows = try Shell.run(
      "python3 -c \"import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from quarantine').fetchone()[0])\" \(pieces)"
    )
    #expect(
      tornRows.text.trimmingCharacters(in: .whitespacesAndNewlines) == "0",
      "a line cut by a copy in progress is read whole once the file has grown; nothing stays quarantined")
    let a = try dump(once)
    let b = try dump(pieces)
    #expect(a == b, "one collect of everything equals a collect in pieces")
    #expect(try StoreContents.matchesIndependentReader(once, files: [s1, s2, dir.file("backup/S1-copy.jsonl")]) > 1000)
  }

  @Test("damaged lines are quarantined with file, line and bytes; every valid answer arrives once")
  func quarantine() throws {
    let dir = TemporaryDirectory()
    let (s1, _) = try field(dir)
    var lines = TestFiles.bytes(s1).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    lines[10][40] ^= 0x01  // a flipped bit
    lines.insert(Array("not a record at all".utf8), at: 20)
    let damaged = dir.file("damaged/\(id).S1.jsonl")
    mkdir(dir.file("damaged"), 0o700)
    TestFiles.append(lines.joined(separator: [0x0A]).map { $0 }, to: damaged)
    let store = dir.file("store.sqlite")
    let out = try collect([damaged], into: store)
    #expect(out.status == 0, "\(out.text)")
    #expect(out.text.contains("quarantined: 2 (1 checksumMismatch, 1 noChecksum)"), "\(out.text)")
    let listing = try Shell.run("\(enkat) collect --quarantine --into \(store)")
    #expect(listing.text.contains("\(damaged):11 (byte "), "\(listing.text)")
    #expect(listing.text.contains("\(damaged):21 (byte "), "\(listing.text)")
    // Every record that verifies arrived exactly once, by enkat's reader's count and by the
    // independent reader's cases and answers.
    let expected = try ResponseLogWriter.read(path: damaged).records.count
    #expect(try StoreContents.count(store, "SELECT sum(records) FROM cases") == String(expected))
    #expect(try StoreContents.matchesIndependentReader(store, files: [damaged]) > 500)
  }

  @Test("a file longer than a stretch (16 MB) gives the store and export its pieces give")
  func filesLongerThanAStretch() throws {
    let dir = TemporaryDirectory()
    let generator = PackagePaths.root() + "/Benchmarks/generate_field.py"
    let q = dir.file("q.json")
    #expect(try Shell.run("python3 \(generator) questionnaire \(q)").status == 0)
    let one = try Shell.run("\(enkat) simulate \(q) --cases 1 --data \(dir.file("sim"))")
    #expect(one.status == 0, "\(one.text)")
    let simulated = String(decoding: TestFiles.bytes(dir.file("sim/benchmark-field.SIM.jsonl")), as: UTF8.self)
    let digest = try #require(simulated.firstMatch(of: /"digest":"(sha256:[0-9a-f]+)"/)?.1)
    let made = try Shell.run(
      "python3 \(generator) field --questionnaire \(q) --digest \(digest) --cases 2500 --stations 1 --out \(dir.file("field"))"
    )
    #expect(made.status == 0, "\(made.text)")
    // One station's file of about 33 MB (three stretches, the last line torn), and the same lines as
    // three files of about 11 MB.
    let whole = dir.file("field/station001/benchmark-field.S001.jsonl")
    let bytes = TestFiles.bytes(whole)
    #expect(bytes.count > 20 << 20)
    mkdir(dir.file("pieces"), 0o700)
    var start = 0
    for k in 0..<3 {
      var end = k == 2 ? bytes.count : (k + 1) * bytes.count / 3
      while end < bytes.count && bytes[end - 1] != 0x0A { end += 1 }
      TestFiles.append(Array(bytes[start..<end]), to: dir.file("pieces/part\(k).jsonl"))
      start = end
    }
    var exports: [[UInt8]] = []
    for (name, input) in [("whole", whole), ("pieces", dir.file("pieces"))] {
      let store = dir.file("\(name).sqlite")
      let collected = try Shell.run("\(enkat) collect \(input) --into \(store) --questionnaire \(q) 2>&1")
      #expect(collected.status == 0, "\(collected.text)")
      // The pieces after the first begin past record 1: reported as missing records, and read.
      let reported = name == "whole" ? "quarantined: 1 (1 torn)" : "quarantined: 3 (2 missingRecords, 1 torn)"
      #expect(collected.text.contains(reported), "\(collected.text)")
      let exported = try Shell.run("\(enkat) export \(store) --questionnaire \(q) --out \(dir.file("\(name).csv"))")
      #expect(exported.status == 0, "\(exported.text)")
      exports.append(TestFiles.bytes(dir.file("\(name).csv")))
    }
    #expect(exports[0].elementsEqual(exports[1]), "the two exports differ")
    #expect(exports[0].filter { $0 == 0x0A }.count == 2501)  // the header and every case
  }

  @Test("a record line longer than the 64 KiB pieces a file is read in arrives whole")
  func lineLongerThanAPiece() throws {
    let dir = TemporaryDirectory()
    let (s1, _) = try field(dir)
    // The first text answer to `comment` made 100,000 characters long, its record written again
    // (same sequence number, its own checksum): a line longer than the piece it starts in.
    let long = String(repeating: "lång kommentar ", count: 6_700)
    var lines = String(decoding: TestFiles.bytes(s1), as: UTF8.self).split(separator: "\n").map(String.init)
    let k = try #require(lines.firstIndex { $0.contains("\"q\":\"comment\",\"value\":") })
    guard case .success(var record) = RecordCodec.decode(Array(lines[k].utf8)[...]),
      case .answer(let q, _, let ms, let revision) = record.payload
    else { Issue.record("not an answer: \(lines[k])"); return }
    record.payload = .answer(questionID: q, response: .text(long), elapsedMilliseconds: ms, revision: revision)
    lines[k] = String(decoding: RecordCodec.encode(record), as: UTF8.self)
    #expect(lines[k].utf8.count > 100_000)
    unlink(s1)
    TestFiles.append(Array((lines.joined(separator: "\n") + "\n").utf8), to: s1)
    let store = dir.file("long.sqlite")
    let collected = try collect([s1], into: store)
    #expect(collected.status == 0, "\(collected.text)")
    #expect(collected.text.contains("quarantined: 0"), "\(collected.text)")
    #expect(collected.text.contains("cases: 120 new"), "\(collected.text)")
    let csv = dir.file("long.csv")
    let exported = try Shell.run("\(enkat) export \(store) --questionnaire \(flagship) --out \(csv)")
    #expect(exported.status == 0, "\(exported.text)")
    let text = String(decoding: TestFiles.bytes(csv), as: UTF8.self)
    #expect(text.contains(long), "the long answer is in the export whole")
  }

  @Test("a checksummed line with a number too long for a whole number is read, not a crash")
  func overlongNumbers() throws {
    let dir = TemporaryDirectory()
    mkdir(dir.file("field"), 0o700)
    let lines = [
      IndependentReaderTests.good(1, "answer", #","q":"q1","value":99999999999999999999999,"ms":1,"revision":false"#),
      IndependentReaderTests.good(
        2, "answer", #","q":"q2","value":[1,1234567890123456789012],"ms":1,"revision":false"#),
      IndependentReaderTests.good(3, "answer", #","q":"q3","value":1,"ms":123456789012345678901,"revision":false"#),
      IndependentReaderTests.good(4, "answer", #","q":"q4","value":2,"ms":5,"revision":false"#),
    ]
    let file = dir.file("field/x.S01.jsonl")
    TestFiles.append(lines.joined(separator: [0x0A]) + [0x0A], to: file)
    let store = dir.file("store.sqlite")
    let out = try collect([file], into: store)
    #expect(out.status == 0, "\(out.text)")
    // Each line is a record or a reported problem, and the good one after them arrived.
    let merged = Int(try StoreContents.count(store, "SELECT sum(records) FROM cases")) ?? 0
    let quarantined = Int(try StoreContents.count(store, "SELECT count(*) FROM quarantine")) ?? 0
    #expect(merged + quarantined == 4, "\(out.text)")
    #expect(merged >= 1)
  }

  @Test("two laptops under one station id are a conflict: both kept, the cases left out")
  func conflicts() throws {
    let a = TemporaryDirectory()
    let b = TemporaryDirectory()
    for dir in [a, b] {
      let out = try Shell.run("\(enkat) simulate \(flagship) --cases 3 --seed 9 --station LAPTOP --data \(dir.path)")
      #expect(out.status == 0)
      sleep(1)
    }
    let store = a.file("store.sqlite")
    let out = try collect([a.path + "/\(id).LAPTOP.jsonl", b.path + "/\(id).LAPTOP.jsonl"], into: store)
    #expect(out.text.contains("conflicting"), "\(out.text)")
    #expect(!out.text.contains(" 0 conflicting"), "\(out.text)")
    #expect(
      try StoreContents.count(store, "SELECT count(*) FROM cases WHERE conflict = 0") == "0",
      "neither version is chosen")
    #expect(
      try StoreContents.count(store, "SELECT count(DISTINCT raw) FROM conflicts") != "0", "both versions are kept")
    let export = try Shell.run("\(enkat) export \(store) --questionnaire \(flagship) --format jsonl --out -")
    #expect(export.status == 0 && export.text.isEmpty, "no conflicting case is exported: \(export.text)")
  }

  @Test("on a terminal a collect shows how far it is, and clears the line; in a pipe it does not")
  func progress() throws {
    let dir = TemporaryDirectory()
    _ = try field(dir)
    let store = dir.file("store.sqlite")
    let session = try PTYSession(enkat, ["collect", dir.file("field"), "--into", store])
    let seen = try session.expect("files: 2 read")
    #expect(seen.contains("collecting: 1 of 2 files"), "\(seen)")
    let piped = try collect([dir.file("field")], into: dir.file("other.sqlite"))
    #expect(!piped.text.contains("collecting:"), "\(piped.text)")
  }

  @Test("a file named another way (relative, absolute, through a link) is the same file: not read again")
  func namedTwoWays() throws {
    let dir = TemporaryDirectory()
    _ = try field(dir)
    let store = dir.file("store.sqlite")
    let relative = try Shell.run("cd \(dir.path) && \(enkat) collect field --into store.sqlite")
    #expect(relative.text.contains("files: 2 read"), "\(relative.text)")
    symlink(dir.file("field"), dir.file("link"))
    for other in [dir.file("field"), dir.file("link"), dir.file("field/../field")] {
      let again = try collect([other], into: store)
      #expect(again.text.contains("files: 0 read") && again.text.contains("2 unchanged"), "\(other): \(again.text)")
    }
  }

  @Test("a damaged history in the store is named with the store, the case and the way out, not exported half")
  func damagedStore() throws {
    let dir = TemporaryDirectory()
    _ = try field(dir)
    let store = dir.file("store.sqlite")
    #expect(try collect([dir.file("field")], into: store).status == 0)
    let damage = """
      import sqlite3, sys
      db = sqlite3.connect(sys.argv[1])
      db.execute("UPDATE histories SET history = x'02ff' WHERE id = (SELECT id FROM cases WHERE case_id = 'S1-0007')")
      db.commit()
      """
    #expect(try Shell.run("python3 -c \(Shell.quote(damage)) \(store)").status == 0)
    let csv = dir.file("out.csv")
    let out = try Shell.run("\(enkat) export \(store) --questionnaire \(flagship) --out \(csv) 2>&1")
    #expect(out.status == 74, "\(out.text)")
    #expect(
      out.text.contains("the store \(store) is damaged: the history of case S1-0007 of station S1"), "\(out.text)")
    #expect(out.text.contains("enkat collect --rebuild --into \(store)"), "\(out.text)")
    #expect(!FileManager.default.fileExists(atPath: csv) && !FileManager.default.fileExists(atPath: csv + ".partial"))
    let rebuilt = try Shell.run("\(enkat) collect --rebuild --into \(store)")
    #expect(rebuilt.status == 0, "\(rebuilt.text)")
    #expect(try Shell.run("\(enkat) export \(store) --questionnaire \(flagship) --out \(csv)").status == 0)
  }

  @Test("a second collect on a store in use is refused with a message")
  func busy() throws {
    let dir = TemporaryDirectory()
    let store = dir.file("store.sqlite")
    let lock = open(store + ".lock", O_RDWR | O_CREAT, 0o600)
    defer { close(lock) }
    #expect(flock(lock, LOCK_EX) == 0)
    let out = try collect([dir.path], into: store)
    #expect(out.status == 74, "\(out.text)")
    #expect(out.text.contains("being written by another enkat collect"), "\(out.text)")
  }
}

@Suite("enkat collect killed half way")
struct CollectKillTests {
  @Test("SIGKILL during a collect leaves the store as it was; collecting again equals one uninterrupted collect")
  func killed() throws {
    let dir = TemporaryDirectory()
    let id = "ssr-socialsekreterare-2019"
    let template = try Shell.run(
      "\(PackagePaths.enkat) simulate \(PackagePaths.flagship) --cases 50 --seed 3 --station T --data \(dir.file("t"))")
    #expect(template.status == 0)
    let big = dir.file("field/\(id).B.jsonl")
    mkdir(dir.file("field"), 0o700)
    let made = try Shell.run(
      "python3 \(PackagePaths.root())/Benchmarks/replicate_station.py \(dir.file("t/\(id).T.jsonl")) 6000 B > \(big)")
    #expect(made.status == 0, "\(made.text)")
    let killedStore = dir.file("killed.sqlite")
    let wholeStore = dir.file("whole.sqlite")
    let collect = "\(PackagePaths.enkat) collect \(dir.file("field"))"
    for delay in ["0.2", "0.6", "1.0"] {
      let run = try Shell.run(
        "\(collect) --into \(killedStore) > /dev/null 2>&1 & pid=$!; sleep \(delay); kill -9 $pid; wait $pid; echo $?")
      #expect(["137", "0"].contains(run.text.trimmingCharacters(in: .whitespacesAndNewlines)), "\(run.text)")
    }
    let again = try Shell.run("\(collect) --into \(killedStore) 2>&1")
    #expect(again.status == 0, "\(again.text)")
    let whole = try Shell.run("\(collect) --into \(wholeStore) 2>&1")
    #expect(whole.status == 0, "\(whole.text)")
    let dump = """
      import sqlite3, sys
      db = sqlite3.connect(sys.argv[1])
      print(db.execute("SELECT sum(records), sum(answers), count(DISTINCT case_id) FROM cases").fetchone())
      print(db.execute("SELECT hex(checksums) FROM streams").fetchall())
      print(db.execute("SELECT count(*) FROM quarantine").fetchone(), db.execute("SELECT read_offset, size FROM files").fetchall())
      """
    let a = try Shell.run("python3 -c \(Shell.quote(dump)) \(killedStore)")
    let b = try Shell.run("python3 -c \(Shell.quote(dump)) \(wholeStore)")
    #expect(a.status == 0 && !a.text.isEmpty, "\(a.text)")
    #expect(a.text == b.text, "killed then collected: \(a.text) — one collect: \(b.text)")
    #expect(a.text.contains("6000)"), "6,000 cases: \(a.text)")
  }
}

@Suite("enkat collect on a file replaced under its name")
struct CollectReplacedFileTests {
  @Test("a longer file with the same first bytes but other bytes where reading stopped is read again from its start")
  func replacedNotGrown() throws {
    let dir = TemporaryDirectory()
    let enkat = PackagePaths.enkat
    for (station, seed) in [("S1", 1), ("S2", 2)] {
      let out = try Shell.run(
        "\(enkat) simulate \(PackagePaths.flagship) --cases 40 --seed \(seed) --station \(station) --data \(dir.file("sim"))"
      )
      #expect(out.status == 0)
    }
    let s1 = TestFiles.bytes(dir.file("sim/ssr-socialsekreterare-2019.S1.jsonl"))
    let s2 = TestFiles.bytes(dir.file("sim/ssr-socialsekreterare-2019.S2.jsonl"))
    func prefix(_ bytes: [UInt8], _ count: Int) -> [UInt8] {
      Array(bytes.prefix(through: bytes[..<count].lastIndex(of: 0x0A)!))
    }
    mkdir(dir.file("field"), 0o700)
    let path = dir.file("field/station.jsonl")
    TestFiles.append(prefix(s1, 20_000), to: path)
    let store = dir.file("store.sqlite")
    #expect(try Shell.run("\(enkat) collect \(dir.file("field")) --into \(store)").status == 0)
    // The same first 5,000 bytes, then another station's records: longer, but not the same file grown.
    unlink(path)
    TestFiles.append(prefix(s1, 5000) + s2, to: path)
    let again = try Shell.run("\(enkat) collect \(dir.file("field")) --into \(store)")
    #expect(again.text.contains("1 replaced or cut short"), "\(again.text)")
    #expect(!again.text.contains("1 grown"), "\(again.text)")
    #expect(try StoreContents.count(store, "SELECT count(*) FROM cases WHERE station = 'S2'") == "40")
  }
}
