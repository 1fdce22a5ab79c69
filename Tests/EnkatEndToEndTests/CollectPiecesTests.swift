import EnkatEngine
import EnkatTestSupport
import Foundation
import Testing

/// Collects a generated field (revisions with clears, don't know and refused, break-offs, cases
/// suspended and resumed, a torn last line, a backup copy) in random pieces and orders, with a
/// damaged copy and a copy under another name, and holds every store to one collect of the whole.
@Suite("enkat collect in random pieces")
struct CollectPiecesTests {
  let enkat = PackagePaths.enkat

  /// Generates the field of Benchmarks/generate_field.py: its questionnaire and station files.
  private func field(_ dir: TemporaryDirectory, seed: Int) throws -> (questionnaire: String, files: [String]) {
    let generator = "\(PackagePaths.root())/Benchmarks/generate_field.py"
    let questionnaire = dir.file("q.json")
    #expect(try Shell.run("python3 \(generator) questionnaire \(questionnaire)").status == 0)
    let simulated = try Shell.run("\(enkat) simulate \(questionnaire) --cases 1 --data \(dir.file("sim"))")
    #expect(simulated.status == 0, "\(simulated.text)")
    let start = TestFiles.text(dir.file("sim/benchmark-field.SIM.jsonl"))
    let digest = try #require(start.firstMatch(of: /"digest":"(sha256:[0-9a-f]+)"/)?.output.1)
    let made = try Shell.run(
      "python3 \(generator) field --questionnaire \(questionnaire) --digest \(digest) --cases 150 --stations 3 --seed \(seed) --out \(dir.file("field"))"
    )
    #expect(made.status == 0, "\(made.text)")
    let files = TestDirectory.list(dir.file("field")).flatMap { folder in
      TestDirectory.list(dir.file("field/\(folder)")).map { dir.file("field/\(folder)/\($0)") }
    }.sorted()
    return (questionnaire, files)
  }

  @Test("pieces, orders, copies and damage give the store one collect gives, and the independent reader's cases")
  func randomPieces() throws {
    for seed in 1...6 {
      var random = SeededGenerator(seed: UInt64(seed))
      let dir = TemporaryDirectory()
      let (questionnaire, files) = try field(dir, seed: seed)
      #expect(files.count == 4, "three stations and a backup copy")
      // A damaged copy (one flipped bit) and a copy under another name, collected by both stores.
      var damaged = TestFiles.bytes(files[1])
      damaged[Int.random(in: 0..<damaged.count, using: &random)] ^= 0x04
      mkdir(dir.file("extra"), 0o700)
      TestFiles.append(damaged, to: dir.file("extra/damaged.jsonl"))
      TestFiles.append(TestFiles.bytes(files[2]), to: dir.file("extra/renamed.jsonl"))
      let inputs = files + [dir.file("extra/damaged.jsonl"), dir.file("extra/renamed.jsonl")]

      let once = dir.file("once.sqlite")
      let whole = try Shell.run(
        "\(enkat) collect \(inputs.map(Shell.quote).joined(separator: " ")) --into \(once) --questionnaire \(questionnaire)"
      )
      #expect(whole.status == 0, "\(whole.text)")
      #expect(whole.text.contains("checksumMismatch") || whole.text.contains("conflicting"), "\(whole.text)")

      // The same files arriving in random pieces, each cut at random bytes, in a random order.
      let pieces = dir.file("pieces.sqlite")
      mkdir(dir.file("growing"), 0o700)
      var plan: [(file: Int, end: Int)] = []
      for (k, path) in inputs.enumerated() {
        let size = TestFiles.bytes(path).count
        var cuts = (0..<Int.random(in: 0...3, using: &random)).map { _ in Int.random(in: 1..<size, using: &random) }
        cuts.sort()
        plan += (cuts + [size]).map { (k, $0) }
      }
      var order: [(file: Int, end: Int)] = []
      var remaining = Dictionary(grouping: plan, by: \.file)
      while !remaining.isEmpty {
        let file = remaining.keys.sorted().randomElement(using: &random)!
        order.append(remaining[file]!.removeFirst())
        if remaining[file]!.isEmpty { remaining[file] = nil }
      }
      var written = [Int](repeating: 0, count: inputs.count)
      for step in order {
        let target = dir.file("growing/\(step.file).jsonl")
        let bytes = TestFiles.bytes(inputs[step.file])
        TestFiles.append(Array(bytes[written[step.file]..<step.end]), to: target)
        written[step.file] = step.end
        // The definition with every piece: the data table follows each collect.
        let out = try Shell.run("\(enkat) collect \(target) --into \(pieces) --questionnaire \(questionnaire)")
        #expect(out.status == 0, "\(out.text)")
      }
      let a = try StoreContents.dump(once, questionnaire: questionnaire)
      let b = try StoreContents.dump(pieces, questionnaire: questionnaire)
      #expect(a == b, "seed \(seed): one collect of everything equals a collect in pieces")
      // The CSV written from the store's data table equals the one built from the histories (a
      // store without the definition has no table).
      let plain = dir.file("plain.sqlite")
      #expect(
        try Shell.run("\(enkat) collect \(inputs.map(Shell.quote).joined(separator: " ")) --into \(plain)").status == 0)
      for (store, csv) in [(once, "once.csv"), (plain, "plain.csv")] {
        let out = try Shell.run("\(enkat) export \(store) --questionnaire \(questionnaire) --out \(dir.file(csv))")
        #expect(out.status == 0, "\(out.text)")
      }
      #expect(TestFiles.bytes(dir.file("once.csv")) == TestFiles.bytes(dir.file("plain.csv")), "seed \(seed)")
      #expect(try StoreContents.count(plain, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'data%'") == "0")
      let compared = try StoreContents.matchesIndependentReader(
        once, files: inputs, questionnaire: questionnaire, questionnaireID: "benchmark-field")
      #expect(compared > 3000, "seed \(seed)")
    }
  }
}
