import EnkatLog
import EnkatTestSupport
import Foundation
import Testing

/// The cases per questionnaire version that `enkat collect` prints come from counts each collect
/// keeps up to date; they must be the cases the store has, whatever the collect did to them.
@Suite("enkat collect: cases per version")
struct VersionCountsTests {
  let enkat = PackagePaths.enkat
  let flagship = PackagePaths.flagship
  let id = "ssr-socialsekreterare-2019"

  @Test("the counts printed are the store's cases through records without a start, adoption, growth and conflicts")
  func countsFollowEveryChange() throws {
    let a = TemporaryDirectory()
    let b = TemporaryDirectory()
    for (dir, seed) in [(a, 9), (b, 10)] {
      let out = try Shell.run(
        "\(enkat) simulate \(flagship) --cases 6 --seed \(seed) --station LAPTOP --data \(dir.file("field"))")
      #expect(out.status == 0, "\(out.text)")
    }
    let laptopA = TestFiles.bytes(
      ResponseLogWriter.path(directory: a.file("field"), questionnaireID: id, station: "LAPTOP"))
    let laptopB = TestFiles.bytes(
      ResponseLogWriter.path(directory: b.file("field"), questionnaireID: id, station: "LAPTOP"))
    let lines = laptopA.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
      Array($0) + [0x0A]
    }
    let half = lines.count / 2
    let store = a.file("store.sqlite")
    var steps: [(String, [UInt8])] = []
    // The first case's records without its start, before the next start: no questionnaire yet,
    // kept under none.
    let nextStart = lines.indices.dropFirst().first {
      String(decoding: lines[$0], as: UTF8.self).contains("\"type\":\"start\"")
    }!
    steps.append(("orphans.jsonl", Array(lines[1..<nextStart].joined())))
    // The file's first half: the start arrives, the records without one are adopted.
    steps.append(("laptop.jsonl", Array(lines[0..<half].joined())))
    // The rest of the file: cases already stored grow.
    steps.append(("laptop.jsonl", Array(lines[half...].joined().dropLast())))
    // Another laptop under the same station id: its records conflict, the cases are set aside.
    steps.append(("other.jsonl", laptopB))
    var seen: Set<String> = []
    for (name, bytes) in steps {
      TestFiles.append(bytes, to: a.file(name))
      let out = try Shell.run("\(enkat) collect \(a.file(name)) --into \(store) 2>&1")
      #expect(out.status == 0, "\(out.text)")
      let counts = try StoreContents.versionCounts(store)
      #expect(counts.kept == counts.counted, "after \(name): \(out.text)")
      seen.insert(counts.counted)
      let printed = out.text.split(separator: "\n").filter { $0.hasPrefix("version: ") }
      let versions = counts.counted == "[]" ? 0 : counts.counted.components(separatedBy: "), (").count
      #expect(printed.count == versions, "\(out.text)")
    }
    #expect(seen.count >= 3, "the steps changed the counts: \(seen)")
    #expect(seen.contains { $0.contains("('', ") }, "records without a start counted apart: \(seen)")
    #expect(try StoreContents.count(store, "SELECT count(*) FROM cases WHERE conflict = 1") != "0")
  }
}
