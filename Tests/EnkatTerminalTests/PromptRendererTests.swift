import EnkatEngine
import EnkatModel
import EnkatTestSupport
import Testing

@testable import EnkatTerminal

@Suite("Rendering prompts")
struct PromptRendererTests {
  @Test("text wraps at spaces within the width, with a hanging indent")
  func wrap() {
    let lines = PromptRenderer.wrap(
      "Hej! Jag ringer från Novus på uppdrag av Akademikerförbundet SSR.", width: 24, indent: "> ", hanging: "  ")
    #expect(lines == ["> Hej! Jag ringer från", "  Novus på uppdrag av", "  Akademikerförbundet", "  SSR."])
    #expect(lines.allSatisfy { $0.count <= 24 })
    #expect(PromptRenderer.wrap("ord", width: 2) == ["ord"], "a long word stands alone")
    #expect(PromptRenderer.wrap("", width: 10, indent: "  ") == ["  "])
  }

  @Test("a question shows its section, progress, text, instruction, options and the commands")
  func question() throws {
    var s = try Scenario(TestFiles.text(PackagePaths.flagship))
    s.reply("")
    let prompt = try #require(s.prompt)
    let screen = PromptRenderer(language: "sv", bold: false, width: 60).render(prompt)
    let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines[1].hasPrefix("── Arbete ──") && lines[1].hasSuffix(" 2/14"))
    #expect(lines[1].count == 60)
    #expect(lines[2] == "Inom vilket område arbetar du huvudsakligen?")
    #expect(lines[3] == "  [Intervjuare: Läs upp alternativen. Ett svar: det område")
    #expect(lines[4] == "   där respondenten arbetar mest.]")
    #expect(lines.contains("    4  Äldre/funktionsnedsättning"))
    #expect(lines.contains("  /ref Vill inte svara · /back /help /pause"))
    #expect(lines.allSatisfy { $0.count <= 60 })
    #expect(PromptRenderer(language: "sv", bold: false).inputPrompt(prompt) == "area> ")
  }

  @Test("scales, numbers, optional questions and kept answers are explained")
  func kinds() throws {
    var s = try Scenario(TestFiles.text(PackagePaths.flagship), language: "en")
    s.reply("")
    let renderer = PromptRenderer(language: "en", bold: false)
    s.reply("2")
    #expect(renderer.render(try #require(s.prompt)).contains("Scale 1–5: 1 = Very dissatisfied … 5 = Very satisfied"))
    s.reply("<")
    #expect(renderer.render(try #require(s.prompt)).contains("Now: 2 Children and young people — Enter keeps it"))
    #expect(renderer.problem(.outOfRange(min: 0, max: 50)) == "  ! The answer must be between 0 and 50.\n")
  }
}
