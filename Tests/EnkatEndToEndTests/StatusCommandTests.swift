import EnkatTestSupport
import Foundation
import Testing

@Suite("enkat status")
struct StatusCommandTests {
  @Test("cases by outcome, station, interviewer and day, and the length quartiles Python's statistics gives")
  func status() throws {
    let dir = TemporaryDirectory()
    let enkat = PackagePaths.enkat
    let flagship = PackagePaths.flagship
    for (station, cases) in [("S1", 30), ("S2", 20)] {
      let out = try Shell.run(
        "\(enkat) simulate \(flagship) --cases \(cases) --seed 5 --station \(station) --data \(dir.file("field"))")
      #expect(out.status == 0, "\(out.text)")
    }
    let interview = "\(enkat) interview \(flagship) --data \(dir.file("field")) --station S3 --interviewer Lena"
    #expect(try Shell.run("printf '\\n1\\n/pause\\n' | \(interview)").status == 0)
    #expect(try Shell.run("printf '\\n2\\n/stop\\n' | \(interview)").status == 0)
    let store = dir.file("field.sqlite")
    #expect(try Shell.run("\(enkat) collect \(dir.file("field")) --into \(store)").status == 0)
    let text = try Shell.run("\(enkat) status \(store)")
    #expect(text.status == 0, "\(text.text)")
    #expect(
      text.text.hasPrefix("52 cases: 50 complete, 0 open, 1 suspended, 1 broken off\nmedian length "), "\(text.text)")
    #expect(text.text.split(separator: "\n").allSatisfy { $0.count <= 80 }, "80 columns")
    #expect(text.text.contains("\nLena "), "\(text.text)")
    let json = try Shell.run("\(enkat) status \(store) --format json")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any])
    let total = try #require(object["total"] as? [String: Any])
    #expect(total["cases"] as? Int == 52)
    let stations = try #require(object["byStation"] as? [[String: Any]])
    #expect(stations.map { $0["key"] as? String } == ["S1", "S2", "S3"])
    #expect(stations.map { $0["complete"] as? Int } == [30, 20, 0])
    // The same quartiles from the response files, by Python's json and statistics (method
    // "inclusive" is R's type 7).
    let script = """
      import glob, json, statistics, sys
      ms, outcome = {}, {}
      for path in glob.glob(sys.argv[1] + "/*.jsonl"):
          for line in open(path, encoding="utf-8"):
              r = json.loads(line)
              key = (r["station"], r["case"])
              if r["type"] == "answer":
                  ms[key] = ms.get(key, 0) + r["ms"]
              elif r["type"] == "end":
                  outcome[key] = r["outcome"]
              elif r["type"] in ("start", "resume"):
                  outcome[key] = "open"
      lengths = [ms.get(k, 0) / 60000.0 for k, o in outcome.items() if o == "complete"]
      q = statistics.quantiles(lengths, n=4, method="inclusive")
      print("%.6f %.6f %.6f" % (q[1], q[0], q[2]))
      """
    let python = try Shell.run("python3 -c \(Shell.quote(script)) \(dir.file("field"))")
    let expected = python.text.split(separator: " ").compactMap {
      Double($0.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    let got = ["medianMinutes", "lowerQuartileMinutes", "upperQuartileMinutes"].compactMap { total[$0] as? Double }
    #expect(expected.count == 3 && got.count == 3, "\(python.text)")
    for (a, b) in zip(expected, got) { #expect(abs(a - b) < 1e-6, "\(expected) vs \(got)") }
  }
}
