import EnkatTestSupport
import Foundation
import Testing

/// `enkat tab` on simulated flagship data, every number recomputed by scipy from the CSV that
/// `enkat export` writes of the same store: frequencies with don't know and refused present,
/// Wilson intervals, a crosstab's percentages and Pearson chi-square, multiple choice tables
/// alone and by group, a subgroup given with --where, and a number's mean, median and standard
/// deviation by group (Python's statistics module), and a comparison with an earlier wave
/// (Newcombe's interval from scipy's Wilson intervals, the two-proportion test).
@Suite("enkat tab against scipy")
struct TabCrossCheckTests {
  let enkat = PackagePaths.enkat
  let flagship = PackagePaths.flagship

  /// The independent computation: reads the export and one `enkat tab --format json` output,
  /// recomputes the table named by its arguments, and prints how many numbers agreed to six
  /// significant digits (exit status 1 and the first difference otherwise).
  static let script = #"""
    import csv, json, math, statistics, sys
    from scipy import stats
    export, table_file, kind = sys.argv[1], sys.argv[2], sys.argv[3]
    args = sys.argv[4:]
    table = json.load(open(table_file))
    rows = list(csv.DictReader(open(export, encoding="utf-8")))
    MISSING = {"98": "dk", "99": "refused"}
    checked = 0
    def same(a, b, what):
        global checked
        if a is None or b is None or not math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9):
            print("differs:", what, "enkat", a, "scipy", b); sys.exit(1)
        checked += 1
    def valid(v): return v != "" and v not in MISSING
    def code(v): return float(v)
    def row(label): return next(r for r in table["rows"] if r["label"] == label)
    def by_code(c): return next(r for r in table["rows"] if r["code"] == c and r["kind"] == "value")
    if kind == "where":
        var, value = args[1], args[2]
        rows = [r for r in rows if valid(r[var]) and code(r[var]) == float(value)]
        kind, args = "freq", args[:1]
    if kind == "freq":
        var = args[0]
        values = [r[var] for r in rows]
        n_all, n_valid = len(values), sum(valid(v) for v in values)
        for c in sorted({code(v) for v in values if valid(v)}):
            k = sum(valid(v) and code(v) == c for v in values)
            r = by_code(c)
            same(r["values"][0], k, f"count {c}")
            same(r["values"][1], 100 * k / n_all, f"percent {c}")
            same(r["values"][2], 100 * k / n_valid, f"valid percent {c}")
            ci = stats.binomtest(k, n_valid).proportion_ci(confidence_level=0.95, method="wilson")
            same(r["values"][3], 100 * ci.low, f"wilson low {c}")
            same(r["values"][4], 100 * ci.high, f"wilson high {c}")
        for missing, label in (("98", "Don't know"), ("99", "Refused"), ("", "Not asked / no answer")):
            k = sum(v == missing for v in values)
            if k: same(row(label)["values"][0], k, label)
        same(row("Total")["values"][0], n_all, "total")
    elif kind == "cross":
        var, by = args
        pairs = [(code(r[var]), code(r[by])) for r in rows if valid(r[var]) and valid(r[by])]
        rcodes, ccodes = sorted({p[0] for p in pairs}), sorted({p[1] for p in pairs})
        observed = [[sum(p == (a, b) for p in pairs) for b in ccodes] for a in rcodes]
        columns = [c["code"] for c in table["columns"]]
        for i, a in enumerate(rcodes):
            r = by_code(a)
            for j, b in enumerate(ccodes):
                total = sum(observed[x][j] for x in range(len(rcodes)))
                same(r["values"][columns.index(b)], 100 * observed[i][j] / total, f"column percent {a},{b}")
        chi2, p, dof, _ = stats.chi2_contingency(observed, correction=False)
        st = table["statistics"]
        same(st["chi-square"], chi2, "chi-square")
        same(st["df"], dof, "df")
        same(st["p"], p, "p")
    elif kind == "multiple":
        question, by = args[0], (args[1] if len(args) > 1 else None)
        options = [k for k in rows[0] if k.startswith(question + "_")]
        answered = [r for r in rows if all(r[o] in ("0", "1") for o in options)]
        def share(group, o): return 100 * sum(r[o] == "1" for r in group) / len(group)
        if by is None:
            responses = sum(r[o] == "1" for r in answered for o in options)
            for o in options:
                r = by_code(float(o.rsplit("_", 1)[1]))
                k = sum(x[o] == "1" for x in answered)
                same(r["values"][0], k, f"count {o}")
                same(r["values"][1], share(answered, o), f"% of respondents {o}")
                same(r["values"][2], 100 * k / responses, f"% of responses {o}")
            same(table["rows"][-2]["values"][0], len(answered), "respondents")
        else:
            columns = [c["code"] for c in table["columns"]]
            for o in options:
                r = by_code(float(o.rsplit("_", 1)[1]))
                for g in sorted({code(x[by]) for x in answered if valid(x[by])}):
                    group = [x for x in answered if valid(x[by]) and code(x[by]) == g]
                    same(r["values"][columns.index(g)], share(group, o), f"{o} in group {g}")
    elif kind == "means":
        var, by = args[0], (args[1] if len(args) > 1 else None)
        values = [(float(r[var]), r[by] if by else None) for r in rows if valid(r[var])]
        groups = sorted({code(g) for _, g in values if by and valid(g)}) if by else []
        def check(label_row, xs, what):
            same(label_row["values"][0], len(xs), f"n {what}")
            same(label_row["values"][1], statistics.fmean(xs), f"mean {what}")
            same(label_row["values"][2], statistics.median(xs), f"median {what}")
            same(label_row["values"][3], statistics.stdev(xs), f"sd {what}")
            same(label_row["values"][4], min(xs), f"least {what}")
            same(label_row["values"][5], max(xs), f"greatest {what}")
        for g in groups:
            check(by_code(g), [x for x, y in values if valid(y) and code(y) == g], f"group {g}")
        check(row("Total"), [x for x, _ in values], "all")
    elif kind == "compare":
        # The previous wave's export is the fifth argument; shares of the valid answers (or of
        # those who answered a multiple choice) in each, Newcombe's interval from scipy's Wilson.
        var, before = args[0], list(csv.DictReader(open(args[1], encoding="utf-8")))
        options = [k for k in rows[0] if k.startswith(var + "_")]
        def counts(data):
            if options:
                answered = [r for r in data if all(r[o] in ("0", "1") for o in options)]
                return {float(o.rsplit("_", 1)[1]): (sum(r[o] == "1" for r in answered), len(answered)) for o in options}
            values = [r[var] for r in data if valid(r[var])]
            return {c: (sum(code(v) == c for v in values), len(values)) for c in {code(v) for v in values}}
        now, then = counts(rows), counts(before)
        for c in sorted(set(now) & set(then)):
            (x1, n1), (x2, n2) = now[c], then[c]
            r = by_code(c)
            p1, p2 = x1 / n1, x2 / n2
            w1 = stats.binomtest(x1, n1).proportion_ci(method="wilson")
            w2 = stats.binomtest(x2, n2).proportion_ci(method="wilson")
            d = p1 - p2
            low = d - math.sqrt((p1 - w1.low) ** 2 + (w2.high - p2) ** 2)
            high = d + math.sqrt((w1.high - p1) ** 2 + (p2 - w2.low) ** 2)
            chi2, p, _, _ = stats.chi2_contingency([[x1, n1 - x1], [x2, n2 - x2]], correction=False)
            same(r["values"][0], 100 * p1, f"now {c}")
            same(r["values"][1], 100 * p2, f"before {c}")
            same(r["values"][2], 100 * d, f"difference {c}")
            same(r["values"][3], 100 * low, f"newcombe low {c}")
            same(r["values"][4], 100 * high, f"newcombe high {c}")
            same(r["values"][5], p, f"p {c}")
    print(checked)
    """#

  @Test("a wrong variable or condition is named with its place and close spellings, exit status 64")
  func wrongInput() throws {
    let dir = TemporaryDirectory()
    #expect(try Shell.run("\(enkat) simulate \(flagship) --cases 20 --data \(dir.file("field"))").status == 0)
    let store = dir.file("store.sqlite")
    #expect(
      try Shell.run("\(enkat) collect \(dir.file("field")) --into \(store) --questionnaire \(flagship)").status == 0)
    let unknown = try Shell.run("\(enkat) tab satisfacton \(store) 2>&1")
    #expect(unknown.status == 64 && unknown.text.contains("did you mean 'satisfaction'"), "\(unknown.text)")
    let condition = try Shell.run("\(enkat) tab area \(store) --where 'area = 1 and aera = 2' 2>&1")
    #expect(condition.status == 64 && condition.text.contains("column 14"), "\(condition.text)")
    let never = try Shell.run("\(enkat) tab area \(store) --where 'threatKind contains 7' 2>&1")
    #expect(
      never.status == 0 && never.text.contains("warning:") && never.text.contains("7 is not a code"), "\(never.text)")
    let none = try Shell.run("\(enkat) tab area \(dir.file("none.sqlite")) 2>&1")
    #expect(none.status == 1 && none.text.contains("there is no store"), "\(none.text)")
  }

  @Test("the HTML format is a page whose table has the JSON table's rows, cells as Markdown writes them")
  func htmlFormat() throws {
    let dir = TemporaryDirectory()
    #expect(try Shell.run("\(enkat) simulate \(flagship) --cases 60 --data \(dir.file("field"))").status == 0)
    let store = dir.file("store.sqlite")
    #expect(
      try Shell.run("\(enkat) collect \(dir.file("field")) --into \(store) --questionnaire \(flagship)").status == 0)
    let html = try Shell.run("\(enkat) tab threatened \(store) --by area --format html --lang en")
    #expect(html.status == 0 && html.text.hasPrefix("<!DOCTYPE html>") && html.text.contains("chi-square"))
    let markdown = try Shell.run("\(enkat) tab threatened \(store) --by area --format md --lang en")
    // Each Markdown body row's cells, in order, are the HTML row's cells.
    let script = #"""
      import html.parser, sys
      class P(html.parser.HTMLParser):
          rows, cell = [], None
          def handle_starttag(self, tag, a):
              if tag == "tr": self.rows.append([])
              if tag in ("td", "th"): self.cell = ""
          def handle_endtag(self, tag):
              if tag in ("td", "th"): self.rows[-1].append(self.cell.strip()); self.cell = None
          def handle_data(self, d):
              if self.cell is not None: self.cell += d
      p = P(); p.feed(open(sys.argv[1]).read())
      md = [[c.strip() for c in l.strip().strip("|").split("|")] for l in open(sys.argv[2]) if l.startswith("|")]
      md = [r for r in md if not all(set(c) <= set("-: ") for c in r)]
      assert [r[1:] for r in p.rows] == [r[1:] for r in md], (p.rows, md)
      print(len(p.rows))
      """#
    TestFiles.write(script, to: dir.file("compare.py"))
    TestFiles.write(html.text, to: dir.file("t.html"))
    TestFiles.write(markdown.text, to: dir.file("t.md"))
    let compared = try Shell.run("python3 \(dir.file("compare.py")) \(dir.file("t.html")) \(dir.file("t.md"))")
    #expect(
      compared.status == 0 && Int(compared.text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 >= 4,
      "\(compared.text)")
  }

  @Test("frequencies, Wilson intervals, a crosstab with chi-square and multiple choice tables agree with scipy")
  func agreesWithScipy() throws {
    let dir = TemporaryDirectory()
    let (store, export) = try StoreContents.simulatedField(
      in: dir, "field", stations: [("S1", 300, 11), ("S2", 300, 12)], profile: "ssr-2019-profile.json")
    TestFiles.write(Self.script, to: dir.file("check.py"))
    var cases: [(tab: String, check: String)] = [
      ("legalCertainty", "freq legalCertainty"),
      ("satisfaction", "freq satisfaction"),
      ("politicians --by area", "cross politicians area"),
      ("satisfaction --by municipality", "cross satisfaction municipality"),
      ("dissatisfactionReasons", "multiple dissatisfactionReasons"),
      ("dissatisfactionReasons --by area", "multiple dissatisfactionReasons area"),
      ("automationAttitude --where 'area = 1'", "where automationAttitude area 1"),
      ("years", "means years"),
      ("years --by area", "means years area"),
    ]
    // An earlier wave, with fewer naming insufficient resources, in a store of its own.
    let (previous, previousExport) = try StoreContents.simulatedField(
      in: dir, "earlier", stations: [("P1", 400, 13)], profile: "ssr-earlier-wave-profile.json")
    cases += [
      ("dissatisfactionReasons --compare \(previous)", "compare dissatisfactionReasons \(previousExport)"),
      ("legalCertainty --compare \(previous)", "compare legalCertainty \(previousExport)"),
    ]
    var checked = 0
    for (k, c) in cases.enumerated() {
      let json = dir.file("table\(k).json")
      let tab = try Shell.run("\(enkat) tab \(c.tab) \(store) --lang en --format json > \(json)")
      #expect(tab.status == 0, "enkat tab \(c.tab): \(tab.text)")
      let out = try Shell.run("python3 \(dir.file("check.py")) \(export) \(json) \(c.check)")
      #expect(out.status == 0, "\(c.tab): \(out.text)")
      checked += Int(out.text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }
    #expect(checked > 120, "numbers compared: \(checked)")
    // Don't know was given (the profile draws it), so the first table compared its row.
    let table = try JSONSerialization.jsonObject(with: Data(TestFiles.bytes(dir.file("table0.json")))) as? [String: Any]
    let rows = table?["rows"] as? [[String: Any]] ?? []
    let dontKnow = rows.first { $0["label"] as? String == "Don't know" }?["values"] as? [Any]
    #expect((dontKnow?.first as? Double ?? 0) > 0, "\(rows)")
    // The earlier wave named insufficient resources less often: an increase, said in words.
    let change = try Shell.run("\(enkat) tab dissatisfactionReasons \(store) --compare \(previous)")
    #expect(change.text.contains("Bristande resurser: en ökning jämfört med förra mätningen"), "\(change.text)")
  }
}
