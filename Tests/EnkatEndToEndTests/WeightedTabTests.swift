import EnkatTestSupport
import Foundation
import Testing

/// `enkat tab --weight` against R's `survey` package on the same exported data, for a weight
/// variable, post-stratification and raking (with a subpopulation): weighted shares with their
/// linearised standard errors and `svyciprop` logit intervals, Kish's effective sample size,
/// `svychisq`'s Rao–Scott F, multiple choice shares, and `svymean`, `svyquantile` and `svyvar`
/// of a number, to six significant digits. The flagship's don't know and refused answers are in
/// the data and in the margins' variables (cases without a code there are left out on both sides).
@Suite("enkat tab --weight against R's survey")
struct WeightedTabTests {
  let enkat = PackagePaths.enkat

  /// R's computation of each kind of table, printing one line of numbers per row.
  static let script = #"""
    suppressMessages(library(survey))
    args <- commandArgs(TRUE)
    d <- read.csv(args[1]); mode <- args[2]; kind <- args[3]; wname <- args[4]; where <- args[5]
    vars <- strsplit(args[6], ",")[[1]]
    margins <- if (length(args) > 6) args[7:length(args)] else character(0)
    ok <- function(x) !is.na(x) & !(x %in% c(98, 99))
    keep <- rep(TRUE, nrow(d))
    if (wname != "-") keep <- keep & ok(d[[wname]]) & d[[wname]] > 0
    pops <- lapply(margins, read.csv)
    byvars <- lapply(pops, function(p) setdiff(names(p), "Freq"))
    for (vs in byvars) for (v in vs) keep <- keep & ok(d[[v]])
    d <- d[keep, ]
    d$w <- if (wname == "-") 1 else d[[wname]]
    inwhere <- if (where == "-") rep(TRUE, nrow(d)) else eval(parse(text = where), d)
    inwhere[is.na(inwhere)] <- FALSE
    out <- function(...) cat(paste(sprintf("%.17g", c(...)), collapse = " "), "\n")
    f <- function(vs) as.formula(paste("~", paste(vs, collapse = "+")))
    if (mode == "chisq") {
      both <- ok(d[[vars[1]]]) & ok(d[[vars[2]]]) & inwhere
      d$xa <- ifelse(both, d[[vars[1]]], NA); d$xb <- ifelse(both, d[[vars[2]]], NA)
    }
    des <- svydesign(ids = ~1, weights = ~w, data = d)
    if (kind == "post") des <- postStratify(des, f(byvars[[1]]), pops[[1]])
    if (kind == "rake") des <- rake(des, lapply(byvars, f), pops)
    share <- function(y, domain) {
      y[is.na(y)] <- 0; des$variables$y <- y
      sub <- subset(des, domain)
      m <- svymean(~y, sub)
      ci <- suppressWarnings(svyciprop(~y, sub, method = "logit"))
      c(coef(m)[1], SE(m)[1], confint(ci)[1], confint(ci)[2])
    }
    if (mode == "wave") {
      # The same weighting of the previous wave's export (vars[2]); per code: difference, interval, p.
      est <- function(d, des) {
        x <- d[[vars[1]]]; valid <- ok(x) & inwhere
        r <- list()
        for (c in sort(unique(x[valid]))) {
          des$variables$y <- as.numeric(x == c)
          m <- svymean(~y, subset(des, valid))
          r[[as.character(c)]] <- c(coef(m)[1], SE(m)[1])
        }
        r
      }
      now <- est(d, des)
      e <- read.csv(vars[2])
      keep <- rep(TRUE, nrow(e))
      if (wname != "-") keep <- keep & ok(e[[wname]]) & e[[wname]] > 0
      for (vs in byvars) for (v in vs) keep <- keep & ok(e[[v]])
      e <- e[keep, ]
      e$w <- if (wname == "-") 1 else e[[wname]]
      inwhere <- rep(TRUE, nrow(e))
      des2 <- svydesign(ids = ~1, weights = ~w, data = e)
      if (kind == "post") des2 <- postStratify(des2, f(byvars[[1]]), pops[[1]])
      if (kind == "rake") des2 <- rake(des2, lapply(byvars, f), pops)
      before <- est(e, des2)
      for (c in intersect(names(now), names(before))) {
        diff <- now[[c]][1] - before[[c]][1]
        se <- sqrt(now[[c]][2]^2 + before[[c]][2]^2)
        out(as.numeric(c), diff, diff - qnorm(0.975) * se, diff + qnorm(0.975) * se, 2 * pnorm(-abs(diff) / se))
      }
    }
    if (mode == "share") {
      # A report finding's share of everyone (in the subgroup): having one of the codes vars[2] (;-separated).
      y <- as.numeric(d[[vars[1]]] %in% as.numeric(strsplit(vars[2], ";")[[1]]))
      r <- share(y, inwhere)
      out(r[1], r[3], r[4])
    }
    if (mode == "freq") {
      x <- d[[vars[1]]]; valid <- ok(x) & inwhere
      for (c in sort(unique(x[valid]))) out(c, share(as.numeric(x == c), valid))
      w <- weights(des)[valid]
      cat(sprintf("kish %.17g\n", sum(w)^2 / sum(w^2)))
    }
    if (mode == "chisq") {
      if (where != "-") des <- subset(des, inwhere)
      t <- svychisq(~xa + xb, des)
      out(t$statistic, t$parameter[1], t$parameter[2], t$p.value)
    }
    if (mode == "multi") {
      answered <- inwhere
      for (v in vars) answered <- answered & d[[v]] %in% c(0, 1)
      for (k in seq_along(vars)) out(k, share(d[[vars[k]]], answered))
    }
    if (mode == "mean") {
      x <- d[[vars[1]]]; g <- d[[vars[2]]]
      valid <- ok(x) & inwhere
      for (c in c(sort(unique(g[valid & ok(g)])), -1)) {
        domain <- if (c == -1) valid else valid & ok(g) & g == c
        des$variables$x <- x
        sub <- subset(des, domain)
        m <- svymean(~x, sub)
        ci <- confint(m, df = degf(sub))
        q <- coef(svyquantile(~x, sub, 0.5, ci = FALSE))
        out(c, coef(m)[1], SE(m)[1], ci[1], ci[2], q[1], sqrt(coef(svyvar(~x, sub))[1]))
      }
    }
    """#

  /// A weighting as enkat is given it (a variable or a spec file) and as R is.
  struct Weighting {
    var argument: String
    var kind: String
    var weight: String
    var margins: [String]
    var whereEnkat: String?
    var whereR: String
  }

  /// Population totals: work area × gender for post-stratification; work area, gender and kind
  /// of municipality as raking margins.
  static let areaByGender: [[Int]] = [
    [1, 1, 1200], [1, 2, 400], [1, 3, 300], [2, 1, 2500], [2, 2, 600], [2, 3, 500], [3, 1, 900], [3, 2, 500],
    [3, 3, 200], [4, 1, 800], [4, 2, 300], [4, 3, 250], [5, 1, 400], [5, 2, 150], [5, 3, 100],
  ]
  static let margins: [(by: [String], totals: [[Int]])] = [
    (["area"], [[1, 1900], [2, 3600], [3, 1600], [4, 1350], [5, 650]]),
    (["gender"], [[1, 5800], [2, 2450], [3, 850]]),
    (["municipality"], [[1, 2500], [2, 2800], [3, 2300], [4, 1500]]),
  ]

  /// Writes a margin as enkat's JSON and as R's population data frame.
  static func margin(_ by: [String], _ totals: [[Int]], csv: String) -> String {
    TestFiles.write(
      ([(by + ["Freq"]).joined(separator: ",")] + totals.map { $0.map(String.init).joined(separator: ",") })
        .joined(separator: "\n") + "\n", to: csv)
    let cells = totals.map { row in
      "{ " + zip(by, row).map { "\"\($0)\": \($1)" }.joined(separator: ", ") + ", \"total\": \(row.last!) }"
    }
    return
      "{ \"by\": [\(by.map { "\"\($0)\"" }.joined(separator: ", "))], \"totals\": [\(cells.joined(separator: ", "))] }"
  }

  struct Setup {
    var dir: TemporaryDirectory
    var store: String
    var export: String
    var script: String
    var weightings: [Weighting]
  }

  /// A simulated field, its export, R's script and the three weightings.
  /// (The directory goes with the setup: it is removed when the last reference goes.)
  func setUp() throws -> Setup {
    let dir = TemporaryDirectory()
    let (store, export) = try StoreContents.simulatedField(
      in: dir, "field", stations: [("W1", 600, 31)], profile: "ssr-2019-profile.json")
    TestFiles.write(Self.script, to: dir.file("check.R"))
    let post = Self.margin(["area", "gender"], Self.areaByGender, csv: dir.file("post.csv"))
    TestFiles.write("{ \"poststratify\": \(post) }", to: dir.file("post.json"))
    var raking: [String] = []
    for (k, m) in Self.margins.enumerated() { raking.append(Self.margin(m.by, m.totals, csv: dir.file("m\(k).csv"))) }
    TestFiles.write(
      "{ \"weight\": \"years\", \"rake\": [\(raking.joined(separator: ",\n"))] }", to: dir.file("rake.json"))
    // `years` serves as a design weight only for its spread of values: the arithmetic is what is checked.
    let weightings = [
      Weighting(argument: "years", kind: "none", weight: "years", margins: [], whereEnkat: nil, whereR: "-"),
      Weighting(
        argument: dir.file("post.json"), kind: "post", weight: "-", margins: [dir.file("post.csv")], whereEnkat: nil,
        whereR: "-"),
      Weighting(
        argument: dir.file("rake.json"), kind: "rake", weight: "years", margins: (0..<3).map { dir.file("m\($0).csv") },
        whereEnkat: "ageGroup >= 3", whereR: "ageGroup >= 3 & ageGroup <= 5"),
    ]
    return Setup(dir: dir, store: store, export: export, script: dir.file("check.R"), weightings: weightings)
  }

  /// enkat's table as JSON.
  func table(_ arguments: String, _ store: String, _ w: Weighting) throws -> [String: Any] {
    let condition = w.whereEnkat.map { " --where \(Shell.quote($0))" } ?? ""
    let tab = try Shell.run(
      "\(enkat) tab \(arguments) \(store) --weight \(w.argument)\(condition) --format json --lang en")
    #expect(tab.status == 0, "\(tab.text)")
    return try JSONSerialization.jsonObject(with: Data(tab.text.utf8)) as? [String: Any] ?? [:]
  }

  /// R's lines of numbers.
  func reference(_ setup: Setup, _ mode: String, _ variables: String, _ w: Weighting) throws -> [[Double]] {
    try referenceWithKish(setup, mode, variables, w).rows
  }

  /// R's lines of numbers, and the Kish line a frequency table's run ends with.
  func referenceWithKish(_ setup: Setup, _ mode: String, _ variables: String, _ w: Weighting) throws -> (
    rows: [[Double]], kish: Double?
  ) {
    let r = try Shell.run(
      "Rscript \(setup.script) \(setup.export) \(mode) \(w.kind) \(w.weight) \(Shell.quote(w.whereR)) \(variables) "
        + w.margins.joined(separator: " "))
    #expect(r.status == 0, "\(r.text)")
    let lines = r.text.split(separator: "\n")
    let kish = lines.first { $0.hasPrefix("kish") }.flatMap { Double($0.dropFirst(5)) }
    return (lines.filter { !$0.hasPrefix("kish") }.map { $0.split(separator: " ").compactMap { Double($0) } }, kish)
  }

  static func rows(_ table: [String: Any]) -> [[String: Any]] { table["rows"] as? [[String: Any]] ?? [] }

  static func values(_ row: [String: Any]) -> [Double?] {
    (row["values"] as? [Any] ?? []).map { $0 as? Double }
  }

  static func same(_ a: Double?, _ b: Double?) -> Bool {
    guard let a, let b else { return false }
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b)) + 1e-12
  }

  @Test("weighted shares, standard errors, logit intervals and Kish's n agree with R's survey")
  func frequenciesAgree() throws {
    let setup = try setUp()
    var compared = 0
    for w in setup.weightings {
      for variable in ["legalCertainty", "politicians", "municipality", "area"] {
        let table = try table(variable, setup.store, w)
        let rows = Self.rows(table).filter { $0["kind"] as? String == "value" }
        let expected = try referenceWithKish(setup, "freq", variable, w)
        for line in expected.rows {
          guard let row = rows.first(where: { ($0["code"] as? Double) == line[0] }) else {
            Issue.record("\(variable) \(w.kind): no row for code \(line[0])")
            continue
          }
          for (k, column) in [2, 3, 4, 5].enumerated() {
            #expect(
              Self.same(Self.values(row)[column], 100 * line[k + 1]),
              "\(variable) \(w.kind) code \(line[0]) column \(column): \(Self.values(row)[column] ?? .nan) vs \(100 * line[k + 1])"
            )
            compared += 1
          }
        }
        let kish = expected.kish
        let ours = (table["statistics"] as? [String: Any])?["effective sample size (Kish)"] as? Double
        #expect(Self.same(ours, kish), "\(variable) \(w.kind) Kish: \(ours ?? .nan) vs \(kish ?? .nan)")
        compared += 1
      }
    }
    #expect(compared >= 100, "numbers compared: \(compared)")
  }

  @Test("a weighted comparison of two waves agrees with R's survey: difference, its interval and p")
  func wavesAgree() throws {
    let setup = try setUp()
    let (earlier, earlierExport) = try StoreContents.simulatedField(
      in: setup.dir, "earlier", stations: [("P1", 500, 13)], profile: "ssr-earlier-wave-profile.json")
    var compared = 0
    for w in setup.weightings where w.whereEnkat == nil {
      for variable in ["legalCertainty", "municipality"] {
        let rows = Self.rows(try table("\(variable) --compare \(earlier)", setup.store, w))
        for line in try reference(setup, "wave", "\(variable),\(earlierExport)", w) {
          guard let row = rows.first(where: { ($0["code"] as? Double) == line[0] }) else {
            Issue.record("\(variable) \(w.kind): no row for code \(line[0])")
            continue
          }
          // difference, interval (percentage points), p
          for (k, column) in [2, 3, 4, 5].enumerated() {
            let expected = column == 5 ? line[k + 1] : 100 * line[k + 1]
            #expect(
              Self.same(Self.values(row)[column], expected),
              "\(variable) \(w.kind) code \(line[0]) column \(column): \(Self.values(row)[column] ?? .nan) vs \(expected)"
            )
            compared += 1
          }
        }
      }
    }
    #expect(compared >= 40, "numbers compared: \(compared)")
  }

  @Test("a weighted report's shares and intervals are R survey's, for everyone and for a subgroup")
  func reportAgrees() throws {
    let setup = try setUp()
    let findings = [
      ("legalCertainty", "2", "-"), ("politicians", "2", "-"), ("prevention", "1", "-"), ("threatened", "1", "-"),
      ("automationAttitude", "1;2", "area == 1"), ("dissatisfactionReasons_1", "1", "-"),
    ]
    for w in setup.weightings where w.whereEnkat == nil {
      let html = setup.dir.file("report-\(w.kind).html")
      let out = try Shell.run(
        "\(enkat) report \(PackagePaths.root())/Examples/ssr-2019-report.json \(setup.store) --weight \(w.argument) --lang en --out \(html)"
      )
      #expect(out.status == 0, "\(out.text)")
      let markdown = String(decoding: TestFiles.bytes(setup.dir.file("report-\(w.kind).md")), as: UTF8.self)
      let shares = markdown.split(separator: "\n").filter { $0.contains(" % (95 % CI ") }.map { line in
        line.replacing("95 % CI", with: "").split(whereSeparator: { " %()–;".contains($0) }).compactMap { Double($0) }
          .prefix(3)
      }
      #expect(shares.count == 6, "\(markdown.prefix(300))")
      for ((variable, codes, condition), ours) in zip(findings, shares) {
        let r = try Shell.run(
          "Rscript \(setup.script) \(setup.export) share \(w.kind) \(w.weight) \(Shell.quote(condition)) \(variable),\(Shell.quote(codes)) "
            + w.margins.joined(separator: " "))
        let expected = r.text.split(separator: " ").compactMap { Double($0) }.map { 100 * $0 }
        #expect(expected.count == 3 && ours.count == 3, "\(r.text)")
        for (a, b) in zip(ours, expected) {
          #expect(abs(a - b) <= 0.05 + 1e-9, "\(variable) \(w.kind): \(Array(ours)) vs \(expected)")
        }
      }
    }
  }

  @Test("a weighted crosstab's Rao–Scott F, its degrees of freedom and p agree with R's svychisq")
  func crosstabsAgree() throws {
    let setup = try setUp()
    var compared = 0
    for w in setup.weightings {
      for (a, b) in [("threatened", "area"), ("legalCertainty", "gender"), ("politicians", "municipality")] {
        let statistics = try table("\(a) --by \(b)", setup.store, w)["statistics"] as? [String: Any] ?? [:]
        let expected = try reference(setup, "chisq", "\(a),\(b)", w).first ?? []
        for (k, key) in ["F (Rao–Scott)", "df1", "df2", "p"].enumerated() {
          let ours = statistics[key] as? Double
          #expect(
            Self.same(ours, expected.count > k ? expected[k] : nil),
            "\(a) × \(b) \(w.kind) \(key): \(ours ?? .nan) vs \(expected)")
          compared += 1
        }
      }
    }
    #expect(compared == 36)
  }

  @Test("a weighted multiple choice's shares of respondents agree with R's survey, and its groups add up")
  func multipleChoiceAgrees() throws {
    let setup = try setUp()
    let options = (1...7).map { "dissatisfactionReasons_\($0)" }.joined(separator: ",")
    var compared = 0
    for w in setup.weightings {
      let rows = Self.rows(try table("dissatisfactionReasons", setup.store, w)).filter {
        $0["kind"] as? String == "value"
      }
      let expected = try reference(setup, "multi", options, w)
      #expect(rows.count == 7 && expected.count == 7)
      for (row, line) in zip(rows, expected) {
        for (k, column) in [1, 2, 3, 4].enumerated() {
          #expect(
            Self.same(Self.values(row)[column], 100 * line[k + 1]),
            "option \(line[0]) \(w.kind) column \(column): \(Self.values(row)[column] ?? .nan) vs \(100 * line[k + 1])")
          compared += 1
        }
      }
      // By gender, the Total column is of every respondent: the ungrouped share.
      let grouped = Self.rows(try table("dissatisfactionReasons --by gender", setup.store, w)).filter {
        $0["kind"] as? String == "value"
      }
      #expect(grouped.count == 7)
      for (row, ungrouped) in zip(grouped, rows) {
        #expect(
          Self.same(Self.values(row).last ?? nil, Self.values(ungrouped)[1]),
          "\(w.kind) \(row["label"] ?? ""): Total \(Self.values(row).last.map { "\($0 ?? .nan)" } ?? "") vs \(Self.values(ungrouped)[1] ?? .nan)"
        )
      }
    }
    #expect(compared == 84)
  }

  @Test("a weighted number's mean, its error and interval, median and standard deviation agree with R's survey")
  func meansAgree() throws {
    let setup = try setUp()
    var compared = 0
    for w in setup.weightings {
      let rows = Self.rows(try table("years --by area", setup.store, w))
      for line in try reference(setup, "mean", "years,area", w) {
        let row = line[0] == -1 ? rows.last : rows.first { ($0["code"] as? Double) == line[0] }
        guard let row else {
          Issue.record("\(w.kind): no row for area \(line[0])")
          continue
        }
        // mean, standard error, interval, median, standard deviation
        for (k, column) in [2, 3, 4, 5, 6, 7].enumerated() {
          #expect(
            Self.same(Self.values(row)[column], line[k + 1]),
            "area \(line[0]) \(w.kind) column \(column): \(Self.values(row)[column] ?? .nan) vs \(line[k + 1])")
          compared += 1
        }
      }
    }
    #expect(compared == 108)
  }
}
