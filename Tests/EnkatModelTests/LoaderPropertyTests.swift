import EnkatTestSupport
import Foundation
import PropertyBased
import Testing

@testable import EnkatModel

/// Bytes that matter to JSON and to the questionnaire format.
private let interesting: [UInt8] = Array("{}[]\",:\\ \n0-9.eEtfn'/".utf8) + [0x00, 0x80, 0xC3, 0xA5, 0xFF]

@Suite("Questionnaire loader under mutated input")
struct LoaderPropertyTests {

  /// Applies mutations encoded as integers: delete, insert, replace, duplicate a span, truncate.
  static func mutate(_ source: [UInt8], _ codes: [Int]) -> [UInt8] {
    var bytes = source
    for code in codes where !bytes.isEmpty {
      let position = (code / 8) % bytes.count
      let byte = interesting[(code / 64) % interesting.count]
      switch code % 8 {
      case 0: bytes.remove(at: position)
      case 1: bytes.insert(byte, at: position)
      case 2, 3: bytes[position] = byte
      case 4:
        let end = min(bytes.count, position + 1 + (code / 1024) % 200)
        bytes.insert(contentsOf: bytes[position..<end], at: end)
      case 5: bytes.removeSubrange(position..<min(bytes.count, position + 1 + (code / 1024) % 40))
      case 6: bytes = Array(bytes[..<position])
      default:  // swap a quoted word for one from elsewhere: ids, keys and expressions get confused
        let other = (code / 4096) % bytes.count
        if let a = bytes[position...].firstIndex(of: 0x22), let b = bytes[other...].firstIndex(of: 0x22),
          let aEnd = bytes[(a + 1)...].firstIndex(of: 0x22), let bEnd = bytes[(b + 1)...].firstIndex(of: 0x22)
        {
          let word = Array(bytes[b...bEnd])
          bytes.replaceSubrange(a...aEnd, with: word)
        }
      }
    }
    return bytes
  }

  /// The JSON with the white space between tokens removed: what `json.dump` writes, one line.
  static func minified(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    var inString = false
    var escaped = false
    for b in bytes {
      if inString {
        out.append(b)
        if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
      } else if b == 0x22 {
        inString = true
        out.append(b)
      } else if b != 0x20 && b != 0x0A && b != 0x0D && b != 0x09 {
        out.append(b)
      }
    }
    return out
  }

  static let shipped = ["ssr-socialsekreterare-2019.json", "hushallsundersokning.json", "medborgarundersokning.json"]

  @Test("a minified copy of each shipped questionnaire loads to the same questionnaire", arguments: shipped)
  func minifiedLoads(file: String) throws {
    let source = TestFiles.bytes(PackagePaths.root() + "/Questionnaires/" + file)
    let pretty = try #require(QuestionnaireLoader.load(source, file: file).questionnaire)
    let small = Self.minified(source)
    #expect(!small.contains(0x0A))
    let outcome = QuestionnaireLoader.load(small, file: file)
    #expect(outcome.questionnaire?.digest == pretty.digest, "\(outcome.diagnostics)")
    #expect(outcome.questionnaire?.instances.map(\.id) == pretty.instances.map(\.id))
  }

  @Test(
    "a mutated questionnaire loads or is rejected with errors that each carry a real position",
    arguments: shipped.flatMap { [($0, false), ($0, true)] })
  func mutatedQuestionnaire(file: String, minify: Bool) async {
    let pretty = TestFiles.bytes(PackagePaths.root() + "/Questionnaires/" + file)
    let source = minify ? Self.minified(pretty) : pretty
    let lineCount = source.filter { $0 == 0x0A }.count + 1
    await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max / 2).array(of: 1...6)) { codes in
      let bytes = Self.mutate(source, codes)
      let outcome = QuestionnaireLoader.load(bytes, file: "mutated.json")
      if outcome.questionnaire == nil {
        #expect(outcome.diagnostics.contains { $0.severity == .error }, "rejected without an error")
      }
      let maxLine = bytes.filter { $0 == 0x0A }.count + 1
      for d in outcome.diagnostics {
        let position = d.position
        #expect(position != nil, "\(d)")
        if let position {
          #expect(position.line >= 1 && position.line <= max(maxLine, lineCount) && position.column >= 1, "\(d)")
        }
        _ = d.rendered(source: outcome.source)
      }
    }
  }

  /// Characters an expression may meet: its own alphabet, and what it must survive.
  static let expressionNoise: [Unicode.Scalar] =
    Array("abcxyz_019 .()=<>!&|+-*/,'\"#§$%;:?@[]{}\\~`^".unicodeScalars) + [
      "å", "ä", "ö", "😀", "\u{0}", "\u{7F}", "\u{2028}",
    ]

  @Test("expressions replaced by long runs of arbitrary characters never crash, hang or flood", arguments: shipped)
  func noisyExpressions(file: String) async {
    let source = TestFiles.text(PackagePaths.root() + "/Questionnaires/" + file)
    let parts = source.components(separatedBy: "\"askIf\": \"")
    guard parts.count > 1 else { return }
    await propertyCheck(
      count: 40,
      input: Gen.int(in: 0..<Self.expressionNoise.count).array(of: 1000...6000)
    ) { picks in
      // Every condition of the file becomes the same noise (JSON-escaped), so each is checked.
      var noise = ""
      for p in picks {
        let c = Self.expressionNoise[p]
        switch c {
        case "\"": noise += "\\\""
        case "\\": noise += "\\\\"
        case "\u{0}", "\u{7F}", "\u{2028}": noise += String(format: "\\u%04x", c.value)
        default: noise.unicodeScalars.append(c)
        }
      }
      let json =
        parts[0]
        + parts.dropFirst().map { part -> String in
          let end = part.firstIndex(of: "\"")!
          return "\"askIf\": \"" + noise + part[end...]
        }.joined()
      let clock = ContinuousClock()
      var outcome: QuestionnaireLoader.Outcome?
      let elapsed = clock.measure { outcome = QuestionnaireLoader.load(Array(json.utf8), file: "noise.json") }
      #expect(elapsed < .seconds(1), "\(elapsed) for \(picks.count) characters in \(parts.count - 1) conditions")
      let perCondition = (outcome?.diagnostics.count ?? 0) / (parts.count - 1)
      #expect(perCondition <= 12, "\(outcome?.diagnostics.count ?? 0) diagnostics")
      for d in outcome?.diagnostics ?? [] { _ = d.rendered(source: outcome?.source) }
    }
  }

  @Test("arbitrary bytes never crash the loader")
  func arbitraryBytes() async {
    await propertyCheck(count: 500, input: Gen.element(of: interesting).array(of: 0...300)) { bytes in
      let outcome = QuestionnaireLoader.load(bytes.compactMap { $0 }, file: "noise.json")
      #expect(outcome.questionnaire == nil)
      #expect(!outcome.diagnostics.isEmpty)
    }
  }
}
