import EnkatTestSupport
import Foundation
import Testing

@Suite("enkat codebook")
struct CodebookCommandTests {
  static let files = ["ssr-socialsekreterare-2019.json", "hushallsundersokning.json", "medborgarundersokning.json"]

  @Test(
    "the JSON codebook names columns that SQLite takes as one table, and Markdown lists every variable",
    arguments: files)
  func codebook(file: String) throws {
    let path = PackagePaths.root() + "/Questionnaires/" + file
    let json = try Shell.run("\(PackagePaths.enkat) codebook \(path) --format json")
    #expect(json.status == 0, "\(json.text.prefix(500))")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any])
    let variables = try #require(object["variables"] as? [[String: Any]])
    let names = variables.compactMap { $0["name"] as? String }
    #expect(names.count == variables.count && !names.isEmpty)
    // An independent check: Python's sqlite3 makes a table with a column per variable (SQLite
    // refuses two columns whose names differ only in case).
    let dir = TemporaryDirectory()
    let script = dir.file("table.py")
    TestFiles.write(
      """
      import json, sqlite3, sys
      names = [v["name"] for v in json.load(open(sys.argv[1]))["variables"]]
      db = sqlite3.connect(":memory:")
      db.execute("CREATE TABLE cases (%s)" % ", ".join('"%s"' % n for n in names))
      print(len(db.execute("SELECT * FROM cases").description))
      """, to: script)
    let codebookFile = dir.file("codebook.json")
    TestFiles.write(json.text, to: codebookFile)
    let table = try Shell.run("python3 \(script) \(codebookFile)")
    #expect(table.status == 0, "\(table.text)")
    #expect(table.text.trimmingCharacters(in: .whitespacesAndNewlines) == String(names.count))
    let markdown = try Shell.run("\(PackagePaths.enkat) codebook \(path) --lang en")
    #expect(markdown.status == 0)
    #expect(markdown.text.contains("| variable | question | label |"))
    for name in names { #expect(markdown.text.contains("| \(name) |"), "\(name)") }
  }
}
