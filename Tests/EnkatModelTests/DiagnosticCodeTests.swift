import EnkatTestSupport
import Foundation
import Testing

@testable import EnkatModel

@Suite("One code per kind of problem, each documented with an example")
struct DiagnosticCodeTests {
  @Test("the codes are unique, and docs/questionnaire-format.md lists each with its summary and example")
  func documented() {
    let codes = DiagnosticCode.all.map(\.code)
    #expect(Set(codes).count == codes.count)
    let docs = TestFiles.text(PackagePaths.root() + "/docs/questionnaire-format.md")
    for entry in DiagnosticCode.all {
      let row =
        "| \(entry.code) | \(entry.summary.replacingOccurrences(of: "|", with: "\\|")) | `\(entry.example.replacingOccurrences(of: "|", with: "\\|"))` |"
      #expect(docs.contains(row), "docs lack: \(row)")
    }
  }

  @Test("every code the sources report is in the table, and every code in the table is reported somewhere")
  func everyCodeInTable() throws {
    let root = PackagePaths.root() + "/Sources"
    let enumerator = FileManager.default.enumerator(atPath: root)!
    var used = Set<String>()
    let pattern = try NSRegularExpression(pattern: #""([EWP][0-9]{3})""#)
    while let file = enumerator.nextObject() as? String {
      guard file.hasSuffix(".swift"), !file.hasSuffix("DiagnosticCode.swift") else { continue }
      let text = TestFiles.text(root + "/" + file)
      for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        used.insert(String(text[Range(match.range(at: 1), in: text)!]))
      }
    }
    let table = Set(DiagnosticCode.all.map(\.code))
    #expect(used.subtracting(table).isEmpty, "not in the table: \(used.subtracting(table).sorted())")
    #expect(!used.contains("E015"), "E015 stood for 35 problems; each has its own code now")
    #expect(table.subtracting(used).isEmpty, "in the table but never reported: \(table.subtracting(used).sorted())")
  }
}
