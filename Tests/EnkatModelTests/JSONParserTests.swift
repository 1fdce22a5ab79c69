import Testing

@testable import EnkatModel

@Suite("JSON parsing with positions")
struct JSONParserTests {
  private func parse(_ text: String) -> Result<JSONNode, JSONParser.SyntaxError> {
    JSONParser.parse(Array(text.utf8))
  }

  @Test("values know their line and column, counting å as one column")
  func positions() throws {
    let node = try parse("{\n  \"fråga\": [1, \"två\"],\n  \"x\": null\n}").get()
    guard case .object(let members) = node.kind, case .array(let items) = members[0].value.kind else {
      Issue.record("shape"); return
    }
    #expect(members[0].keyPosition == SourcePosition(line: 2, column: 3, offset: 4))
    #expect(items[1].position.line == 2)
    #expect(items[1].position.column == 16)
    #expect(members[1].value.position.line == 3)
    #expect(members[1].value.position.column == 8)
  }

  @Test("escapes decode, including surrogate pairs")
  func escapes() throws {
    let node = try parse(#"["a\"b\\c\n\u00e5\ud83d\ude00"]"#).get()
    guard case .array(let items) = node.kind else { Issue.record("shape"); return }
    #expect(items[0].kind == .string("a\"b\\c\nå😀"))
  }

  @Test(
    "syntax errors say what and where",
    arguments: [
      ("{\"a\": 1,}", 1, 9, "expected a key"),
      ("{\"a\": 1 \"b\": 2}", 1, 9, "expected ',' or '}'"),
      ("{'a': 1}", 1, 2, "expected a key"),
      ("[1, 2", 1, 6, "the file ends inside an array"),
      ("{\"a\": 01}", 1, 7, "numbers cannot start with 0"),
      ("{\"a\": tru}", 1, 7, "expected a value"),
      ("{\"a\": \"x\n\"}", 1, 9, "a line break inside a string"),
      ("{} {}", 1, 4, "unexpected text after"),
      ("", 1, 1, "the file ends where a value was expected"),
    ])
  func syntaxErrors(text: String, line: Int, column: Int, message: String) {
    guard case .failure(let e) = parse(text) else { Issue.record("\(text) parsed"); return }
    #expect(e.position.line == line)
    #expect(e.position.column == column, "\(text): \(e)")
    #expect(e.message.contains(message), "\(e.message)")
  }

  @Test("deep nesting is an error, not a stack overflow")
  func deepNesting() {
    let text = String(repeating: "[", count: 100_000)
    guard case .failure(let e) = parse(text) else { Issue.record("parsed"); return }
    #expect(e.message.contains("nested"))
  }

  @Test("invalid UTF-8 in a string is reported, not trapped")
  func invalidUTF8() {
    let bytes: [UInt8] = Array("[\"".utf8) + [0xFF, 0xFE] + Array("\"]".utf8)
    guard case .failure(let e) = JSONParser.parse(bytes) else { Issue.record("parsed"); return }
    #expect(e.message.contains("UTF-8"))
  }
}
