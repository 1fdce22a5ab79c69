import EnkatEngine
import EnkatTestSupport
import Testing

@testable import EnkatLog

@Suite("Any single damage is reported at its line, and every other record still arrives")
struct ReaderMutationTests {
  typealias R = LogTestRecords

  enum Mutation: CaseIterable { case changeByte, removeByte, insertByte, removeLine, repeatLine, insertLine }

  @Test("3,000 random files, each with one changed, removed, repeated or inserted byte or line")
  func singleMutations() {
    var random = SeededGenerator(seed: 20_261_129)
    for round in 0..<3000 {
      let cases = Int.random(in: 1...4, using: &random)
      let lines = R.lines(cases: cases, answers: Int.random(in: 1...4, using: &random))
      let mutation = Mutation.allCases.randomElement(using: &random)!
      // The line (0-based) the damage is on; removing the very last line is a shorter file,
      // which nothing in the file can reveal, so a line is removed before the last.
      let k = Int.random(in: 0..<(mutation == .removeLine ? lines.count - 1 : lines.count), using: &random)
      var mutated = lines.map { $0 + [0x0A] }
      var affected: Set<Int> = [k]  // original lines whose records may be lost
      switch mutation {
      case .changeByte:
        let i = Int.random(in: 0..<mutated[k].count, using: &random)
        var b = UInt8.random(in: 0...255, using: &random)
        if b == mutated[k][i] { b ^= 0x01 }
        mutated[k][i] = b
        if i == mutated[k].count - 1 { affected.insert(k + 1) }
      case .removeByte:
        let i = Int.random(in: 0..<mutated[k].count, using: &random)
        mutated[k].remove(at: i)
        if i == mutated[k].count { affected.insert(k + 1) }
      case .insertByte:
        let i = Int.random(in: 0...mutated[k].count - 1, using: &random)
        mutated[k].insert(UInt8.random(in: 0...255, using: &random), at: i)
      case .removeLine:
        mutated.remove(at: k)
      case .repeatLine:
        mutated.insert(mutated[k], at: k + 1)
        affected = []
      case .insertLine:
        let junk = (0..<Int.random(in: 1...60, using: &random)).map { _ in UInt8.random(in: 0x20...0x7E, using: &random)
        }
        mutated.insert(junk + [0x0A], at: k)
        affected = []
      }
      let contents = ResponseLogContents.parse(mutated.flatMap { $0 })
      let context = Comment(rawValue: "round \(round): \(mutation) at line \(k + 1)")
      #expect(!contents.problems.isEmpty, context)
      let reportedLines = Set(contents.problems.flatMap { $0.line...$0.lastLine })
      let expectedLine = mutation == .repeatLine ? k + 2 : k + 1
      #expect(reportedLines.contains(expectedLine), context)
      let read = Set(contents.records.map { RecordCodec.encode($0.record) })
      for (i, line) in lines.enumerated() where !affected.contains(i) {
        #expect(read.contains(line), "\(context): line \(i + 1) of the original was not read")
      }
      if affected.count == 1, mutation != .removeLine, mutation != .insertByte {
        #expect(contents.records.count >= lines.count - 1, context)
      }
    }
  }
}

@Suite("Reading in chunks gives what one read gives")
struct ChunkedReadingTests {
  typealias R = LogTestRecords

  @Test("1,000 damaged files (a byte-order mark among the damage) read in random chunks give what one read gives")
  func chunks() {
    var random = SeededGenerator(seed: 31)
    for round in 0..<1000 {
      var lines = R.lines(cases: Int.random(in: 1...5, using: &random)).map { $0 + [0x0A] }
      // Damage: a changed byte, a repeated line, a sealed fragment, a torn end.
      let k = Int.random(in: 0..<lines.count, using: &random)
      switch Int.random(in: 0..<5, using: &random) {
      case 0: lines[k][Int.random(in: 0..<(lines[k].count - 1), using: &random)] ^= 0x04
      case 4: lines[0] = [0xEF, 0xBB, 0xBF] + lines[0]  // reported once, however the first line is cut
      case 1: lines.insert(lines[k], at: k + 1)
      case 2:
        let offset = lines.map(\.count).reduce(0, +)
        let seq = lines.count + 1
        lines.append(Array(lines[k].prefix(30)) + Array("~\n".utf8))
        lines.append(RecordCodec.encode(R.record(seq, .tornTailSealed(atOffset: offset), case: "")) + [0x0A])
      default: lines.append(Array(lines[k].prefix(Int.random(in: 1...40, using: &random))))
      }
      let bytes = lines.flatMap { $0 }
      let whole = ResponseLogContents.parse(bytes)
      var reader = ResponseLogReader()
      var records: [ResponseRecord] = []
      var problems: [LogProblem] = []
      var fragments: [ResponseLogContents.SealedFragment] = []
      var size = 0
      var lastFrom = -1
      while true {
        let from = reader.position.offset
        size = from == lastFrom ? size * 2 : Int.random(in: 1...400, using: &random)  // no progress: read more
        lastFrom = from
        let end = min(bytes.count, from + size)
        let part = reader.read(bytes[from..<end], atEnd: end == bytes.count)
        records += part.records.map(\.record)
        problems += part.problems
        fragments += part.sealedFragments
        if end == bytes.count { break }
      }
      #expect(records == whole.records.map(\.record), "round \(round)")
      #expect(problems == whole.problems, "round \(round)")
      #expect(fragments == whole.sealedFragments, "round \(round)")
    }
  }
}
