import EnkatTestSupport
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

  @Test(
    "a mutated questionnaire loads or is rejected with errors that each carry a real position",
    arguments: ["ssr-socialsekreterare-2019.json", "hushallsundersokning.json", "medborgarundersokning.json"])
  func mutatedQuestionnaire(file: String) async {
    let source = TestFiles.bytes(PackagePaths.root() + "/Questionnaires/" + file)
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

  @Test("arbitrary bytes never crash the loader")
  func arbitraryBytes() async {
    await propertyCheck(count: 500, input: Gen.element(of: interesting).array(of: 0...300)) { bytes in
      let outcome = QuestionnaireLoader.load(bytes.compactMap { $0 }, file: "noise.json")
      #expect(outcome.questionnaire == nil)
      #expect(!outcome.diagnostics.isEmpty)
    }
  }
}
