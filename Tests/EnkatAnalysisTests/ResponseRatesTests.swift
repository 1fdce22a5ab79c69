import EnkatModel
import Testing

@testable import EnkatAnalysis

/// AAPOR's outcome rates by their formulas in the Standard Definitions, on dispositions worked
/// by hand; the interviews' categories; the dispositions file's errors. `ResponseRatesCommandTests`
/// checks the same through `enkat rates` against an independent computation.
@Suite("AAPOR outcome rates")
struct ResponseRatesTests {
  /// I 400, P 50, R 100, NC 200, O 20, UH 30, UO 70, NE 30: e = 770 / 800.
  let rates = ResponseRates(Dispositions([.I: 400, .P: 50, .R: 100, .NC: 200, .O: 20, .UH: 30, .UO: 70, .NE: 30]))

  func rate(_ name: String) -> Double? { rates.rates.first { $0.name == name }?.value ?? nil }

  @Test("e is estimated as the eligible share of the cases of known eligibility")
  func estimatedE() {
    #expect(rates.e == 770.0 / 800.0)
    #expect(ResponseRates(rates.dispositions, e: 0.5).e == 0.5)
  }

  @Test("RR1–RR6, COOP1–4, REF1–3 and CON1–3 follow the Standard Definitions")
  func formulas() {
    let e = 770.0 / 800.0
    let expected: [String: Double] = [
      "RR1": 400.0 / 870, "RR2": 450.0 / 870, "RR3": 400 / (770 + e * 100), "RR4": 450 / (770 + e * 100),
      "RR5": 400.0 / 770, "RR6": 450.0 / 770, "COOP1": 400.0 / 570, "COOP2": 450.0 / 570, "COOP3": 400.0 / 550,
      "COOP4": 450.0 / 550, "REF1": 100.0 / 870, "REF2": 100 / (770 + e * 100), "REF3": 100.0 / 770,
      "CON1": 570.0 / 870, "CON2": 570 / (770 + e * 100), "CON3": 570.0 / 770,
    ]
    #expect(
      rates.rates.map(\.name)
        == expected.keys.sorted { a, b in
          rates.rates.firstIndex { $0.name == a }! < rates.rates.firstIndex { $0.name == b }!
        })
    for (name, value) in expected {
      #expect(abs((rate(name) ?? .nan) - value) < 1e-12, "\(name)")
    }
  }

  @Test("a rate with nothing to divide by is left empty, not 0 or NaN")
  func emptyDenominator() {
    let none = ResponseRates(Dispositions([.NE: 5]))
    #expect(none.rates.allSatisfy { $0.value == nil })
  }

  @Test("a break-off is partial when it answered half the questions a complete interview did, else a break-off")
  func interviewCategories() {
    let cases: [(outcome: InterviewOutcome?, answered: Int)] = [
      (.complete, 20), (.complete, 30), (.complete, 40), (.breakOff, 15), (.breakOff, 14), (.suspended, 29), (nil, 2),
    ]
    let d = Dispositions.interviews(cases, partialShare: 0.5)
    #expect(d[.I] == 3 && d[.P] == 2 && d[.R] == 2)
    let noCompletes = Dispositions.interviews([(.breakOff, 50)], partialShare: 0.5)
    #expect(noCompletes[.R] == 1 && noCompletes[.P] == 0)
  }

  @Test("a dispositions file's mistakes are named by line and column")
  func fileErrors() {
    let text = "{\n  \"NC\": 12,\n  \"RR\": 3,\n  \"UO\": -2,\n  \"NE\": 1.5\n}"
    guard case .failure(let problems) = Dispositions.parse(Array(text.utf8), file: "d.json") else {
      Issue.record("the file was accepted")
      return
    }
    let lines = problems.problems.map(\.description)
    #expect(lines.contains { $0.hasPrefix("d.json:3:3: error: 'RR' is not a member") })
    #expect(lines.contains { $0.hasPrefix("d.json:4:9: error: 'UO' must be a number of cases") })
    #expect(lines.contains { $0.hasPrefix("d.json:5:9: error: 'NE' must be a number of cases") })
    let good = Dispositions.parse(Array("{\"NC\": 12, \"UO\": 3}".utf8), file: "d.json")
    #expect((try? good.get()) == Dispositions([.NC: 12, .UO: 3]))
  }
}
