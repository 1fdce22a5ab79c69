import EnkatDataset
import EnkatModel
import EnkatTestSupport
import Testing

@testable import EnkatAnalysis

/// Weighting specs and the survey design they make, on literal data: what a spec may say, which
/// cases enter the design, what calibration does to the weights, and the errors a wrong spec
/// gets. The estimates themselves are checked against R's `survey` (WeightedTabTests).
@Suite("Weighting specs and calibrated weights")
struct WeightingTests {
  let codebook: Codebook

  init() throws {
    let file = PackagePaths.root() + "/Questionnaires/ssr-socialsekreterare-2019.json"
    codebook = Codebook(try #require(QuestionnaireLoader.load(TestFiles.bytes(file), file: file).questionnaire))
  }

  func parse(_ text: String) -> Result<WeightSpec, SpecProblems> {
    WeightSpec.parse(Array(text.utf8), file: "w.json")
  }

  @Test("every problem of a spec is reported with its line and column")
  func problemsHavePlaces() {
    let text = """
      {
        "wieght": "years",
        "rake": [
          { "by": "area", "totals": [ { "area": 1, "total": 10 }, { "area": 1, "total": 12 } ] },
          { "by": ["gender"], "totals": [ { "gender": "one", "total": -3 } ] }
        ]
      }
      """
    guard case .failure(let problems) = parse(text) else {
      Issue.record("the spec was accepted")
      return
    }
    let lines = problems.problems.map(\.description)
    #expect(lines.contains { $0.hasPrefix("w.json:2:3: error: 'wieght' is not a member") })
    #expect(lines.contains { $0.hasPrefix("w.json:4:61:") && $0.contains("given already at line 4, column 33") })
    #expect(lines.contains { $0.hasPrefix("w.json:5:49:") && $0.contains("'gender': a whole number") })
    #expect(lines.contains { $0.hasPrefix("w.json:5:65:") && $0.contains("0 or more") })
  }

  @Test("a spec gives post-stratification or raking, not both, and needs one or a weight")
  func oneCalibration() {
    let both = #"{ "poststratify": { "by": "area", "totals": [ { "area": 1, "total": 5 } ] }, "rake": [] }"#
    guard case .failure(let p) = parse(both) else {
      Issue.record("both were accepted")
      return
    }
    #expect(p.description.contains("not both"))
    guard case .failure(let q) = parse("{}") else {
      Issue.record("an empty spec was accepted")
      return
    }
    #expect(q.description.contains("needs 'weight'"))
  }

  @Test("post-stratification scales each cell's weights to its population total; cases without a code are left out")
  func poststratifiedWeights() throws {
    let spec = try parse(
      #"{ "poststratify": { "by": "area", "totals": [ { "area": 1, "total": 30 }, { "area": 2, "total": 10 } ] } }"#
    ).get()
    let area: [DatasetCell] = [.number(1), .number(1), .number(2), .missing(code: 99, kind: .refused), .number(2)]
    let design = try SurveyDesign(spec, AnalysisData(codebook: codebook, columns: ["area": area]))
    #expect(design.cases == [0, 1, 2, 4])
    #expect(design.weights == [15, 15, 5, 5])
    #expect(design.withoutCode == 1 && design.withoutWeight == 0)
    #expect(
      weightingNotes(design, cases: 4, Words(language: "en")).last == "1 case(s) left out: no valid code in area")
    #expect(
      weightingNotes(design, cases: 4, Words(language: "sv")).last == "1 fall lämnades utanför: ingen giltig kod i area"
    )
  }

  @Test("raking meets every margin")
  func rakedWeightsMeetMargins() throws {
    let spec = try parse(
      """
      { "rake": [
        { "by": "area", "totals": [ { "area": 1, "total": 60 }, { "area": 2, "total": 40 } ] },
        { "by": "gender", "totals": [ { "gender": 1, "total": 70 }, { "gender": 2, "total": 30 } ] } ] }
      """
    ).get()
    let area: [DatasetCell] = [1, 1, 1, 2, 2, 2, 1, 2].map { .number($0) }
    let gender: [DatasetCell] = [1, 2, 1, 1, 2, 2, 1, 1].map { .number($0) }
    let design = try SurveyDesign(spec, AnalysisData(codebook: codebook, columns: ["area": area, "gender": gender]))
    func total(_ column: [DatasetCell], _ code: Double) -> Double {
      design.cases.indices.filter { column[design.cases[$0]] == .number(code) }.reduce(0) { $0 + design.weights[$1] }
    }
    #expect(abs(total(area, 1) - 60) < 1 && abs(total(area, 2) - 40) < 1)
    #expect(abs(total(gender, 1) - 70) < 1e-9 && abs(total(gender, 2) - 30) < 1e-9)
  }

  @Test("a code without a population total, or a cell with a total and no cases, is an error that says which")
  func calibrationErrors() throws {
    let spec = try parse(
      #"{ "poststratify": { "by": "area", "totals": [ { "area": 1, "total": 30 }, { "area": 3, "total": 10 } ] } }"#
    ).get()
    let missingCell = AnalysisData(codebook: codebook, columns: ["area": [.number(1), .number(2)]])
    #expect(throws: AnalysisError.self) { try SurveyDesign(spec, missingCell) }
    do {
      _ = try SurveyDesign(spec, missingCell)
    } catch {
      #expect(error.description.contains("area = 2"))
    }
    let emptyCell = AnalysisData(codebook: codebook, columns: ["area": [.number(1), .number(1)]])
    do {
      _ = try SurveyDesign(spec, emptyCell)
      Issue.record("an empty cell was accepted")
    } catch {
      #expect(error.description.contains("no case falls in the cell area = 3"))
    }
  }
}
