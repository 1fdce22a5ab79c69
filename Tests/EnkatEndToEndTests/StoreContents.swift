import EnkatTestSupport
import Foundation
import Testing

/// What a store holds, read through `enkat export` and Python's sqlite3, and checked against the
/// independent reader (Examples/read_responses.py) of the response files themselves.
enum StoreContents {
  /// The store as text: every case's responses in force (JSON Lines export), the cases' summary
  /// columns, conflicts and quarantine — file names and ids left out, so stores made from the
  /// same records in another order or under other names compare equal. The cases per version the
  /// store keeps (`version_counts`) must be those it has.
  static func dump(_ store: String, questionnaire: String = PackagePaths.flagship) throws -> String {
    let export = try Shell.run(
      "\(PackagePaths.enkat) export \(Shell.quote(store)) --questionnaire \(Shell.quote(questionnaire)) --format jsonl --out -"
    )
    #expect(export.status == 0, "\(export.text.prefix(500))")
    let script = """
      import sqlite3, sys
      db = sqlite3.connect(sys.argv[1])
      for sql in ["SELECT questionnaire, station, case_id, records, answers, revisions, clears, answer_ms, outcome, conflict, first_at, last_at FROM cases ORDER BY 1, 2, 3",
                  "SELECT questionnaire, station, seq, raw FROM conflicts ORDER BY 1, 2, 3, 4",
                  "SELECT kind, problem, hex(bytes) FROM quarantine ORDER BY 1, 2, 3"]:
          for row in db.execute(sql):
              print(row)
      kept = list(db.execute("SELECT questionnaire, qd, version, cases FROM version_counts WHERE cases > 0 ORDER BY 1, 2"))
      counted = list(db.execute("SELECT questionnaire, qd, MAX(version), count(*) FROM cases WHERE conflict = 0 GROUP BY 1, 2 ORDER BY 1, 2"))
      print("version counts kept", kept)
      if kept != counted:
          print("version counts kept", kept, "but counted", counted)
          sys.exit(1)
      for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'data!_%' ESCAPE '!' ORDER BY name"):
          columns = [c[1] for c in db.execute('PRAGMA table_info("%s")' % name) if c[1] != "id"]
          print(name, columns)
          for row in db.execute('SELECT %s FROM "%s" ORDER BY station, case_id' % (", ".join('"%s"' % c for c in columns), name)):
              print(row)
      """
    let out = try Shell.run("python3 -c \(Shell.quote(script)) \(Shell.quote(store))")
    #expect(out.status == 0, "\(out.text.prefix(500))")
    return export.text + out.text
  }

  /// Checks that the store's cases of `questionnaireID` are exactly those the independent reader
  /// makes of `files` (same cases, outcomes and responses in force; answers taken off the route
  /// left out, as the reader leaves them). Returns the number of responses compared.
  @discardableResult
  static func matchesIndependentReader(
    _ store: String, files: [String], questionnaire: String = PackagePaths.flagship,
    questionnaireID: String = "ssr-socialsekreterare-2019"
  ) throws -> Int {
    let export = try Shell.run(
      "\(PackagePaths.enkat) export \(Shell.quote(store)) --questionnaire \(Shell.quote(questionnaire)) --format jsonl --out -"
    )
    #expect(export.status == 0, "\(export.text.prefix(500))")
    let dir = TemporaryDirectory()
    TestFiles.write(export.text, to: dir.file("export.jsonl"))
    let reader = "\(PackagePaths.root())/Examples/read_responses.py"
    let reference = try Shell.run(
      "python3 \(reader) \(files.map(Shell.quote).joined(separator: " ")) > \(dir.file("reference.json"))")
    #expect(reference.status == 0, "\(reference.text.prefix(500))")
    let script = """
      import json, sys
      reference = json.load(open(sys.argv[1]))["cases"].get(sys.argv[3], {})
      got = {}
      for line in open(sys.argv[2], encoding="utf-8"):
          c = json.loads(line)
          responses = {}
          for q, v in c["responses"].items():
              if isinstance(v, dict) and "status" in v:
                  if v["status"] == "offRoute":
                      continue
                  v = {"missing": v["status"]}
              responses[q] = v
          outcome = None if c["outcome"] == "open" else c["outcome"]
          got.setdefault(c["station"], {})[c["case"]] = {"outcome": outcome, "responses": responses}
      if got != reference:
          for s in sorted(set(got) | set(reference)):
              for k in sorted(set(got.get(s, {})) | set(reference.get(s, {}))):
                  if got.get(s, {}).get(k) != reference.get(s, {}).get(k):
                      print("differs:", s, k, got.get(s, {}).get(k), reference.get(s, {}).get(k))
                      sys.exit(1)
          print("differs in stations", sorted(got), sorted(reference))
          sys.exit(1)
      print(sum(len(c["responses"]) for s in got.values() for c in s.values()))
      """
    let out = try Shell.run(
      "python3 -c \(Shell.quote(script)) \(dir.file("reference.json")) \(dir.file("export.jsonl")) \(questionnaireID)")
    #expect(out.status == 0, "\(out.text.prefix(1000))")
    return Int(out.text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
  }

  /// One number from a query on the store.
  /// The cases per questionnaire version the store keeps (`version_counts`, what `enkat collect`
  /// prints) and the same counted from its cases, one line per version.
  static func versionCounts(_ store: String) throws -> (kept: String, counted: String) {
    let script = """
      import sqlite3, sys
      db = sqlite3.connect(sys.argv[1])
      print(list(db.execute("SELECT questionnaire, qd, version, cases FROM version_counts WHERE cases > 0 ORDER BY 1, 2")))
      print(list(db.execute("SELECT questionnaire, qd, MAX(version), count(*) FROM cases WHERE conflict = 0 GROUP BY 1, 2 ORDER BY 1, 2")))
      """
    let out = try Shell.run("python3 -c \(Shell.quote(script)) \(Shell.quote(store))")
    let lines = out.text.split(separator: "\n").map(String.init)
    #expect(out.status == 0 && lines.count == 2, "\(out.text)")
    return (lines.first ?? "", lines.count > 1 ? lines[1] : "")
  }

  /// A simulated flagship field in `dir/name`: each station's cases drawn with `profile` (a file
  /// of Examples/) and a seed, collected into `dir/name.sqlite` with the definition, and exported
  /// to `dir/name.csv` (nil: not exported). Returns the store and the export.
  @discardableResult
  static func simulatedField(
    in dir: TemporaryDirectory, _ name: String, stations: [(station: String, cases: Int, seed: Int)],
    profile: String, today: String? = nil, export: Bool = true
  ) throws -> (store: String, export: String) {
    let enkat = PackagePaths.enkat
    let flagship = PackagePaths.flagship
    for s in stations {
      let out = try Shell.run(
        "\(enkat) simulate \(flagship) --cases \(s.cases) --seed \(s.seed) --station \(s.station) --data \(dir.file(name)) "
          + "--profile \(PackagePaths.root())/Examples/\(profile)" + (today.map { " --today \($0)" } ?? ""))
      #expect(out.status == 0, "\(out.text)")
    }
    let store = dir.file(name + ".sqlite")
    let collected = try Shell.run("\(enkat) collect \(dir.file(name)) --into \(store) --questionnaire \(flagship)")
    #expect(collected.status == 0, "\(collected.text)")
    let csv = dir.file(name + ".csv")
    if export {
      #expect(try Shell.run("\(enkat) export \(store) --questionnaire \(flagship) --out \(csv)").status == 0)
    }
    return (store, csv)
  }

  static func count(_ store: String, _ sql: String) throws -> String {
    let script = "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])"
    return try Shell.run("python3 -c \(Shell.quote(script)) \(Shell.quote(store)) \(Shell.quote(sql))").text
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
