import EnkatTestSupport
import Foundation
import Testing

/// `enkat check` says each problem once, where it is, and nothing that only follows from another.
@Suite("enkat check on broken and hostile questionnaires")
struct CheckAfterErrorsTests {
  let enkat = PackagePaths.enkat

  private func check(_ json: String, _ extra: String = "") throws -> Shell.Output {
    let dir = TemporaryDirectory()
    let file = dir.file("q.json")
    TestFiles.write(json, to: file)
    return try Shell.run("\(enkat) check \(file) \(extra) 2>&1")
  }

  /// Line and column (in characters) of the first `needle` in `text`.
  private func place(of needle: String, in text: String) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let n = lines.firstIndex { $0.contains(needle) }!
    let line = String(lines[n])
    let column = line.components(separatedBy: needle)[0].unicodeScalars.count + 1
    return "\(n + 1):\(column)"
  }

  private func questionnaire(_ sections: String) -> String {
    """
    {"formatVersion": 1, "id": "k", "version": "1", "title": {"en": "K"}, "languages": ["en"], "sections": [
    \(sections)
    ]}
    """
  }

  private func codes(_ out: Shell.Output) -> [String] {
    out.text.split(separator: "\n").compactMap { line in
      guard let open = line.range(of: "error["), let close = line[open.upperBound...].firstIndex(of: "]") ?? nil else {
        guard let w = line.range(of: "warning[") else { return nil }
        return String(line[w.upperBound...].prefix(4))
      }
      return String(line[open.upperBound..<close])
    }
  }

  @Test(
    "a question with an unknown type or a grid with a bad scale is one error: its fills and items raise nothing more")
  func noFollowOnErrors() throws {
    let out = try check(
      questionnaire(
        """
          {"id": "a", "title": {"en": "A"}, "questions": [
           {"id": "name", "type": "text", "text": {"en": "Name?"}},
           {"id": "age", "type": "numbr", "text": {"en": "How old are you, {name}?"}},
           {"id": "grid1", "type": "grid", "text": {"en": "Rate"}, "scale": {"min": 5, "max": 1, "minLabel": {"en": "a"}, "maxLabel": {"en": "b"}},
            "items": [{"id": "g1", "text": {"en": "x"}}, {"id": "g2", "text": {"en": "y"}}]},
           {"id": "after", "type": "text", "askIf": "g1 > 2 and g2 > 1", "text": {"en": "Then?"}}]}
        """))
    #expect(out.status == 1)
    #expect(codes(out) == ["E034", "E041"], "\(out.text)")
  }

  @Test("a loop without a bound is one error, with no never-holds warning on what reads it")
  func noNeverHoldsAfterErrors() throws {
    let loop = """
        {"id": "a", "title": {"en": "A"}, "questions": [{"id": "size", "type": "number", "text": {"en": "How many?"}}]},
        {"id": "person", "title": {"en": "P"}, "repeat": {"times": "size"BOUND}, "questions": [
         {"id": "age", "type": "number", "range": {"min": 0, "max": 100}, "text": {"en": "Age?"}}]},
        {"id": "b", "title": {"en": "B"}, "questions": [{"id": "old", "type": "text", "askIf": "age[2] > 50", "text": {"en": "x"}}]}
      """
    let broken = try check(questionnaire(loop.replacingOccurrences(of: "BOUND", with: "")))
    #expect(codes(broken) == ["E160"], "\(broken.text)")
    let fixed = try check(questionnaire(loop.replacingOccurrences(of: "BOUND", with: #", "max": 5"#)))
    #expect(fixed.status == 0, "\(fixed.text)")
    #expect(codes(fixed).isEmpty, "\(fixed.text)")
  }

  @Test("a misspelt loop name in a fill gets a did-you-mean; an unclosed '(' is named by line and column")
  func suggestionsAndColumns() throws {
    let json = questionnaire(
      """
        {"id": "a", "title": {"en": "A"}, "questions": [
         {"id": "modes", "type": "multipleChoice", "text": {"en": "How?"}, "options": [{"code": 1, "label": {"en": "Bus"}}]},
         {"id": "x", "type": "text", "askIf": "(modes contains 1", "text": {"en": "x"}}]},
        {"id": "mode", "title": {"en": "{mode}"}, "repeat": {"forEach": "modes"}, "questions": [
         {"id": "days", "type": "number", "text": {"en": "Days by {mod}?"}}]}
      """)
    let out = try check(json)
    #expect(out.text.contains("did you mean 'mode'?"), "\(out.text)")
    #expect(
      out.text.contains("expected ')' to close the '(' opened at \(place(of: "(modes", in: json))"), "\(out.text)")
    #expect(!out.text.contains("offset"), "\(out.text)")
  }

  @Test("a language twice in one text is an error")
  func duplicatedLanguage() throws {
    let out = try check(
      questionnaire(
        """
          {"id": "a", "title": {"en": "A"}, "questions": [
           {"id": "q", "type": "text", "text": {"en": "First", "en": "Second"}}]}
        """))
    #expect(out.status == 1)
    #expect(out.text.contains(#"error[E005]: the language "en" appears twice"#), "\(out.text)")
  }

  @Test("thousands of unknown fills, thousands of bad characters, and a minified file give short, clipped output")
  func boundedOutput() throws {
    let fills = (0..<3000).map { "{nope\($0)}" }.joined(separator: " ")
    let junk = String(repeating: "#", count: 5000) + String(repeating: "§", count: 3000)
    let json = questionnaire(
      """
        {"id": "a", "title": {"en": "A"}, "questions": [
         {"id": "q", "type": "text", "text": {"en": "\(fills)"}},
         {"id": "r", "type": "text", "askIf": "\(junk) and \(junk)", "text": {"en": "x"}}]}
      """
    ).replacingOccurrences(of: "\n", with: " ")
    let start = Date()
    let out = try check(json)
    #expect(Date().timeIntervalSince(start) < 10, "no hang")
    #expect(out.status == 1)
    #expect(codes(out).count <= 14, "\(codes(out).count) diagnostics: 10 fills, their sum, and 3 for the junk")
    #expect(out.text.contains("more fills in this text"), "\(out.text.prefix(3000))")
    #expect(out.text.contains("8000 unexpected characters"), "\(out.text.prefix(3000))")
    #expect(out.text.utf8.count < 20_000, "\(out.text.utf8.count) bytes")
    #expect(out.text.split(separator: "\n").allSatisfy { $0.count < 400 }, "every echoed line is clipped")
  }

  @Test("a times loop whose count can only be 0 warns, and check, simulate and interview run")
  func loopOfNone() throws {
    let dir = TemporaryDirectory()
    let file = dir.file("none.json")
    TestFiles.write(
      questionnaire(
        """
          {"id": "a", "title": {"en": "A"}, "questions": [
           {"id": "kids", "type": "number", "range": {"min": 0, "max": 0}, "text": {"en": "How many?"}}]},
          {"id": "kid", "title": {"en": "K"}, "repeat": {"times": "kids"}, "questions": [
           {"id": "age", "type": "number", "text": {"en": "Age?"}}]},
          {"id": "z", "title": {"en": "Z"}, "questions": [{"id": "bye", "type": "text", "required": false, "text": {"en": "Bye"}}]}
        """), to: file)
    let checked = try Shell.run("\(enkat) check \(file) 2>&1")
    #expect(checked.status == 0, "\(checked.text)")
    #expect(checked.text.contains("warning[W161]"), "\(checked.text)")
    let simulated = try Shell.run("\(enkat) simulate \(file) --cases 5 --data \(dir.path) 2>&1")
    #expect(simulated.status == 0, "\(simulated.text)")
    let interviewed = try Shell.run(
      "printf '0\\n\\n\\n' | \(enkat) interview \(file) --data \(dir.path) --station T 2>&1")
    #expect(interviewed.status == 0, "\(interviewed.text)")
    #expect(interviewed.text.contains("complete"), "\(interviewed.text)")
  }
}
