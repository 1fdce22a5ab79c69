import EnkatTestSupport
import Foundation
import Testing

/// `enkat rates` on a simulated field with break-offs and suspended interviews, plus the
/// non-interviews of a dispositions file, against the AAPOR formulas computed independently in
/// Python from the store's cases table.
@Suite("enkat rates")
struct ResponseRatesCommandTests {
  let enkat = PackagePaths.enkat
  let flagship = PackagePaths.flagship

  /// The rule of docs/analysis.md and the Standard Definitions' formulas, written again.
  static let check = #"""
    import json, sqlite3, statistics, sys
    store, dispositions, share, e_given = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
    rows = sqlite3.connect(store).execute(
        "SELECT outcome, max(answers - revisions - clears, 0) FROM cases WHERE conflict = 0").fetchall()
    done = [a for o, a in rows if o == "complete"]
    threshold = share * statistics.median(done) if done else None
    d = dict.fromkeys(["I", "P", "R", "NC", "O", "UH", "UO", "NE"], 0)
    for o, a in rows:
        if o == "complete": d["I"] += 1
        elif threshold is not None and a >= threshold: d["P"] += 1
        else: d["R"] += 1
    for k, v in json.load(open(dispositions)).items(): d[k] += v
    I, P, R, NC, O, U, NE = d["I"], d["P"], d["R"], d["NC"], d["O"], d["UH"] + d["UO"], d["NE"]
    e = float(e_given) if e_given != "-" else (I + P + R + NC + O) / (I + P + R + NC + O + NE)
    rates = {
        "RR1": I / (I + P + R + NC + O + U), "RR2": (I + P) / (I + P + R + NC + O + U),
        "RR3": I / (I + P + R + NC + O + e * U), "RR4": (I + P) / (I + P + R + NC + O + e * U),
        "RR5": I / (I + P + R + NC + O), "RR6": (I + P) / (I + P + R + NC + O),
        "COOP1": I / (I + P + R + O), "COOP2": (I + P) / (I + P + R + O),
        "COOP3": I / (I + P + R), "COOP4": (I + P) / (I + P + R),
        "REF1": R / (I + P + R + NC + O + U), "REF2": R / (I + P + R + NC + O + e * U), "REF3": R / (I + P + R + NC + O),
        "CON1": (I + P + R + O) / (I + P + R + O + NC + U), "CON2": (I + P + R + O) / (I + P + R + O + NC + e * U),
        "CON3": (I + P + R + O) / (I + P + R + O + NC),
    }
    print(json.dumps({"dispositions": d, "e": e, "rates": rates}))
    """#

  @Test("the rates of interviews and dispositions agree with the Standard Definitions computed independently")
  func ratesAgree() throws {
    let dir = TemporaryDirectory()
    let profile =
      try JSONSerialization.jsonObject(
        with: Data(TestFiles.bytes(PackagePaths.root() + "/Examples/ssr-2019-profile.json"))) as? [String: Any] ?? [:]
    var endings = profile
    endings["breakOff"] = 8
    endings["suspend"] = 4
    try JSONSerialization.data(withJSONObject: endings).write(to: URL(fileURLWithPath: dir.file("profile.json")))
    let simulated = try Shell.run(
      "\(enkat) simulate \(flagship) --cases 400 --seed 3 --station R1 --data \(dir.file("field")) --profile \(dir.file("profile.json"))"
    )
    #expect(simulated.status == 0 && simulated.text.contains("breakOff"), "\(simulated.text)")
    let store = dir.file("field.sqlite")
    #expect(
      try Shell.run("\(enkat) collect \(dir.file("field")) --into \(store) --questionnaire \(flagship)").status == 0)
    TestFiles.write(#"{ "NC": 240, "R": 31, "O": 4, "UH": 17, "UO": 55, "NE": 9 }"#, to: dir.file("calls.json"))
    TestFiles.write(Self.check, to: dir.file("check.py"))
    for (e, partial) in [(nil, 0.5), (0.7, 0.8)] as [(Double?, Double)] {
      let ours = try Shell.run(
        "\(enkat) rates \(store) --dispositions \(dir.file("calls.json")) --partial \(partial) --format json --lang en"
          + (e.map { " --e \($0)" } ?? ""))
      #expect(ours.status == 0, "\(ours.text)")
      let table = try JSONSerialization.jsonObject(with: Data(ours.text.utf8)) as? [String: Any] ?? [:]
      let rows = table["rows"] as? [[String: Any]] ?? []
      let python = try Shell.run(
        "python3 \(dir.file("check.py")) \(store) \(dir.file("calls.json")) \(partial) \(e.map { "\($0)" } ?? "-")")
      #expect(python.status == 0, "\(python.text)")
      let expected = try JSONSerialization.jsonObject(with: Data(python.text.utf8)) as? [String: Any] ?? [:]
      let rates = expected["rates"] as? [String: Double] ?? [:]
      let counts = expected["dispositions"] as? [String: Double] ?? [:]
      #expect(counts["P", default: 0] > 0 && counts["R", default: 0] > 31, "break-offs of both kinds: \(counts)")
      for (code, n) in counts {
        let row = rows.first { ($0["label"] as? String)?.hasPrefix("\(code):") == true }
        #expect((row?["values"] as? [Any])?.first as? Double == n, "\(code)")
      }
      #expect(rates.count == 16)
      for (name, value) in rates {
        let row = rows.first { ($0["label"] as? String)?.hasPrefix("\(name):") == true }
        let ours = (row?["values"] as? [Any])?.last as? Double
        #expect(abs((ours ?? .nan) - 100 * value) < 1e-9, "\(name): \(ours ?? .nan) vs \(100 * value)")
      }
      let statistics = table["statistics"] as? [String: Any]
      #expect(abs((statistics?["e"] as? Double ?? .nan) - (expected["e"] as? Double ?? 0)) < 1e-12)
    }
  }

  @Test("a wrong dispositions file, e or threshold is refused with what is wrong and where")
  func badInput() throws {
    let dir = TemporaryDirectory()
    let (store, _) = try StoreContents.simulatedField(
      in: dir, "field", stations: [("R1", 20, 1)], profile: "ssr-2019-profile.json", export: false)
    TestFiles.write("{\n  \"NC\": \"many\"\n}", to: dir.file("bad.json"))
    let bad = try Shell.run("\(enkat) rates \(store) --dispositions \(dir.file("bad.json"))")
    #expect(bad.status == 65 && bad.text.contains("bad.json:2:9: error: 'NC' must be a number of cases"), "\(bad.text)")
    let e = try Shell.run("\(enkat) rates \(store) --e 1.5")
    #expect(e.status == 64 && e.text.contains("--e must be between 0 and 1"), "\(e.text)")
    let missing = try Shell.run("\(enkat) rates \(store) --dispositions \(dir.file("none.json"))")
    #expect(missing.status == 66, "\(missing.text)")
  }
}
