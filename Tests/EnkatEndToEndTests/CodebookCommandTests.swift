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

@Suite("enkat codebook of a store")
struct StoreCodebookTests {
  @Test("a store's codebook counts what the export holds, in Markdown and in a self-contained HTML page")
  func counts() throws {
    let dir = TemporaryDirectory()
    let enkat = PackagePaths.enkat
    let flagship = PackagePaths.flagship
    #expect(
      try Shell.run("\(enkat) simulate \(flagship) --cases 80 --seed 4 --station S1 --data \(dir.file("field"))")
        .status == 0)
    let store = dir.file("store.sqlite")
    #expect(try Shell.run("\(enkat) collect \(dir.file("field")) --into \(store)").status == 0)
    let none = try Shell.run("\(enkat) codebook \(store) 2>&1")
    #expect(none.status == 1 && none.text.contains("keeps no questionnaire definition"), "\(none.text)")
    #expect(
      try Shell.run("\(enkat) collect \(dir.file("field")) --into \(store) --questionnaire \(flagship)").status == 0)
    let md = try Shell.run("\(enkat) codebook \(store)")
    #expect(md.status == 0 && md.text.contains("Counts of 80 cases."), "\(md.text.prefix(400))")
    #expect(
      try Shell.run("\(enkat) export \(store) --questionnaire \(flagship) --out \(dir.file("cases.csv"))").status == 0)
    // Python counts the export's `area` column and `threatKind_1`; the codebook must say the same.
    let script = """
      import collections, csv, sys
      rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
      area = collections.Counter(r["area"] for r in rows)
      chosen = sum(r["threatKind_1"] == "1" for r in rows)
      print(" ".join("%s:%d" % (k, area[k]) for k in ["1", "2", "3", "4", "5", "99", ""]), chosen)
      """
    let python = try Shell.run("python3 -c \(Shell.quote(script)) \(dir.file("cases.csv"))")
    let parts = python.text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
    let line = try #require(md.text.split(separator: "\n").first { $0.hasPrefix("| area |") })
    let counted = String(
      line.split(separator: "|").last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) ?? "")
    let labels = [
      "1 Ekonomiskt bistånd", "2 Barn och unga", "3 Vuxna/missbruk", "4 Äldre/funktionsnedsättning",
      "5 Annat område", "99 Vill inte svara", "empty",
    ]
    for (label, part) in zip(labels, parts.prefix(7)) {
      #expect(counted.contains("\(label) \(part.split(separator: ":").last ?? "")"), "\(label): \(counted)")
    }
    let threat = try #require(md.text.split(separator: "\n").first { $0.hasPrefix("| threatKind_1 |") })
    #expect(threat.contains("chosen \(parts[7])"), "\(threat)")
    let html = try Shell.run("\(enkat) codebook \(store) --format html")
    #expect(html.status == 0)
    #expect(html.text.hasPrefix("<!DOCTYPE html>") && html.text.contains("lang=\"en\""))
    #expect(!html.text.contains("http://") && !html.text.contains("https://") && !html.text.contains("<script"))
    let parsed = try Shell.run(
      "python3 -c \(Shell.quote("import html.parser, sys; p = html.parser.HTMLParser(); p.feed(sys.stdin.read()); print('ok')")) <<'EOF'\n\(html.text)\nEOF"
    )
    #expect(parsed.text.contains("ok"))
  }
}
