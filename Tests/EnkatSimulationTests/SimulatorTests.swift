import EnkatEngine
import EnkatModel
import EnkatTestSupport
import Testing

@testable import EnkatSimulation

@Suite("Simulation")
struct SimulatorTests {
  let flagship = QuestionnaireLoader.load(TestFiles.bytes(PackagePaths.flagship), file: "f").questionnaire!

  private func profile(_ json: String) -> (SimulationProfile?, [Diagnostic]) {
    let outcome = SimulationProfileLoader.load(Array(json.utf8), file: "p.json", for: flagship)
    return (outcome.profile, outcome.diagnostics)
  }

  /// The responses in force at the end of a simulated case.
  private func responses(_ c: SimulatedCase) -> [String: Response] {
    var result: [String: Response] = [:]
    for event in c.events {
      switch event {
      case .answered(let q, let r, _, _): result[q] = r
      case .cleared(let q): result[q] = nil
      case .ended, .confirmed, .languageChanged, .optionOrder, .questionOrder: break
      }
    }
    return result
  }

  @Test("the same seed gives the same interviews, another seed others")
  func deterministic() {
    let simulator = Simulator(questionnaire: flagship, profile: SimulationProfile(), language: "sv")
    #expect(simulator.run(case: 3, seed: 42).events == simulator.run(case: 3, seed: 42).events)
    #expect(simulator.run(case: 3, seed: 42).events != simulator.run(case: 3, seed: 43).events)
    #expect(simulator.run(case: 3, seed: 42).events != simulator.run(case: 4, seed: 42).events)
  }

  @Test("every simulated case completes with answers that satisfy the questionnaire's checks")
  func validAnswers() {
    let simulator = Simulator(questionnaire: flagship, profile: SimulationProfile(), language: "sv")
    for n in 1...300 {
      let c = simulator.run(case: n, seed: 1)
      #expect(c.outcome == .complete)
      let r = responses(c)
      if r["ageGroup"] == .answer(.code(1)), case .answer(.number(let years)) = r["years"] {
        #expect(years <= 12)
      }
      #expect(r["automationAttitude"] == nil || r["area"] == .answer(.code(1)), "routing holds")
    }
  }

  @Test("profile weights and conditional rules shape the answers")
  func weights() throws {
    let (p, diagnostics) = profile(
      """
      {"profileVersion": 1, "rules": [
        {"question": "area", "weights": {"1": 90, "2": 10}},
        {"question": "satisfaction", "when": "area = 1", "weights": {"5": 1}},
        {"question": "legalCertainty", "weights": {"2": 1}}
      ]}
      """)
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    let simulator = Simulator(questionnaire: flagship, profile: try #require(p), language: "sv")
    var areaOne = 0
    var otherSatisfaction: Set<Response> = []
    for n in 1...2000 {
      let r = responses(simulator.run(case: n, seed: 9))
      if r["area"] == .answer(.code(1)) {
        areaOne += 1
        #expect(r["satisfaction"] == .answer(.code(5)))
      } else if let s = r["satisfaction"] {
        otherSatisfaction.insert(s)
      }
      #expect(r["legalCertainty"] == .answer(.code(2)), "weights of zero are never drawn, missing included")
    }
    #expect((1740...1860).contains(areaOne), "\(areaOne) of 2000 in area 1, expected about 1800")
    #expect(otherSatisfaction.count > 1, "the condition applies only where it holds")
  }

  @Test("in a loop, a rule applies in every iteration and its condition reads the same iteration's answers")
  func rulesInLoops() throws {
    let household = try #require(
      QuestionnaireLoader.load(
        TestFiles.bytes(PackagePaths.root() + "/Questionnaires/hushallsundersokning.json"), file: "h"
      ).questionnaire)
    let outcome = SimulationProfileLoader.load(
      Array(
        """
        {"profileVersion": 1, "rules": [
          {"question": "hhsize", "range": {"min": 3, "max": 3}},
          {"question": "age", "range": {"min": 20, "max": 90}},
          {"question": "works", "when": "age >= 65", "weights": {"3": 1}},
          {"question": "works", "weights": {"1": 1}}
        ]}
        """.utf8), file: "p.json", for: household)
    #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics)")
    let simulator = Simulator(questionnaire: household, profile: try #require(outcome.profile), language: "sv")
    var retired = 0
    for n in 1...40 {
      let r = responses(simulator.run(case: n, seed: 5))
      for k in 1...3 {
        guard case .answer(.number(let age))? = r["age[\(k)]"] else { continue }
        #expect(r["works[\(k)]"] == .answer(.code(age >= 65 ? 3 : 1)), "member \(k), \(age)")
        if age >= 65 { retired += 1 }
      }
    }
    #expect(retired > 10)
  }

  @Test("a rule's condition can read computed variables")
  func conditionOnComputed() throws {
    let (p, diagnostics) = profile(
      """
      {"profileVersion": 1, "rules": [
        {"question": "satisfaction", "weights": {"1": 1}},
        {"question": "legalCertainty", "when": "dissatisfied", "weights": {"2": 1}}
      ]}
      """)
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    let simulator = Simulator(questionnaire: flagship, profile: try #require(p), language: "sv")
    for n in 1...50 {
      #expect(responses(simulator.run(case: n, seed: 2))["legalCertainty"] == .answer(.code(2)))
    }
  }

  @Test(
    "profile mistakes are diagnostics with positions",
    arguments: [
      (#"{"profileVersion": 1, "rules": [{"question": "aera", "weights": {"1": 1}}]}"#, "E110", "did you mean 'area'?"),
      (#"{"profileVersion": 1, "rules": [{"question": "area", "weights": {"7": 1}}]}"#, "P005", nil),
      (
        #"{"profileVersion": 1, "rules": [{"question": "area", "when": "years > 3", "weights": {"1": 1}}]}"#, "E111",
        nil
      ),
      (#"{"profileVersion": 1, "rules": [{"question": "years", "weights": {"1": 1}}]}"#, "P004", nil),
      (
        #"{"profileVersion": 1, "rules": [{"question": "area", "wieghts": {"1": 1}}]}"#, "E004",
        #"did you mean "weights"?"#
      ),
      (#"{"profileVersion": 1, "rules": [{"question": "area", "weights": {"1": -1}}]}"#, "E002", nil),
    ] as [(String, String, String?)])
  func profileErrors(json: String, code: String, hint: String?) {
    let (p, diagnostics) = profile(json)
    #expect(p == nil)
    let d = diagnostics.first { $0.code == code }
    #expect(d != nil, "\(diagnostics)")
    #expect(d?.position?.line == 1)
    if let hint { #expect(d?.hint == hint) }
  }

  @Test("a check no drawn answer can meet ends in don't know, and is reported")
  func unmeetableCheck() throws {
    let json = """
      {"formatVersion": 1, "id": "x", "version": "1", "title": {"en": "X"}, "languages": ["en"],
       "missingCodes": [{"kind": "dontKnow", "code": 98, "label": {"en": "DK"}}],
       "sections": [{"id": "s", "title": {"en": "S"}, "questions": [
         {"id": "n", "type": "number", "range": {"min": 0, "max": 10}, "allowMissing": ["dontKnow"],
          "checks": [{"rule": "n > 10", "message": {"en": "never"}}], "text": {"en": "N"}},
         {"id": "m", "type": "number", "text": {"en": "M"}, "checks": [{"rule": "m < 0 and m > 0", "message": {"en": "never"}}]}]}]}
      """
    let q = try #require(QuestionnaireLoader.load(Array(json.utf8), file: "x").questionnaire)
    let c = Simulator(questionnaire: q, profile: SimulationProfile(), language: "en").run(case: 1, seed: 1)
    #expect(
      c.events.first
        == .answered(questionID: "n", response: .missing(.dontKnow), elapsedMilliseconds: c.elapsed(0), revision: false)
    )
    #expect(c.outcome == .breakOff, "m allows no missing code, so the respondent breaks off")
    #expect(c.stuckAt == "m")
  }

  @Test("a profile's break-off and suspend percentages end about that share of interviews, the rest as before")
  func breakOffsAndSuspensions() throws {
    let file = PackagePaths.root() + "/Examples/ssr-2019-profile.json"
    let base = try #require(SimulationProfileLoader.load(TestFiles.bytes(file), file: file, for: flagship).profile)
    var ending = base
    ending.breakOffPercent = 10
    ending.suspendPercent = 5
    let plain = Simulator(questionnaire: flagship, profile: base, language: "sv")
    let ended = Simulator(questionnaire: flagship, profile: ending, language: "sv")
    var outcomes: [InterviewOutcome: Int] = [:]
    for n in 1...600 {
      let a = plain.run(case: n, seed: 9)
      let b = ended.run(case: n, seed: 9)
      outcomes[b.outcome, default: 0] += 1
      #expect(a.outcome == .complete)
      if b.outcome == .complete { #expect(a.events == b.events, "case \(n) completes as it did without endings") }
    }
    #expect((30...75).contains(outcomes[.breakOff] ?? 0), "\(outcomes)")
    #expect((12...45).contains(outcomes[.suspended] ?? 0), "\(outcomes)")
    let bad = SimulationProfileLoader.load(
      Array(#"{"profileVersion": 1, "rules": [], "breakOff": 120}"#.utf8), file: "p", for: flagship)
    #expect(bad.profile == nil && bad.diagnostics.contains { $0.code == "P002" })
  }

  @Test("the example profile modelled on the 2019 findings loads against the flagship")
  func exampleProfile() {
    let outcome = SimulationProfileLoader.load(
      TestFiles.bytes(PackagePaths.root() + "/Examples/ssr-2019-profile.json"), file: "profile", for: flagship)
    #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics)")
    #expect(outcome.profile?.rules.count == 14)
  }
}

extension SimulatedCase {
  /// The milliseconds recorded with event `i`, for comparing whole events.
  func elapsed(_ i: Int) -> Int {
    if case .answered(_, _, let ms, _) = events[i] { return ms }
    return 0
  }
}
