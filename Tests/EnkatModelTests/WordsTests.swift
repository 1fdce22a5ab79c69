import EnkatModel
import EnkatTestSupport
import Foundation
import Testing

/// The one catalogue of words: every key in both languages with the same placeholders, filled in
/// one pass, and no Swedish-or-English choice made anywhere else in the sources.
@Suite("The words catalogue")
struct WordsTests {
  /// The placeholders `{1}`, `{2}`, … of a text.
  static func placeholders(_ text: String) -> [String] {
    text.matches(of: /\{[0-9]+\}/).map { String($0.output) }.sorted()
  }

  @Test("every key has a Swedish and an English text, with the same placeholders")
  func everyKeyInBothLanguages() {
    for key in Words.Key.allCases {
      let (sv, en) = Words.both(key)
      #expect(!sv.isEmpty && !en.isEmpty, "\(key)")
      #expect(Self.placeholders(sv) == Self.placeholders(en), "\(key): \(sv) / \(en)")
    }
  }

  @Test("placeholders are filled in one pass: a value holding a placeholder stays as it was typed")
  func onePassFilling() {
    let sv = Words(language: "sv")
    #expect(
      sv(.notAnOption, "{2}", "1, 2")
        == "”{2}” är inget svarsalternativ. Skriv en kod (1, 2) eller ett alternativ (TAB kompletterar).")
    #expect(
      Words(language: "en")(.ended, "A-0001", "complete", "data/x.jsonl")
        == "Interview A-0001 ended (complete). Answers are in data/x.jsonl.")
    #expect(Words(language: "de")[.dontKnow] == "Don't know", "another language gets English")
  }

  @Test("no source outside the catalogue chooses between Swedish and English itself")
  func noOtherLanguageChoices() throws {
    let root = PackagePaths.root() + "/Sources"
    let files = FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []
    var found: [String] = []
    for file in files where file.hasSuffix(".swift") && !file.hasSuffix("Words/Words.swift") {
      let text = String(decoding: TestFiles.bytes(root + "/" + file), as: UTF8.self)
      if text.contains("== \"sv\" ?") || text.contains("== \"sv\"\n") { found.append(file) }
    }
    #expect(found.isEmpty, "\(found)")
    #expect(files.count > 50)
  }
}
