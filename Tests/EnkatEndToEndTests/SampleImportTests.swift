import EnkatTestSupport
import Foundation
import Testing

/// `enkat sample import` as a field manager runs it: a register imported with its roles, contact
/// data in a table of its own, and every kind of bad file refused with its line and nothing left
/// behind.
@Suite("enkat sample import")
struct SampleImportTests {
  let enkat = PackagePaths.enkat

  static func query(_ file: String, _ sql: String) throws -> String {
    let script = "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchall())"
    return try Shell.run("python3 -c \(Shell.quote(script)) \(Shell.quote(file)) \(Shell.quote(sql))").text
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  @Test("a register is imported with its roles: ids in order, contact data apart, strata and preloads as values")
  func importsRegister() throws {
    let dir = TemporaryDirectory()
    TestFiles.write(
      "medlem;namn;telefon;omrade;region;ar\r\nM001;Anna Berg;070-1234567;1;3;12\r\nM002;\"Berg; Olle\";08-555 12 34;2;1;4\r\n",
      to: dir.file("register.csv"))
    let sample = dir.file("sample.sqlite")
    let out = try Shell.run(
      "\(enkat) sample import \(dir.file("register.csv")) --into \(sample) --id medlem --contact namn,telefon --strata omrade region"
    )
    #expect(out.status == 0 && out.text.contains("Imported 2 respondents"), "\(out.text)")
    #expect(
      try Self.query(sample, "SELECT id, line FROM respondents ORDER BY position") == "[('M001', 2), ('M002', 3)]")
    #expect(
      try Self.query(sample, "SELECT id, name, value FROM contacts WHERE id = 'M002' ORDER BY name")
        == "[('M002', 'namn', 'Berg; Olle'), ('M002', 'telefon', '08-555 12 34')]")
    #expect(
      try Self.query(sample, "SELECT name, value FROM sample_values WHERE id = 'M001' ORDER BY name")
        == "[('ar', '12'), ('omrade', '1'), ('region', '3')]")
    let show = try Shell.run("\(enkat) sample show \(sample)")
    #expect(show.status == 0 && show.text.contains("namn: contact") && show.text.contains("omrade: stratum"))
    // The same roles from a mapping file; an existing sample is never overwritten.
    TestFiles.write(
      #"{"id": "medlem", "contact": ["namn", "telefon"], "strata": ["omrade", "region"]}"#, to: dir.file("roles.json"))
    let again = try Shell.run(
      "\(enkat) sample import \(dir.file("register.csv")) --into \(sample) --mapping \(dir.file("roles.json"))")
    #expect(again.status == 73 && again.text.contains("exists already"), "\(again.text)")
    let mapped = try Shell.run(
      "\(enkat) sample import \(dir.file("register.csv")) --into \(dir.file("mapped.sqlite")) --mapping \(dir.file("roles.json"))"
    )
    #expect(mapped.status == 0, "\(mapped.text)")
    #expect(try Self.query(dir.file("mapped.sqlite"), "SELECT count(*) FROM contacts") == "[(4,)]")
  }

  @Test(
    "bad sample files are refused with their line, and nothing is imported",
    arguments: [
      ("no-id.csv", Array("namn,telefon\nA,1\n".utf8), "no-id.csv:1: error: there is no id column 'medlem'"),
      (
        "duplicate.csv", Array("medlem,namn\nM1,A\nM1,B\n".utf8),
        "duplicate.csv:3: error: the id 'M1' was given already at line 2"
      ),
      (
        "latin1.csv", Array("medlem,namn\nM1,Bj".utf8) + [0xF6, 0x72, 0x6B, 0x0A],
        "latin1.csv:2:6: error: the file is not UTF-8"
      ),
      (
        "ragged.csv", Array("medlem,namn\nM1,A\nM2,B,extra\n".utf8),
        "ragged.csv:3: error: this row has 3 fields and the header 2"
      ),
      ("empty.csv", [], "empty.csv:1: error: the file is empty"),
      (
        "linebreak.csv", Array("medlem,namn\nM1,\"Anna\nBerg\"\n".utf8),
        "linebreak.csv:2:4: error: a quoted field runs over a line break"
      ),
    ])
  func refusesBadFiles(name: String, bytes: [UInt8], expected: String) throws {
    let dir = TemporaryDirectory()
    FileManager.default.createFile(atPath: dir.file(name), contents: Data(bytes))
    let out = try Shell.run("\(enkat) sample import \(dir.file(name)) --into \(dir.file("s.sqlite")) --id medlem")
    #expect(out.status == 65, "\(out.text)")
    #expect(out.text.contains(dir.file(expected)), "\(out.text)")
    #expect(out.text.contains("nothing was imported"))
    let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0 != name }
    #expect(left.isEmpty, "nothing half-imported: \(left)")
  }

  @Test("a bad mapping file is named by line and column")
  func badMapping() throws {
    let dir = TemporaryDirectory()
    TestFiles.write("medlem,namn\nM1,A\n", to: dir.file("r.csv"))
    TestFiles.write("{\n  \"id\": \"medlem\",\n  \"contacts\": [\"namn\"]\n}", to: dir.file("m.json"))
    let out = try Shell.run(
      "\(enkat) sample import \(dir.file("r.csv")) --into \(dir.file("s.sqlite")) --mapping \(dir.file("m.json"))")
    #expect(out.status == 65 && out.text.contains("m.json:3:3: error: 'contacts' is not a member"), "\(out.text)")
    let noID = try Shell.run("\(enkat) sample import \(dir.file("r.csv")) --into \(dir.file("s.sqlite"))")
    #expect(noID.status == 64 && noID.text.contains("--id COLUMN"), "\(noID.text)")
  }
}
