import Testing

@testable import EnkatFieldwork

/// Reading a register as a sample: separators, quoting, roles, and every kind of bad file named
/// by its line (the `enkat sample import` tests check that nothing is then imported).
@Suite("Sample files")
struct SampleTableTests {
  let roles = SampleTable.Roles(id: "member", contact: ["name", "phone"], strata: ["area"])

  func parse(_ text: String, _ roles: SampleTable.Roles? = nil) -> Result<SampleTable, SampleTable.Problems> {
    SampleTable.parse(Array(text.utf8), roles: roles ?? self.roles)
  }

  func problems(_ text: String) -> [String] {
    guard case .failure(let p) = parse(text) else { return [] }
    return p.problems.map(\.description)
  }

  @Test("comma, semicolon and tab separated files with quotes, CRLF and a byte order mark read alike")
  func separatorsAndQuotes() throws {
    let expected = [["M1", "Berg, Anna", "070-1", "1", "12"], ["M2", "Ek \"Olle\"", "08-2", "2", ""]]
    for separator in [",", ";", "\t"] {
      let text =
        "\u{FEFF}member\(separator)name\(separator)phone\(separator)area\(separator)years\r\n"
        + "M1\(separator)\"Berg, Anna\"\(separator)070-1\(separator)1\(separator)12\r\n"
        + "M2\(separator)\"Ek \"\"Olle\"\"\"\(separator)08-2\(separator)2\(separator)\r\n"
      let table = try parse(text).get()
      #expect(table.rows.map(\.values) == expected, "separator \(separator)")
      #expect(table.rows.map(\.line) == [2, 3])
      #expect(table.columns.map(\.role) == [.id, .contact, .contact, .stratum, .variable])
    }
  }

  @Test("a missing id column, duplicate or empty ids and ragged rows are named by line, all at once")
  func rowProblems() {
    #expect(
      problems("name,phone,area\nA,1,1\n") == [
        "1: error: there is no id column 'member'; the header has 'name', 'phone', 'area'"
      ])
    let lines = problems("member,name,phone,area\nM1,A,1,1\nM1,B,2,1\nM3,C,3\n,D,4,2\nM5,E,5,2,9\n")
    #expect(lines.contains("3: error: the id 'M1' was given already at line 2"))
    #expect(lines.contains { $0.hasPrefix("4: error: this row has 3 fields and the header 4") })
    #expect(lines.contains("5: error: this row has no id in 'member'"))
    #expect(lines.contains { $0.hasPrefix("6: error: this row has 5 fields") })
  }

  @Test("an empty file, a header alone, a non-UTF-8 file and a quoted line break are refused with their place")
  func fileProblems() {
    #expect(problems("") == ["1: error: the file is empty: it needs a header line and a row per respondent"])
    #expect(problems("member,name,phone,area\n") == ["1: error: the file has a header but no respondents"])
    guard
      case .failure(let latin1) = SampleTable.parse(
        Array("member,name,phone,area\nM1,Bj".utf8) + [0xF6, 0x72, 0x6B, 0x2C, 0x31, 0x2C, 0x31], roles: roles)
    else {
      Issue.record("a Latin-1 file was read")
      return
    }
    #expect(
      latin1.problems.map(\.description) == [
        "2:6: error: the file is not UTF-8 (byte 0xF6); save it as UTF-8 (in Excel: CSV UTF-8)"
      ])
    #expect(
      problems("member,name,phone,area\nM1,\"Anna\nBerg\",1,1\n")
        == ["2:4: error: a quoted field runs over a line break (to line 3); a sample field must be on one line"])
    #expect(problems("member,name,phone,area\nM1,\"Anna,1,1") == ["2:4: error: a quoted field is never closed"])
  }

  @Test("more than twenty problems are listed as twenty and a count")
  func manyProblems() {
    let text = "member,name,phone,area\n" + (1...30).map { _ in "M1,A,1,1" }.joined(separator: "\n")
    let lines = problems(text)
    #expect(lines.count == 21 && lines.last?.contains("… and 9 more problems") == true, "\(lines)")
  }
}
