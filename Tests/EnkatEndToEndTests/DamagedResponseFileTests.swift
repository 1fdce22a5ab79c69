import EnkatLog
import EnkatTestSupport
import Foundation
import Glibc
import Testing

/// Files as they come back from the field, through `enkat replay` and `enkat interview`.
@Suite("Damaged and unusual response files at the command line")
struct DamagedResponseFileTests {
  let flagship = PackagePaths.flagship
  let id = "ssr-socialsekreterare-2019"

  /// A folder with `cases` simulated flagship cases from station `station`, and the file's path.
  private func simulated(_ cases: Int, station: String = "SIM") throws -> (TemporaryDirectory, String) {
    let dir = TemporaryDirectory()
    let out = try Shell.run(
      "\(PackagePaths.enkat) simulate \(flagship) --cases \(cases) --seed 5 --station \(station) --data \(dir.path)")
    #expect(out.status == 0, "\(out.text)")
    return (dir, ResponseLogWriter.path(directory: dir.path, questionnaireID: id, station: station))
  }

  private func replay(_ files: [String], questionnaire: String? = nil) throws -> Shell.Output {
    try Shell.run(
      "\(PackagePaths.enkat) replay \(questionnaire ?? flagship) " + files.map(Shell.quote).joined(separator: " ")
        + " 2>&1")
  }

  private func lines(_ path: String) -> [[UInt8]] {
    TestFiles.bytes(path).split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map(Array.init)
  }

  @Test("a file saved on Windows is replayed whole, with one notice")
  func windowsFile() throws {
    let (dir, path) = try simulated(20)
    let converted = dir.file("windows.jsonl")
    let crlf: [UInt8] = lines(path).flatMap { $0 + [0x0D, 0x0A] }
    TestFiles.append(crlf, to: converted)
    let out = try replay([converted])
    #expect(out.status == 0, "\(out.text)")
    #expect(out.text.contains("20 cases of \(id) replayed"), "\(out.text)")
    #expect(out.text.components(separatedBy: "Windows line endings").count == 2, "said once: \(out.text)")
    #expect(!out.text.contains("torn"))
  }

  @Test("a case whose start line is damaged is reported by id with its record count, and still replayed")
  func damagedStart() throws {
    let (dir, path) = try simulated(5)
    var all = lines(path)
    let third = try #require(
      all.firstIndex {
        String(decoding: $0, as: UTF8.self).contains(#""case":"SIM-0003","qd""#)
          && String(decoding: $0, as: UTF8.self).contains(#""type":"start""#)
      })
    all[third][40] ^= 0x01
    let damaged = dir.file("damaged.jsonl")
    TestFiles.append(all.flatMap { $0 + [0x0A] }, to: damaged)
    let out = try replay([damaged])
    #expect(out.text.contains("case SIM-0003 of station SIM has no readable start record; its "), "\(out.text)")
    #expect(out.text.contains("5 cases of \(id) replayed"), "\(out.text)")
    #expect(out.text.components(separatedBy: "warning:").count == 3, "the damaged line and the case: \(out.text)")
  }

  @Test("a file given twice, or copied into itself, counts each case once")
  func copies() throws {
    let (dir, path) = try simulated(10)
    let copy = dir.file("copy.jsonl")
    TestFiles.append(TestFiles.bytes(path), to: copy)
    let doubled = dir.file("doubled.jsonl")
    TestFiles.append(TestFiles.bytes(path) + TestFiles.bytes(path), to: doubled)
    let out = try replay([path, copy, doubled])
    #expect(out.text.contains("10 cases of \(id) replayed"), "\(out.text)")
    #expect(out.text.contains("copy.jsonl: "), "\(out.text)")
    #expect(out.text.contains("already read from"), "\(out.text)")
    #expect(out.text.components(separatedBy: "again, the same as already read").count == 2, "one range: \(out.text)")
  }

  @Test("two laptops that wrote as one station are reported as a conflict, and their cases set aside")
  func clonedLaptops() throws {
    let (first, a) = try simulated(3, station: "LAPTOP")
    sleep(1)  // other timestamps, so the records differ
    let (second, b) = try simulated(3, station: "LAPTOP")
    let out = try replay([a, b])
    withExtendedLifetime((first, second)) {}  // the folders hold the files until here
    #expect(out.text.contains("two stations wrote under one station id"), "\(out.text)")
    #expect(out.text.contains("3 cases set aside because of conflicting records"), "\(out.text)")
    #expect(out.text.contains("0 cases of \(id) replayed"), "\(out.text)")
  }

  @Test("cases of another questionnaire are skipped with one line, and a missing file does not stop the rest")
  func otherQuestionnaireAndMissingFile() throws {
    let (dir, path) = try simulated(4)
    let citizen = PackagePaths.root() + "/Questionnaires/medborgarundersokning.json"
    let other = try Shell.run("\(PackagePaths.enkat) simulate \(citizen) --cases 7 --seed 1 --data \(dir.path)")
    #expect(other.status == 0)
    let otherPath = ResponseLogWriter.path(
      directory: dir.path, questionnaireID: "medborgarundersokning", station: "SIM")
    let out = try replay([dir.file("nonexistent.jsonl"), otherPath, path])
    #expect(out.status == 1, "a file that could not be read gives status 1")
    #expect(out.text.contains("nonexistent.jsonl"), "\(out.text)")
    #expect(out.text.contains("the other files are still read"), "\(out.text)")
    #expect(out.text.contains("7 cases of questionnaire medborgarundersokning skipped"), "\(out.text)")
    #expect(out.text.contains("4 cases of \(id) replayed"), "\(out.text)")
  }

  @Test("a record with the largest sequence number crashes nothing: it is reported and set aside")
  func hugeSequence() throws {
    let (dir, path) = try simulated(2)
    var all = lines(path)
    var record = try RecordCodec.decode(all[3][...]).get()
    record.sequence = Int.max
    all.insert(RecordCodec.encode(record), at: 4)
    let bad = dir.file("bad.jsonl")
    TestFiles.append(all.flatMap { $0 + [0x0A] }, to: bad)
    let out = try replay([bad])
    #expect(out.status == 0, "\(out.text)")
    #expect(out.text.contains("line 5"), "\(out.text)")
    #expect(out.text.contains("2 cases of \(id) replayed"), "\(out.text)")
    // The interviewer refuses to append to it, with a message, and does not crash.
    unlink(path)
    TestFiles.append(TestFiles.bytes(bad), to: path)
    let interview = try Shell.run(
      "printf '\\n' | \(PackagePaths.enkat) interview \(flagship) --data \(dir.path) --station SIM 2>&1")
    #expect(interview.status == 74, "\(interview.text)")
    #expect(interview.text.contains("nothing was written to it"), "\(interview.text)")
  }

  @Test("the interviewer refuses a Windows-converted station file and leaves it as it was")
  func interviewRefusesWindowsFile() throws {
    let (dir, path) = try simulated(3)
    let crlf: [UInt8] = lines(path).flatMap { $0 + [0x0D, 0x0A] }
    unlink(path)
    unlink(dir.path + "/.\(id).SIM.jsonl.index")
    TestFiles.append(crlf, to: path)
    let out = try Shell.run(
      "printf '\\n' | \(PackagePaths.enkat) interview \(flagship) --data \(dir.path) --station SIM 2>&1")
    #expect(out.status == 74, "\(out.text)")
    #expect(out.text.contains("Windows line endings"), "\(out.text)")
    #expect(TestFiles.bytes(path) == crlf)
  }

  @Test("--data \"\", unusable --case ids and a symbolic link at the response file are refused")
  func usage() throws {
    let dir = TemporaryDirectory()
    let enkat = "\(PackagePaths.enkat) interview \(flagship) --station S01"
    let empty = try Shell.run("\(enkat) --data '' </dev/null 2>&1")
    #expect(empty.status == 64, "\(empty.text)")
    #expect(empty.text.contains("--data must name a directory"))
    for bad in ["''", "'two\nlines'", "$'\\e[31mred'", String(repeating: "x", count: 100_000), "S02-0003"] {
      let out = try Shell.run("\(enkat) --data \(dir.path) --case \(bad) </dev/null 2>&1")
      #expect(out.status == 64, "\(bad.prefix(20)): \(out.text.prefix(300))")
    }
    let other = try Shell.run("\(enkat) --data \(dir.path) --case S02-0003 </dev/null 2>&1")
    #expect(other.text.contains("looks like case 0003 of station S02"), "\(other.text)")
    #expect(TestDirectory.list(dir.path).isEmpty, "nothing was written")
    let target = dir.file("target.txt")
    TestFiles.write("not yours\n", to: target)
    symlink(target, ResponseLogWriter.path(directory: dir.path, questionnaireID: id, station: "S01"))
    let linked = try Shell.run("printf '\\n' | \(enkat) --data \(dir.path) 2>&1")
    #expect(linked.status == 74, "\(linked.text)")
    #expect(linked.text.contains("is a symbolic link"), "\(linked.text)")
    #expect(TestFiles.text(target) == "not yours\n")
  }

  @Test("a torn record is reported when it is sealed, and never again; a seal that cannot be written says so")
  func sealOnceAndDiskFull() throws {
    let dir = TemporaryDirectory()
    let path = ResponseLogWriter.path(directory: dir.path, questionnaireID: id, station: "S01")
    let interview = "\(PackagePaths.enkat) interview \(flagship) --data \(dir.path) --station S01"
    let first = try Shell.run("printf '\\n1\\n/pause\\n' | \(interview) 2>&1")
    #expect(first.status == 0, "\(first.text)")
    // A torn record, padded so the file ends 10 bytes before a 1 KiB block: under a file-size
    // limit of that many blocks the seal cannot be written (a full disk, as far as enkat sees).
    let torn = Array(#"{"v":1,"seq":9,"at":"2026-11"#.utf8)
    let size = TestFiles.bytes(path).count + torn.count
    let blocks = (size + 10 + 1023) / 1024
    TestFiles.append(torn + Array(repeating: UInt8(ascii: "x"), count: blocks * 1024 - 10 - size), to: path)
    // bash counts `ulimit -f` in 1 KiB blocks (dash, /bin/sh here, in 512-byte ones).
    let limited = try Shell.run(
      "bash -c \(Shell.quote("ulimit -f \(blocks); printf '\\n' | \(interview) 2>&1; echo status $?"))")
    #expect(
      limited.text.contains("The line that seals off a record torn by an earlier crash was NOT written"),
      "\(limited.text)")
    #expect(limited.text.contains("status 74"), "\(limited.text)")
    #expect(!limited.text.contains("last answer"), "\(limited.text)")
    let second = try Shell.run("printf '/pause\\n' | \(interview) --resume 2>&1")
    #expect(second.status == 0, "\(second.text)")
    #expect(second.text.components(separatedBy: "sealed off").count >= 2, "\(second.text)")
    let third = try Shell.run("printf '/pause\\n' | \(interview) --resume 2>&1")
    #expect(third.status == 0, "\(third.text)")
    #expect(!third.text.contains("warning"), "a sealed fragment is quiet afterwards: \(third.text)")
    let contents = try ResponseLogWriter.read(path: path)
    #expect(contents.problems.isEmpty)
    #expect(contents.records.map(\.record.sequence) == Array(1...contents.records.count))
  }
}
