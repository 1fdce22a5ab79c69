import EnkatLog
import EnkatTestSupport
import Foundation
import Testing

@Suite("enkat export")
struct ExportCommandTests {
  let enkat = PackagePaths.enkat
  let flagship = PackagePaths.flagship

  @Test(
    "the wide CSV has a row per case and the codebook's columns, agrees with the store, and is the same bytes whatever the collect order"
  )
  func wideCSV() throws {
    let dir = TemporaryDirectory()
    for (station, cases, seed) in [("S1", 60, 1), ("S2", 40, 2)] {
      let out = try Shell.run(
        "\(enkat) simulate \(flagship) --cases \(cases) --seed \(seed) --station \(station) --data \(dir.file("field"))"
      )
      #expect(out.status == 0)
    }
    let s1 = ResponseLogWriter.path(
      directory: dir.file("field"), questionnaireID: "ssr-socialsekreterare-2019", station: "S1")
    let s2 = ResponseLogWriter.path(
      directory: dir.file("field"), questionnaireID: "ssr-socialsekreterare-2019", station: "S2")
    let a = dir.file("a.sqlite")
    let b = dir.file("b.sqlite")
    #expect(try Shell.run("\(enkat) collect \(s1) \(s2) --into \(a)").status == 0)
    #expect(try Shell.run("\(enkat) collect \(s2) --into \(b)").status == 0)
    #expect(try Shell.run("\(enkat) collect \(s1) --into \(b)").status == 0)
    for (store, csv) in [(a, dir.file("a.csv")), (b, dir.file("b.csv"))] {
      let out = try Shell.run("\(enkat) export \(store) --questionnaire \(flagship) --out \(csv)")
      #expect(out.status == 0, "\(out.text)")
    }
    #expect(TestFiles.bytes(dir.file("a.csv")) == TestFiles.bytes(dir.file("b.csv")), "byte-identical exports")
    let codebook = dir.file("codebook.json")
    TestFiles.write(try Shell.run("\(enkat) codebook \(flagship) --format json").text, to: codebook)
    // Checked by Python's csv against the independent reader of the response files.
    let reference = dir.file("reference.json")
    #expect(
      try Shell.run("python3 \(PackagePaths.root())/Examples/read_responses.py \(s1) \(s2) > \(reference)").status == 0)
    let script = """
      import csv, json, sys
      rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
      names = [v["name"] for v in json.load(open(sys.argv[2]))["variables"]]
      variables = {v["name"]: v for v in json.load(open(sys.argv[2]))["variables"]}
      assert rows[0] == ["station", "case", "outcome"] + names, rows[0][:6]
      cases = json.load(open(sys.argv[3]))["cases"]["ssr-socialsekreterare-2019"]
      assert len(rows) - 1 == sum(len(c) for c in cases.values())
      checked = 0
      for row in rows[1:]:
          cells = dict(zip(rows[0], row))
          for q, value in cases[row[0]][row[1]]["responses"].items():
              missing = value.get("missing") if isinstance(value, dict) else None
              if q in variables and variables[q]["content"] == "answer" and missing is None and not isinstance(value, (str, list)):
                  assert cells[q] == json.dumps(value), (row[1], q, cells[q], value)
                  checked += 1
              if isinstance(value, list):
                  for name, v in variables.items():
                      if v["question"] == q and v["content"] == "option":
                          assert cells[name] == ("1" if v["option"] in value else "0"), (row[1], name)
                          checked += 1
              if missing in ("dontKnow", "refused") and q in variables:
                  code = [m["code"] for m in variables[q]["missing"] if m["kind"] == missing][0]
                  assert cells[q] == str(code), (row[1], q, cells[q])
                  checked += 1
      print(checked)
      """
    let check = try Shell.run("python3 -c \(Shell.quote(script)) \(dir.file("a.csv")) \(codebook) \(reference)")
    #expect(check.status == 0, "\(check.text)")
    #expect((Int(check.text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 1000, "\(check.text)")
  }
}

extension ExportCommandTests {
  @Test("a data table changed by hand is not read: the CSV and the .sav come from the histories, as before")
  func dataTableChangedByHand() throws {
    let dir = TemporaryDirectory()
    #expect(
      try Shell.run("\(enkat) simulate \(flagship) --cases 30 --seed 7 --station S1 --data \(dir.file("field"))").status
        == 0)
    let store = dir.file("field.sqlite")
    #expect(
      try Shell.run("\(enkat) collect \(dir.file("field")) --into \(store) --questionnaire \(flagship)").status == 0)
    let before = try Shell.run("\(enkat) export \(store) --questionnaire \(flagship) --out -")
    #expect(before.status == 0)
    let table = "data_ssr_socialsekreterare_2019"
    let altered = try Shell.run(
      "python3 -c \(Shell.quote("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('ALTER TABLE \(table) ADD COLUMN extra INTEGER DEFAULT 7'); c.commit()")) \(store)"
    )
    #expect(altered.status == 0, "\(altered.text)")
    let after = try Shell.run("\(enkat) export \(store) --questionnaire \(flagship) --out -")
    #expect(after.status == 0 && after.text == before.text, "\(after.text.prefix(500))")
    let sav = dir.file("field.sav")
    let exported = try Shell.run("\(enkat) export \(store) --questionnaire \(flagship) --format sav --out \(sav)")
    #expect(exported.status == 0, "\(exported.text.suffix(800))")
    let rows = try Shell.run(
      "python3 -c \(Shell.quote("import pyreadstat, sys; d, m = pyreadstat.read_sav(sys.argv[1], output_format='dict'); print(len(d['case']), 'extra' in d)")) \(sav)"
    )
    #expect(rows.text.trimmingCharacters(in: .whitespacesAndNewlines) == "30 False", "\(rows.text)")
  }
}

@Suite("enkat export to SPSS")
struct SavExportTests {
  @Test(
    "the .sav is read back by pyreadstat and GNU PSPP with labels, measures, user-missing values and the CSV's data")
  func sav() throws {
    let dir = TemporaryDirectory()
    let enkat = PackagePaths.enkat
    let flagship = PackagePaths.flagship
    #expect(
      try Shell.run("\(enkat) simulate \(flagship) --cases 80 --seed 4 --station S1 --data \(dir.file("field"))").status
        == 0)
    let store = dir.file("field.sqlite")
    #expect(try Shell.run("\(enkat) collect \(dir.file("field")) --into \(store)").status == 0)
    let sav = dir.file("field.sav")
    let csv = dir.file("field.csv")
    let exported = try Shell.run("\(enkat) export \(store) --questionnaire \(flagship) --format sav --out \(sav)")
    #expect(exported.status == 0, "\(exported.text)")
    #expect(try Shell.run("\(enkat) export \(store) --questionnaire \(flagship) --out \(csv)").status == 0)
    let script = """
      import csv, math, sys
      import pyreadstat
      data, meta = pyreadstat.read_sav(sys.argv[1], user_missing=True, output_format="dict")
      rows = list(csv.reader(open(sys.argv[2], newline="", encoding="utf-8")))
      assert list(data) == rows[0], (list(data)[:5], rows[0][:5])
      assert meta.variable_value_labels["area"][1.0] == "Ekonomiskt bistånd"
      assert meta.variable_value_labels["satisfaction"][98.0] == "Vet ej"
      assert meta.missing_ranges["satisfaction"] == [{"lo": 98.0, "hi": 98.0}, {"lo": 99.0, "hi": 99.0}]
      assert meta.variable_measure["satisfaction"] == "ordinal" and meta.variable_measure["area"] == "nominal"
      assert meta.column_names_to_labels["area"] == "Inom vilket område arbetar du huvudsakligen?"
      compared = 0
      for i, row in enumerate(rows[1:]):
          for name, cell in zip(rows[0], row):
              value = data[name][i]
              if value is None:  # system-missing
                  assert cell == "", (name, i, cell)
              elif isinstance(value, float):
                  expected = float(cell) if cell != "" else None
                  assert (math.isnan(value) and expected is None) or value == expected, (name, i, value, cell)
              else:
                  assert value == cell, (name, i, value, cell)
              compared += 1
      print(compared)
      """
    let read = try Shell.run("python3 -c \(Shell.quote(script)) \(sav) \(csv)")
    #expect(read.status == 0, "\(read.text.suffix(1500))")
    #expect((Int(read.text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) == 80 * 40, "\(read.text)")
    let syntax = dir.file("check.sps")
    TestFiles.write(
      "GET FILE='\(sav)'.\nDISPLAY DICTIONARY /VARIABLES=area satisfaction.\nFREQUENCIES VARIABLES=satisfaction.\n",
      to: syntax)
    let pspp = try Shell.run("pspp -O format=txt \(syntax)")
    #expect(pspp.status == 0, "\(pspp.text.suffix(1500))")
    #expect(pspp.text.contains("User-missing value"), "\(pspp.text.prefix(3000))")
    #expect(pspp.text.contains("Ekonomiskt bistånd"), "\(pspp.text.prefix(3000))")
    #expect(pspp.text.contains("Ordinal"), "\(pspp.text.prefix(3000))")
    #expect(pspp.text.contains("N Valid"), "\(pspp.text.prefix(3000))")
  }
}

@Suite("enkat export, long and JSON Lines")
struct LongExportTests {
  let questionnaire = """
    {"formatVersion": 1, "id": "rev", "version": "1", "title": {"en": "R"}, "languages": ["en"],
     "missingCodes": [{"kind": "dontKnow", "code": 98, "label": {"en": "Don't know"}}], "allowMissing": ["dontKnow"],
     "sections": [{"id": "s", "title": {"en": "S"}, "questions": [
       {"id": "works", "type": "singleChoice", "text": {"en": "Do you work?"},
        "options": [{"code": 1, "label": {"en": "Yes"}}, {"code": 2, "label": {"en": "No"}}]},
       {"id": "hours", "type": "number", "askIf": "works = 1", "text": {"en": "Hours a week?"}},
       {"id": "note", "type": "text", "required": false, "text": {"en": "Anything else, \\"really\\"?"}}]}]}
    """

  @Test("an answer a revision took off the route is exported as offRoute, distinct from don't know and no answer")
  func offRoute() throws {
    let dir = TemporaryDirectory()
    let q = dir.file("rev.json")
    TestFiles.write(questionnaire, to: q)
    let enkat = PackagePaths.enkat
    let interview = "\(enkat) interview \(q) --data \(dir.file("field")) --station S1"
    // works = yes, hours = 40, then back to works = no: hours is cleared as off route.
    #expect(try Shell.run("printf '1\\n40\\n/back\\n/back\\n2\\n\\n\\n' | \(interview)").status == 0)
    #expect(try Shell.run("printf '/dk\\nSå, \"sa hon\"\\n\\n' | \(interview)").status == 0)
    let store = dir.file("s.sqlite")
    #expect(try Shell.run("\(enkat) collect \(dir.file("field")) --into \(store)").status == 0)
    let jsonl = try Shell.run("\(enkat) export \(store) --questionnaire \(q) --format jsonl --out -")
    let lines = jsonl.text.split(separator: "\n").map(String.init)
    #expect(lines.count == 2, "\(jsonl.text)")
    let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    let responses = try #require(first["responses"] as? [String: Any])
    #expect(responses["works"] as? Int == 2)
    #expect((responses["hours"] as? [String: String]) == ["status": "offRoute"], "\(lines[0])")
    #expect((responses["note"] as? [String: String]) == ["status": "noAnswer"], "\(lines[0])")
    let second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
    let secondResponses = try #require(second["responses"] as? [String: Any])
    #expect((secondResponses["works"] as? [String: String]) == ["status": "dontKnow"])
    #expect(secondResponses["note"] as? String == "Så, \"sa hon\"")
    let long = try Shell.run("\(enkat) export \(store) --questionnaire \(q) --format csv-long --out -")
    #expect(long.text.contains("S1,S1-0001,complete,hours,,offRoute\r\n"), "\(long.text)")
    #expect(long.text.contains("S1,S1-0002,complete,note,\"Så, \"\"sa hon\"\"\",\r\n"), "\(long.text)")
    let wide = try Shell.run("\(enkat) export \(store) --questionnaire \(q) --out -")
    #expect(wide.text.contains("S1,S1-0001,complete,2,,\r\n"), "\(wide.text)")
    #expect(wide.text.contains("S1,S1-0002,complete,98,,\"Så, \"\"sa hon\"\"\"\r\n"), "\(wide.text)")
  }
}
