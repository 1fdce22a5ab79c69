import EnkatTestSupport
import Foundation
import Testing

/// `enkat report` on simulated flagship data with an earlier wave: the example spec's six
/// statements as sentences with shares in words, a self-contained page with a chart per finding,
/// Markdown beside it, and a spec with mistakes named by line and column.
@Suite("enkat report")
struct ReportCommandTests {
  let enkat = PackagePaths.enkat
  let flagship = PackagePaths.flagship

  @Test("the example report says the 2019 survey's six statements, with six charts, nothing fetched from elsewhere")
  func exampleReport() throws {
    let dir = TemporaryDirectory()
    let root = PackagePaths.root()
    // The data of scripts/report-example: the survey's size in two stations, an earlier wave.
    let (now, export) = try StoreContents.simulatedField(
      in: dir, "now", stations: [("S01", 1237, 1), ("S02", 1236, 2)], profile: "ssr-2019-profile.json",
      today: "2019-10-15")
    let (earlier, _) = try StoreContents.simulatedField(
      in: dir, "earlier", stations: [("P01", 1200, 7)], profile: "ssr-earlier-wave-profile.json", today: "2017-10-15",
      export: false)
    let html = dir.file("report.html")
    let out = try Shell.run(
      "\(enkat) report \(root)/Examples/ssr-2019-report.json \(now) --previous-wave \(earlier) --out \(html)"
    )
    #expect(out.status == 0, "\(out.text)")
    let sentences = out.text.split(separator: "\n").filter { !$0.contains("findings:") }
    #expect(sentences.count == 6, "\(out.text)")
    // The 2019 report's six statements, word for word from the simulated data.
    let openings = [
      "Fyra av tio upplever att man inte klarar kvaliteten", "Sex av tio vill avskaffa ordningen",
      "Tre av fyra anser att socialtjänsten", "Drygt vart tredje socialsekreterare har under de senaste två åren",
      "Hälften av socialsekreterarna inom ekonomiskt bistånd är positivt inställda",
      "Varannan socialsekreterare uppger bristande resurser som en orsak till missnöje",
    ]
    for (sentence, expected) in zip(sentences, openings) {
      #expect(sentence.hasPrefix(expected), "\(sentence)")
    }
    // The earlier wave named insufficient resources less often: the last sentence says so.
    #expect(sentences.last?.contains("Det är en ökning jämfört med förra mätningen.") == true, "\(out.text)")
    let page = String(decoding: TestFiles.bytes(html), as: UTF8.self)
    #expect(page.components(separatedBy: "<section>").count == 7)
    #expect(page.components(separatedBy: "<svg").count == 7)
    let fetched = page.replacing("xmlns=\"http://www.w3.org/2000/svg\"", with: "")
    #expect(!fetched.contains("http") && !fetched.contains("src=") && !fetched.contains("<script"), "self-contained")
    #expect(page.contains("<footer>") && page.contains("sha256:"), "provenance")
    let markdown = String(decoding: TestFiles.bytes(dir.file("report.md")), as: UTF8.self)
    #expect(markdown.components(separatedBy: "\n## ").count == 7, "\(markdown.prefix(400))")
    // The first finding's share, of everyone, as the export counts it.
    let share = try Shell.run(
      "python3 -c \"import csv,sys; r=list(csv.DictReader(open(sys.argv[1]))); print('%.1f %%' % (100*sum(x['legalCertainty']=='2' for x in r)/len(r)))\" \(export)"
    )
    let firstShare = markdown.split(separator: "\n").first { $0.contains("% (95 % KI") }.map(String.init) ?? ""
    #expect(
      firstShare.hasPrefix(share.text.trimmingCharacters(in: .whitespacesAndNewlines)), "\(firstShare) vs \(share.text)"
    )
    // In English too.
    let english = try Shell.run(
      "\(enkat) report \(root)/Examples/ssr-2019-report.json \(now) --out \(dir.file("en.html")) --lang en"
    )
    #expect(english.status == 0 && english.text.contains("Four in ten feel"), "\(english.text)")
  }

  @Test("a spec with mistakes: each named with file, line and column, nothing written")
  func badSpec() throws {
    let dir = TemporaryDirectory()
    TestFiles.write(
      """
      {
        "title": "T",
        "findings": [
          {"variable": "area", "value": 1, "statement": "Many work there"},
          {"variable": "area", "vaule": 1, "statement": "{share} work there"}
        ]
      }
      """, to: dir.file("spec.json"))
    #expect(try Shell.run("\(enkat) simulate \(flagship) --cases 5 --data \(dir.file("d"))").status == 0)
    #expect(
      try Shell.run("\(enkat) collect \(dir.file("d")) --into \(dir.file("s.sqlite")) --questionnaire \(flagship)")
        .status == 0)
    let out = try Shell.run(
      "\(enkat) report \(dir.file("spec.json")) \(dir.file("s.sqlite")) --out \(dir.file("r.html")) 2>&1")
    #expect(out.status == 65, "\(out.text)")
    #expect(out.text.contains("spec.json:4:") && out.text.contains("no {share}"), "\(out.text)")
    #expect(out.text.contains("spec.json:5:") && out.text.contains("'vaule' is not a member"), "\(out.text)")
    #expect(!FileManager.default.fileExists(atPath: dir.file("r.html")))
    let unknown = try Shell.run(
      "\(enkat) report \(PackagePaths.root())/Examples/ssr-2019-report.json \(dir.file("s.sqlite")) --out \(dir.file("r.html")) --questionnaire \(PackagePaths.root())/Questionnaires/medborgarundersokning.json 2>&1"
    )
    #expect(unknown.status != 0 && unknown.text.contains("legalCertainty"), "\(unknown.text)")
  }
}
