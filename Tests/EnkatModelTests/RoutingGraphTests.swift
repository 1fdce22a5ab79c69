import EnkatTestSupport
import Foundation
import Testing

@testable import EnkatModel

@Suite("Routing graph")
struct RoutingGraphTests {
  let graph = RoutingGraph(
    QuestionnaireLoader.load(TestFiles.bytes(PackagePaths.flagship), file: "f").questionnaire!, language: "sv")

  private func edge(_ from: String, _ to: String) -> String? {
    graph.edges.first { $0.from == from && $0.to == to }?.condition
  }

  @Test("a conditional question gets an edge with its condition and a skip edge with the negation")
  func conditional() {
    #expect(edge("area", "areaOther") == "area = 5")
    #expect(edge("area", "satisfaction") == "not (area = 5)")
    #expect(edge("areaOther", "satisfaction") == "")
    #expect(edge("intro", "area") == "")
  }

  @Test("a section condition routes into and around the whole section")
  func section() {
    #expect(edge("threatReported", "automationAttitude") == "area = 1")
    #expect(edge("threatReported", "leaveIntention") == "not (area = 1)")
    #expect(edge("automationAttitude", "automationAdvantages") == "", "known to hold inside the section")
    #expect(edge("automationAttitude", "leaveIntention") == nil)
    #expect(edge("threatened", "leaveIntention") == "not (threatened = 1) and not (area = 1)")
  }

  @Test("questions sharing a condition follow each other; no edge needs a condition and its negation")
  func sharedCondition() {
    #expect(edge("threatKind", "threatReported") == "")
    #expect(edge("threatened", "threatReported") == nil)
    #expect(edge("threatKind", "automationAttitude") == nil)
    #expect(graph.nodes.last?.id == "end")
    #expect(edge("thanks", "end") == "")
  }

  @Test("a loop is entered when it has an iteration and repeats from its last question to its first")
  func loops() throws {
    let household = RoutingGraph(
      try #require(
        QuestionnaireLoader.load(
          TestFiles.bytes(PackagePaths.root() + "/Questionnaires/hushallsundersokning.json"), file: "h"
        ).questionnaire), language: "sv")
    func edge(_ from: String, _ to: String) -> String? {
      household.edges.first { $0.from == from && $0.to == to }?.condition
    }
    #expect(edge("moved", "name") == "(hhsize) >= 1")
    #expect(edge("works", "name") == "person < hhsize")
    #expect(edge("satisfied", "days") == "another option of modes")
    #expect(edge("schoolTrip", "days") == "count(modes) >= 1 and mode != 6")
    #expect(edge("modes", "days") == "count(modes) >= 1 and mode != 6 and not (yearsHere < 2) and not (children >= 1)")
    #expect(household.nodes.first { $0.id == "age" }?.text == "↻ person: Hur gammal är {name}?")
  }

  @Test("DOT and Mermaid carry every node and edge, quoted")
  func rendering() {
    #expect(graph.dot.hasPrefix("digraph routing {"))
    #expect(graph.dot.contains(#""area" -> "areaOther" [label="area = 5"];"#))
    #expect(graph.mermaid.contains(#"q_area -->|"area = 5"| q_areaOther"#))
    #expect(graph.mermaid.components(separatedBy: "-->").count - 1 == graph.edges.count)
  }
}
