import EnkatTestSupport
import Foundation
import Testing

/// `enkat tab --weight` against R's `survey` package on the same exported data: weighted shares
/// of the valid answers, their linearised standard errors, `svyciprop(method = "logit")`
/// intervals and Kish's effective sample size, to six significant digits.
@Suite("enkat tab --weight against R's survey")
struct WeightedTabTests {
  let enkat = PackagePaths.enkat
  let flagship = PackagePaths.flagship

  /// R's computation: the cases with a positive weight as `svydesign(ids = ~1, weights = ~w)`,
  /// the valid answers as a `subset`, per code its `svymean`, `SE` and `svyciprop` logit bounds.
  static let script = #"""
    suppressMessages(library(survey))
    args <- commandArgs(TRUE)
    d <- read.csv(args[1])
    var <- args[2]; wname <- args[3]
    d <- d[!is.na(d[[wname]]) & !(d[[wname]] %in% c(98, 99)) & d[[wname]] > 0, ]
    d$x <- d[[var]]
    d$w <- d[[wname]]
    valid <- !is.na(d$x) & !(d$x %in% c(98, 99))
    for (c in sort(unique(d$x[valid]))) {
      d$y <- as.numeric(d$x == c)
      sub <- subset(svydesign(ids = ~1, weights = ~w, data = d), valid)
      m <- svymean(~y, sub)
      ci <- svyciprop(~y, sub, method = "logit")
      cat(sprintf("%d %.17g %.17g %.17g %.17g\n", as.integer(c), coef(m)[1], SE(m)[1], confint(ci)[1], confint(ci)[2]))
    }
    w <- d$w[valid]
    cat(sprintf("kish %.17g\n", sum(w)^2 / sum(w^2)))
    """#

  @Test("weighted shares, standard errors, logit intervals and Kish's n agree with R's survey")
  func agreesWithSurvey() throws {
    let dir = TemporaryDirectory()
    let (store, export) = try StoreContents.simulatedField(
      in: dir, "field", stations: [("W1", 500, 31)], profile: "ssr-2019-profile.json")
    TestFiles.write(Self.script, to: dir.file("check.R"))
    var compared = 0
    // `years` serves as a weight here only for its spread of values: the arithmetic is what is checked.
    for variable in ["legalCertainty", "politicians", "area"] {
      let tab = try Shell.run("\(enkat) tab \(variable) \(store) --weight years --format json --lang en")
      #expect(tab.status == 0, "\(tab.text)")
      let table = try JSONSerialization.jsonObject(with: Data(tab.text.utf8)) as? [String: Any] ?? [:]
      let rows = (table["rows"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "value" }
      let r = try Shell.run("Rscript \(dir.file("check.R")) \(export) \(variable) years")
      #expect(r.status == 0, "\(r.text)")
      for line in r.text.split(separator: "\n") {
        let fields = line.split(separator: " ").map(String.init)
        if fields[0] == "kish" {
          let kish = (table["statistics"] as? [String: Any])?["effective sample size (Kish)"] as? Double
          #expect(Self.same(kish, Double(fields[1])), "\(variable) Kish: \(String(describing: kish)) vs \(fields[1])")
          compared += 1
          continue
        }
        guard let row = rows.first(where: { ($0["code"] as? Double) == Double(fields[0]) }),
          let values = row["values"] as? [Double?]
        else {
          Issue.record("\(variable): no row for code \(fields[0])")
          continue
        }
        let expected = fields[1...].map { 100 * Double($0)! }  // share, SE, low, high, in per cent
        for (k, column) in [2, 3, 4, 5].enumerated() {
          #expect(Self.same(values[column], expected[k]), "\(variable) code \(fields[0]) column \(column)")
          compared += 1
        }
      }
    }
    #expect(compared >= 39, "numbers compared: \(compared)")
  }

  static func same(_ a: Double?, _ b: Double?) -> Bool {
    guard let a, let b else { return false }
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1e-9)
  }
}
