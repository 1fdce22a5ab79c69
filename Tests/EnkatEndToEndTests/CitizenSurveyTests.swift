import EnkatLog
import EnkatTestSupport
import Testing

@Suite("The citizen satisfaction survey in a real terminal")
struct CitizenSurveyTests {
  let file = PackagePaths.root() + "/Questionnaires/medborgarundersokning.json"

  @Test(
    "a rotated grid asked item by item, an NPS item with a fill, a shuffled list recorded, an other-specify follow-up, and a soft check confirmed"
  )
  func interview() throws {
    let dir = TemporaryDirectory()
    let i = try Interviewer(file, data: dir.path)
    try i.answer("intro", "")
    try i.answer("yearsResident", "30")
    try i.see("Vilket betyg ger du kommunens verksamhet för …")
    // The grid's items are rotated per case: answer each as it comes.
    var items = [
      "ratePreschool": "8", "rateSchool": "/dk", "rateElderCare": "11", "rateTransport": "7", "rateRoads": "6",
    ]
    var shown: [String] = []
    while !items.isEmpty {
      let item = try i.answerNext(items)
      if item == "rateElderCare" {
        try i.see("Svaret måste ligga mellan 1 och 10.")
        try i.answer("rateElderCare", "5")
      }
      items[item] = nil
      shown.append(item)
    }
    let written = ["ratePreschool", "rateSchool", "rateElderCare", "rateTransport", "rateRoads"]
    let start = try #require(written.firstIndex(of: shown[0]))
    #expect(shown == Array(written[start...] + written[..<start]), "a rotation of the written order")
    try i.answer("recommend", "4")
    try i.see("Vad är det främsta skälet till att du gav betyget 4?")
    try i.answer("recommendReason", "För dålig kollektivtrafik")
    try i.see("Vad borde kommunen i första hand förbättra?")
    try i.answer("improve", "3,8")
    try i.see("”Inget särskilt” kan inte kombineras med andra alternativ.")
    try i.answer("improve", "3,Annat")
    try i.see("Vad annat borde kommunen förbättra?")
    try i.answer("improve_other", "Biblioteket")
    try i.answer("age", "25")
    try i.see("Du har bott i kommunen i 30 år men är 25 år. Kontrollera.")
    try i.answer("age", "102")
    try i.see("102 år – stämmer det?")
    try i.answer("age", "/ok")
    try i.answer("thanks", "")
    try i.answer("slut", "")
    try i.see("avslutad (complete)")
    #expect(try i.session.waitExit() == 0)
    let contents = try i.records("medborgarundersokning")
    let values = [
      "ratePreschool": "8", "rateSchool": "dontKnow", "rateElderCare": "5", "rateTransport": "7", "rateRoads": "6",
    ]
    let recorded = contents.records.compactMap { r -> [String]? in
      if case .questionOrder("serviceRating", let ids) = r.record.payload { return ids } else { return nil }
    }
    #expect(recorded == [shown], "the order shown is the order on file")
    let expected =
      ["start", "yearsResident=30", "questionOrder serviceRating"] + shown.map { "\($0)=\(values[$0]!)" } + [
        "recommend=4", "recommendReason='För dålig kollektivtrafik'", "order improve", "improve=3,7",
        "improve_other='Biblioteket'", "confirm age 1", "age=102", "end complete",
      ]
    #expect(summary(contents) == expected)
    let order = contents.records.compactMap { r -> [Int]? in
      if case .order("improve", let codes) = r.record.payload { return codes } else { return nil }
    }
    #expect(order.first?.suffix(2) == [7, 8], "'Annat' and 'Inget särskilt' keep their places at the end")
  }

  @Test("simulation reaches every question of the citizen survey")
  func simulate() throws {
    let dir = TemporaryDirectory()
    let out = try Shell.run(
      "\(PackagePaths.enkat) simulate \(file) --cases 1000 --data \(dir.path) --require-all-reached")
    #expect(out.status == 0, "\(out.text)")
    #expect(out.text.contains("Every question was reached."))
  }
}
