import EnkatTestSupport
import Foundation
import Testing

/// Questionnaire versions in one store, and the store made again from its files.
@Suite("enkat collect with several questionnaire versions, and --rebuild")
struct CollectVersionsTests {
  let enkat = PackagePaths.enkat

  /// The flagship as version 1.0.0, a compatible 1.1.0 (a changed title) and an incompatible
  /// 2.0.0 (a question removed), with 20, 20 and 10 simulated cases on stations S1, S2, S3.
  private func field(_ dir: TemporaryDirectory) throws -> (v1: String, v2: String, v3: String) {
    let script = """
      import json, sys
      q = json.load(open(sys.argv[1]))
      q2 = json.loads(json.dumps(q)); q2["version"] = "1.1.0"; q2["title"]["sv"] += " (rev)"
      q3 = json.loads(json.dumps(q)); q3["version"] = "2.0.0"
      for section in q3["sections"]:
          section["questions"] = [x for x in section["questions"] if x["id"] != "gender"]
      json.dump(q2, open(sys.argv[2], "w"), ensure_ascii=False)
      json.dump(q3, open(sys.argv[3], "w"), ensure_ascii=False)
      """
    mkdir(dir.file("defs"), 0o700)
    let (v1, v2, v3) = (PackagePaths.flagship, dir.file("defs/v2.json"), dir.file("v3.json"))
    #expect(try Shell.run("python3 -c \(Shell.quote(script)) \(v1) \(v2) \(v3)").status == 0)
    for (file, station, cases) in [(v1, "S1", 20), (v2, "S2", 20), (v3, "S3", 10)] {
      let out = try Shell.run(
        "\(enkat) simulate \(file) --cases \(cases) --station \(station) --data \(dir.file("field"))")
      #expect(out.status == 0, "\(out.text)")
    }
    return (v1, v2, v3)
  }

  @Test(
    "versions are told apart by digest; an export takes its own and the compatible known ones, and says why not the rest"
  )
  func versions() throws {
    let dir = TemporaryDirectory()
    let (v1, v2, v3) = try field(dir)
    let store = dir.file("store.sqlite")
    let first = try Shell.run("\(enkat) collect \(dir.file("field")) --into \(store) --questionnaire \(v1) 2>&1")
    #expect(first.status == 0, "\(first.text)")
    #expect(first.text.contains("version 1.0.0 (b76bc54146e9667e): 20 cases, definition kept"), "\(first.text)")
    #expect(first.text.contains("version 1.1.0 ("), "\(first.text)")
    #expect(first.text.contains("version 2.0.0 (") && first.text.contains("10 cases, no definition"), "\(first.text)")
    // 1.1.0: its own 20 cases and 1.0.0's (known, compatible); 2.0.0's definition is not known.
    let a = try Shell.run("\(enkat) export \(store) --questionnaire \(v2) --out \(dir.file("a.csv")) 2>&1")
    #expect(a.text.contains("40 cases"), "\(a.text)")
    #expect(a.text.contains("10 cases recorded with version 2.0.0") && a.text.contains("no definition"), "\(a.text)")
    // With every definition: 2.0.0's answers fit 1.1.0 (a question fewer), so 50 cases.
    let again = try Shell.run(
      "\(enkat) collect \(dir.file("field")) --into \(store) --questionnaire \(dir.file("defs")) --questionnaire \(v3) 2>&1"
    )
    #expect(again.status == 0 && again.text.contains("files: 0 read"), "\(again.text)")
    let b = try Shell.run("\(enkat) export \(store) --questionnaire \(v2) --out \(dir.file("b.csv")) 2>&1")
    #expect(b.text.contains("50 cases") && !b.text.contains("warning"), "\(b.text)")
    // 2.0.0 has no 'gender': the earlier versions' cases are kept apart, each with the way out.
    let c = try Shell.run("\(enkat) export \(store) --questionnaire \(v3) --out \(dir.file("c.csv")) 2>&1")
    #expect(c.text.contains("10 cases of"), "\(c.text)")
    #expect(c.text.contains("20 cases recorded with version 1.0.0"), "\(c.text)")
    #expect(c.text.contains("E201 gender") && c.text.contains("export them with --questionnaire \(v1)"), "\(c.text)")
    let header = TestFiles.text(dir.file("c.csv")).split(separator: "\r\n").first ?? ""
    #expect(!header.contains("gender"), "\(header)")
    // A definition that does not pass enkat check is refused by name; the rest is collected.
    TestFiles.write("{\"formatVersion\": 1}", to: dir.file("broken.json"))
    let broken = try Shell.run(
      "\(enkat) collect \(dir.file("field")) --into \(store) --questionnaire \(dir.file("broken.json")) 2>&1")
    #expect(broken.status == 1 && broken.text.contains("broken.json: not a valid questionnaire"), "\(broken.text)")
  }

  @Test("the store's data table holds what the export holds, and follows later collects and definitions")
  func dataTable() throws {
    let dir = TemporaryDirectory()
    let (v1, v2, _) = try field(dir)
    let store = dir.file("store.sqlite")
    let first = try Shell.run(
      "\(enkat) collect \(dir.file("field/ssr-socialsekreterare-2019.S1.jsonl")) --into \(store) --questionnaire \(v1)")
    #expect(first.status == 0, "\(first.text)")
    let check = """
      import csv, sqlite3, sys
      db = sqlite3.connect(sys.argv[1])
      rows = {(r[0], r[1]): r for r in db.execute("SELECT * FROM data_ssr_socialsekreterare_2019")}
      columns = [c[1] for c in db.execute('PRAGMA table_info("data_ssr_socialsekreterare_2019")')]
      exported = list(csv.DictReader(open(sys.argv[2], newline="", encoding="utf-8")))
      assert len(exported) == len(rows), (len(exported), len(rows))
      table = {(r[columns.index("station")], r[columns.index("case_id")]): r for r in rows.values()}
      checked = 0
      for e in exported:
          r = table[(e["station"], e["case"])]
          for name, value in e.items():
              if name in ("station", "case"):
                  continue
              got = r[columns.index(name)]
              if isinstance(got, float) and got == int(got):
                  got = int(got)
              assert ("" if got is None else str(got)) == value, (e["case"], name, got, value)
              checked += 1
      print(len(rows), checked)
      """
    func agree(_ questionnaire: String) throws -> String {
      let csv = dir.file("export.csv")
      #expect(try Shell.run("\(enkat) export \(store) --questionnaire \(questionnaire) --out \(csv)").status == 0)
      let out = try Shell.run("python3 -c \(Shell.quote(check)) \(store) \(csv)")
      #expect(out.status == 0, "\(out.text)")
      return out.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    #expect(try agree(v1).hasPrefix("20 "))
    // A later collect adds S2's 20 cases of version 1.1.0, whose definition is not kept yet.
    #expect(try Shell.run("\(enkat) collect \(dir.file("field")) --into \(store)").status == 0)
    #expect(try agree(v1).hasPrefix("20 "))
    // With 1.1.0 given, the table is made again for it: its cases and 1.0.0's (compatible).
    #expect(try Shell.run("\(enkat) collect \(dir.file("field")) --into \(store) --questionnaire \(v2)").status == 0)
    #expect(try agree(v2).hasPrefix("40 "))
  }

  @Test("--rebuild makes the same store from its files and definitions, and refuses when a file is gone")
  func rebuild() throws {
    let dir = TemporaryDirectory()
    let (v1, v2, _) = try field(dir)
    let store = dir.file("store.sqlite")
    let collected = try Shell.run(
      "\(enkat) collect \(dir.file("field")) --into \(store) --questionnaire \(v1) --questionnaire \(v2)")
    #expect(collected.status == 0, "\(collected.text)")
    let before = try StoreContents.dump(store, questionnaire: v2)
    let rebuilt = try Shell.run("\(enkat) collect --rebuild --into \(store) 2>&1")
    #expect(rebuilt.status == 0, "\(rebuilt.text)")
    #expect(rebuilt.text.contains("rebuilt") && rebuilt.text.contains("definition kept"), "\(rebuilt.text)")
    #expect(try StoreContents.dump(store, questionnaire: v2) == before, "the same store, made again")
    // A file the store was made from is gone: nothing changes.
    unlink(dir.file("field/ssr-socialsekreterare-2019.S2.jsonl"))
    let refused = try Shell.run("\(enkat) collect --rebuild --into \(store) 2>&1")
    #expect(refused.status == 1, "\(refused.text)")
    #expect(refused.text.contains("ssr-socialsekreterare-2019.S2.jsonl") && refused.text.contains("unchanged"))
    #expect(try StoreContents.dump(store, questionnaire: v2) == before)
    #expect(!FileManager.default.fileExists(atPath: store + ".rebuild"))
  }
}
