import EnkatDataset
import EnkatModel
import EnkatTestSupport
import Testing

@testable import EnkatAnalysis

/// The analyses on literal cells of the flagship questionnaire's codebook: what enters a base,
/// what a filter keeps, how tables render. Their numbers are checked against scipy through the
/// `enkat` binary (TabCrossCheckTests).
@Suite("Analyses on literal data")
struct AnalysisTests {
  let codebook: Codebook
  let words = Words(language: "en")

  init() throws {
    let file = PackagePaths.root() + "/Questionnaires/ssr-socialsekreterare-2019.json"
    codebook = Codebook(try #require(QuestionnaireLoader.load(TestFiles.bytes(file), file: file).questionnaire))
  }

  @Test("don't know, refused and not asked have their own rows and stay out of the valid percentages")
  func missingOutsideValidBase() throws {
    let cells: [DatasetCell] = [
      .number(1), .number(1), .number(2), .missing(code: 98, kind: .dontKnow), .missing(code: 99, kind: .refused),
      .empty,
    ]
    let data = AnalysisData(codebook: codebook, columns: ["legalCertainty": cells])
    let table = try FrequencyTable("legalCertainty").run(data, words: words)
    #expect(table.value(row: "Yes", column: "n") == 2)
    #expect(table.value(row: "Yes", column: "%") == 100.0 * 2 / 6)
    #expect(table.value(row: "Yes", column: "valid %") == 100.0 * 2 / 3)
    #expect(table.value(row: "Don't know", column: "n") == 1)
    #expect(table.value(row: "Don't know", column: "valid %") == nil)
    #expect(table.value(row: "Refused", column: "n") == 1)
    #expect(table.value(row: "Not asked / no answer", column: "n") == 1)
    #expect(table.value(row: "Total", column: "n") == 6)
    #expect(table.base.contains("valid answers: 3"))
  }

  @Test("a multiple choice's base is those who answered it, not everyone")
  func multipleChoiceBase() throws {
    let options = (1...7).map { "dissatisfactionReasons_\($0)" }
    // Two answered (one chose 1 and 2, one chose 1), one said don't know, one was not asked.
    var columns: [String: [DatasetCell]] = [:]
    for (k, name) in options.enumerated() {
      columns[name] = [
        .number(k < 2 ? 1 : 0), .number(k == 0 ? 1 : 0), .missing(code: 98, kind: .dontKnow), .empty,
      ]
    }
    let table = try MultipleResponseTable("dissatisfactionReasons").run(
      AnalysisData(codebook: codebook, columns: columns), words: words)
    #expect(table.base.hasSuffix(": 2"))
    #expect(table.value(row: "Insufficient resources", column: "% of respondents") == 100)
    #expect(table.value(row: "Heavy workload", column: "% of respondents") == 50)
    #expect(table.value(row: "Heavy workload", column: "% of responses") == 100.0 / 3)
  }

  @Test("a filter keeps the cases where its condition is true; false and unknown (a missing value) leave them out")
  func filterKeepsTrueOnly() throws {
    let filter = try CaseFilter("area = 1 or threatened = 1", codebook: codebook)
    let data = AnalysisData(
      codebook: codebook,
      columns: [
        "area": [.number(1), .number(2), .number(2), .missing(code: 99, kind: .refused), .number(2)],
        "threatened": [.empty, .number(1), .number(2), .empty, .missing(code: 98, kind: .dontKnow)],
      ])
    #expect(filter.keep(data) == [true, true, false, false, false])
    #expect(Set(filter.columns) == ["area", "threatened"])
  }

  @Test("a filter that does not check is an error naming the place in it, with a suggestion")
  func filterErrors() {
    #expect(throws: AnalysisError.self) { try CaseFilter("aera = 1", codebook: codebook) }
    do {
      _ = try CaseFilter("area = 1 and aera = 2", codebook: codebook)
      Issue.record("no error")
    } catch {
      #expect(error.description.contains("column 14"), "\(error)")
      #expect(error.description.contains("area"), "\(error)")
    }
    #expect(throws: AnalysisError.self) { try CaseFilter("area + 1", codebook: codebook) }
  }

  @Test("an unknown variable is named with close spellings")
  func unknownVariable() {
    do {
      _ = try FrequencyTable("satisfacton").columns(in: codebook)
      Issue.record("no error")
    } catch {
      #expect(error == .unknownVariable("satisfacton", suggestions: ["satisfaction"]))
    }
  }

  @Test("a wide crosstab fits 80 columns: its columns go by code, named below")
  func wideCrosstabFits() throws {
    let areas: [DatasetCell] = (0..<50).map { .number(Double($0 % 5 + 1)) }
    let satisfaction: [DatasetCell] = (0..<50).map { .number(Double($0 % 3 + 1)) }
    let table = try Crosstab("satisfaction", by: "area").run(
      AnalysisData(codebook: codebook, columns: ["area": areas, "satisfaction": satisfaction]), words: words)
    let text = table.text()
    #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(text)")
    #expect(text.contains("1 = Economic assistance"), "\(text)")
    #expect(table.statistic("df") == 8)
  }

  @Test("Student's t quantiles as scipy's stats.t.ppf gives them, from 1 to 2,472 degrees of freedom")
  func tQuantiles() {
    let scipy: [(Double, Double, Double)] = [
      (0.975, 1, 12.706204736174694), (0.975, 2, 4.302652729749462), (0.975, 5, 2.5705818356363146),
      (0.975, 30, 2.0422724563012378), (0.975, 2472, 1.9609241032439866), (0.995, 10, 3.16927267261695),
      (0.9, 3, 1.637744353696209),
    ]
    for (q, df, expected) in scipy {
      #expect(abs(Statistics.tQuantile(q, degrees: df) - expected) < 1e-9 * expected, "qt(\(q), \(df))")
      #expect(abs(Statistics.tQuantile(1 - q, degrees: df) + expected) < 1e-9 * expected)
    }
  }

  @Test("the chi-square tail at its known quantiles, and the Wilson interval's edges")
  func distributions() {
    #expect(abs(Statistics.chiSquareUpperTail(3.841458820694124, degrees: 1) - 0.05) < 1e-12)
    #expect(abs(Statistics.chiSquareUpperTail(18.307038053275146, degrees: 10) - 0.05) < 1e-12)
    #expect(abs(Statistics.chiSquareUpperTail(2.0, degrees: 2) - 0.36787944117144233) < 1e-14)  // e^-1
    #expect(Statistics.chiSquareUpperTail(0, degrees: 3) == 1)
    #expect(abs(Statistics.wilsonInterval(successes: 0, trials: 10)!.lowerBound) < 1e-12)
    #expect(abs(Statistics.wilsonInterval(successes: 10, trials: 10)!.upperBound - 1) < 1e-12)
    #expect(Statistics.wilsonInterval(successes: 0, trials: 0) == nil)
  }
}

/// Shares in words, by the written rules: the seed's statements, the qualifiers, and never more
/// precision than the interval allows.
@Suite("Headlines")
struct HeadlineTests {
  @Test(
    "the seed's statements come out of shares near them, in Swedish and English",
    arguments: [
      (0.41, 0.391, 0.431, "fyra av tio", "four in ten"),
      (0.60, 0.58, 0.62, "sex av tio", "six in ten"),
      (0.75, 0.732, 0.767, "tre av fyra", "three in four"),
      (0.36, 0.341, 0.379, "drygt vart tredje", "just over one in three"),
      (0.50, 0.48, 0.52, "varannan", "one in two"),
      (0.46, 0.44, 0.48, "nästan varannan", "almost one in two"),
    ])
  func seedStatements(share: Double, low: Double, high: Double, swedish: String, english: String) {
    #expect(Headline(share: share, interval: low...high, language: "sv", form: .count).phrase == swedish)
    #expect(Headline(share: share, interval: low...high, language: "en", form: .count).phrase == english)
  }

  @Test("one half is 'varannan' before a noun and 'hälften' before 'av' or alone")
  func halfForms() {
    #expect(Headline(share: 0.5, interval: 0.48...0.52, language: "sv", form: .share).phrase == "hälften")
    #expect(Headline(share: 0.5, interval: 0.48...0.52, language: "en", form: .share).phrase == "half")
    #expect(Headline(share: 0.47, interval: 0.45...0.49, language: "sv", form: .count).phrase == "nästan varannan")
    #expect(Headline(share: 0.47, interval: 0.45...0.49, language: "en", form: .count).phrase == "almost one in two")
  }

  @Test("a wide interval says 'about', never a precise share")
  func wideInterval() {
    #expect(Headline(share: 0.51, interval: 0.45...0.55, language: "sv").phrase == "ungefär hälften")
    #expect(Headline(share: 0.51, interval: 0.45...0.55, language: "en").phrase == "about half")
    // An interval that holds both one third and four tenths pins down neither.
    #expect(Headline(share: 0.37, interval: 0.33...0.41, language: "en").phrase.hasPrefix("about "))
  }

  @Test("the extremes, and every share from 0 to 1 gets words")
  func extremesAndCoverage() {
    #expect(Headline(share: 0.01, interval: 0.005...0.02, language: "sv").phrase == "färre än vart tjugonde")
    #expect(Headline(share: 0.98, interval: 0.97...0.99, language: "en").phrase == "almost all")
    for k in 0...100 {
      let share = Double(k) / 100
      let interval = Statistics.wilsonInterval(successes: Double(k) * 20, trials: 2000)!
      let headline = Headline(share: share, interval: interval, language: "sv")
      #expect(!headline.phrase.isEmpty)
      if let (a, b) = headline.fraction {
        // The fraction said is within 5.1 points of the share.
        #expect(abs(Double(a) / Double(b) - share) <= 0.051, "\(k) %: \(headline.phrase)")
      }
    }
  }
}
