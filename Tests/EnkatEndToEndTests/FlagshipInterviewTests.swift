import EnkatLog
import EnkatModel
import EnkatTestSupport
import Glibc
import Testing

@Suite("The flagship interview in a real terminal")
struct FlagshipInterviewTests {
  let flagship = PackagePaths.flagship
  let id = "ssr-socialsekreterare-2019"

  @Test(
    "the whole interview by keyboard: invalid input, don't know, refused, and going back to change the work area re-routes the automation block"
  )
  func wholeInterview() throws {
    let dir = TemporaryDirectory()
    let i = try Interviewer(flagship, data: dir.path)
    try i.see("Hej! Jag ringer från Novus")
    try i.answer("intro", "")
    try i.see("area> ")
    i.session.send("Ekon\t")
    try i.see("Ekonomiskt bistånd")
    i.session.send("\r")
    try i.answer("satisfaction", "7")
    try i.see("Svaret måste ligga mellan 1 och 5.")
    try i.answer("satisfaction", "2")
    try i.see("Vilka är de främsta orsakerna till att du inte är nöjd med ditt arbete?")
    try i.answer("dissatisfactionReasons", "1,2")
    try i.answer("legalCertainty", "/dk")
    try i.answer("politicians", "2")
    try i.answer("prevention", "1")
    try i.answer("threatened", "1")
    try i.answer("threatKind", "1,2")
    try i.answer("threatReported", "/ref")
    try i.see("Automatisering av ekonomiskt bistånd")
    try i.answer("automationAttitude", "2")
    try i.answer("automationAdvantages", "1,2")
    // Back, question by question, to the work area.
    let backwards = [
      "automationDrawbacks", "automationAdvantages", "automationAttitude", "threatReported", "threatKind",
      "threatened", "prevention", "politicians", "legalCertainty", "dissatisfactionReasons", "satisfaction",
    ]
    for question in backwards { try i.answer(question, "/back") }
    try i.see("Nu: 1 Ekonomiskt bistånd — Enter behåller")
    try i.answer("area", "2")
    // Enter keeps each later answer; the automation block is no longer on the route.
    for question in [
      "satisfaction", "dissatisfactionReasons", "legalCertainty", "politicians", "prevention", "threatened",
      "threatKind", "threatReported",
    ] {
      try i.answer(question, "")
    }
    try i.answer("leaveIntention", "Kanske")
    try i.answer("ageGroup", "1")
    try i.answer("years", "20")
    try i.see("Under 30 år och 20 år i yrket stämmer inte.")
    try i.answer("years", "5")
    try i.answer("gender", "/dk")
    try i.see("Vet ej är inte tillåtet på den här frågan.")
    try i.answer("gender", "/ref")
    try i.answer("municipality", "3")
    try i.answer("comment", "För lite tid för klienterna.")
    try i.see("Tack för din medverkan!")
    try i.answer("thanks", "")
    try i.answer("slut", "")
    try i.see("avslutad (complete)")
    #expect(try i.session.waitExit() == 0)

    let contents = try i.records(id)
    #expect(contents.problems.isEmpty)
    #expect(
      summary(contents) == [
        "start", "order area", "area=1", "satisfaction=2", "dissatisfactionReasons=1,2", "legalCertainty=dontKnow",
        "politicians=2",
        "prevention=1", "threatened=1", "threatKind=1,2", "threatReported=refused", "automationAttitude=2",
        "automationAdvantages=1,2", "area=2 rev", "clear automationAttitude", "clear automationAdvantages",
        "leaveIntention=2", "ageGroup=1", "years=5", "gender=refused", "municipality=3",
        "comment='För lite tid för klienterna.'", "end complete",
      ])
    #expect(contents.records.map(\.record.sequence) == Array(1...23))
    let digest = try #require(QuestionnaireLoader.load(TestFiles.bytes(flagship), file: "f").questionnaire?.digest)
    #expect(contents.records.allSatisfy { $0.record.questionnaireDigest == ResponseRecord.shortDigest(digest) })
    // The work areas were shuffled for this case, "Annat område" kept last, and the order is on file.
    let order = contents.records.compactMap { r -> [Int]? in
      if case .order("area", let codes) = r.record.payload { return codes } else { return nil }
    }
    #expect(order.count == 1 && order[0].sorted() == [1, 2, 3, 4, 5] && order[0].last == 5)
    #expect(contents.records.allSatisfy { $0.record.caseID == "S01-0001" && $0.record.station == "S01" })
    let path = ResponseLogWriter.path(directory: dir.path, questionnaireID: id, station: "S01")
    let independent = try independentReading(path)
    #expect(independent.cases == (try enkatReading(path, questionnaire: flagship)))
    #expect(independent.cases["S01-0001"]?.contains("area=2") == true)
    #expect(independent.cases["S01-0001"]?.contains { $0.hasPrefix("automation") } == false)
    #expect(independent.problems == 0)
  }

  @Test(
    "killed with SIGKILL mid-interview, the case resumes at the first open question with no acknowledged answer lost")
  func crashAndResume() throws {
    let dir = TemporaryDirectory()
    let first = try Interviewer(flagship, data: dir.path)
    try first.answer("intro", "")
    try first.answer("area", "1")
    try first.answer("satisfaction", "4")
    try first.answer("legalCertainty", "1")
    try first.see("politicians> ")  // legalCertainty is acknowledged: the next prompt is showing
    first.session.send("Avsk")
    try first.see("Avsk")
    #expect(try first.session.kill(signal: SIGKILL) == 137)
    let path = ResponseLogWriter.path(directory: dir.path, questionnaireID: id, station: "S01")
    #expect(
      summary(try ResponseLogWriter.read(path: path)) == [
        "start", "order area", "area=1", "satisfaction=4", "legalCertainty=1",
      ])
    // What a crash during a write could leave: the first bytes of a record, no line break.
    TestFiles.append(
      Array(#"{"v":1,"seq":5,"at":"2026-11-23T12:00:00.000Z","station":"S01","case":"S01-00"#.utf8), to: path)

    let second = try Interviewer(flagship, data: dir.path, extra: ["--resume"])
    try second.see("was being written when enkat stopped (it was never acknowledged), sealed off")
    try second.see("Intervju S01-0001 återupptagen med 3 sparade svar.")
    try second.see("Kvalitet och rättssäkerhet")
    try second.answer("politicians", "Avskaffas")
    try second.answer("prevention", "/back")
    try second.see("Nu: 2 Avskaffas")
    try second.answer("politicians", "")
    for (question, keys) in [
      ("prevention", "2"), ("threatened", "2"), ("automationAttitude", "1"), ("automationAdvantages", "2"),
      ("automationDrawbacks", "1"), ("leaveIntention", "3"), ("ageGroup", "3"), ("years", "45"),
    ] {
      try second.answer(question, keys)
    }
    try second.see("45 år som socialsekreterare är ovanligt många. (Stämmer det? /ok eller samma svar")
    for (question, keys) in [
      ("years", "/ok"), ("gender", "1"),
      ("municipality", "1"), ("comment", ""), ("thanks", ""), ("slut", ""),
    ] {
      try second.answer(question, keys)
    }
    try second.see("avslutad (complete)")
    #expect(try second.session.waitExit() == 0)

    let contents = try ResponseLogWriter.read(path: path)
    #expect(
      summary(contents) == [
        "start", "order area", "area=1", "satisfaction=4", "legalCertainty=1", "sealed", "resume", "politicians=2",
        "prevention=2",
        "threatened=2", "automationAttitude=1", "automationAdvantages=2", "automationDrawbacks=1", "leaveIntention=3",
        "ageGroup=3", "confirm years 1", "years=45", "gender=1", "municipality=1", "comment=noAnswer", "end complete",
      ])
    #expect(contents.records.map(\.record.sequence) == Array(1...21), "numbering continues after the crash")
    #expect(contents.problems.isEmpty, "the torn fragment was reported when it was sealed, and is quiet after")
    #expect(contents.sealedFragments.map(\.line) == [6])
    #expect(Set(contents.cases.map(\.caseID)) == ["S01-0001"])
    let independent = try independentReading(path)
    #expect(independent.cases == (try enkatReading(path, questionnaire: flagship)))
    #expect(independent.cases["S01-0001"]?.count == 15)
    #expect(independent.problems == 0, "the sealed torn fragment is not a problem")
  }

  @Test("a case is resumed only with the questionnaire content it was started with")
  func resumeNeedsSameQuestionnaire() throws {
    let dir = TemporaryDirectory()
    let first = try Interviewer(flagship, data: dir.path)
    try first.answer("intro", "")
    try first.answer("area", "3")
    try first.answer("satisfaction", "/pause")
    #expect(try first.session.waitExit() == 0)
    let edited = dir.file("edited.json")
    TestFiles.write(
      TestFiles.text(flagship).replacingOccurrences(of: "Hur gammal är du?", with: "Hur gammal är du idag?"), to: edited
    )
    let second = try Interviewer(edited, data: dir.path, extra: ["--resume"])
    try second.see(
      "case S01-0001 was started with questionnaire version 1.0.0, and the file given is version 1.0.0 with different content"
    )
    #expect(try second.session.waitExit() == 1)
    #expect(
      summary(try first.records(id)) == ["start", "order area", "area=3", "end suspended"], "nothing was written")
  }

  @Test("resume with nothing to resume says so")
  func nothingToResume() throws {
    let dir = TemporaryDirectory()
    let i = try Interviewer(flagship, data: dir.path, extra: ["--resume"])
    try i.see("there is no unfinished interview to resume")
    #expect(try i.session.waitExit() == 1)
  }
}
