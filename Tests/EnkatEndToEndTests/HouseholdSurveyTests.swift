import EnkatLog
import EnkatTestSupport
import Testing

@Suite("The household survey's rosters in a real terminal")
struct HouseholdSurveyTests {
  let file = PackagePaths.root() + "/Questionnaires/hushallsundersokning.json"

  @Test(
    "a date with its checks, a roster per household member, a second pass over the members, the members as options, and a loop per chosen option, with back across iterations"
  )
  func interview() throws {
    let dir = TemporaryDirectory()
    let i = try Interviewer(file, data: dir.path)
    try i.answer("intro", "")
    try i.answer("hhsize", "9")
    try i.see("Svaret måste ligga mellan 1 och 8.")
    try i.answer("hhsize", "2")
    try i.see("Datum ÅÅÅÅ-MM-DD (1900-01-01–)")
    try i.answer("moved", "2019-02-30")
    try i.see("”2019-02-30” är inget datum.")
    try i.answer("moved", "2999-01-01")
    try i.see("2999-01-01 har inte varit än.")
    try i.answer("moved", "20190615")
    try i.see("Person 1 av 2")
    try i.answer("name[1]", "Anna")
    try i.see("Hur gammal är Anna?")
    try i.answer("age[1]", "41")
    try i.answer("works[1]", "1")
    try i.see("Person 2 av 2")
    try i.see("Vad heter person 2?")
    try i.answer("name[2]", "/back")
    try i.see("Arbetar eller studerar Anna?")
    try i.answer("works[1]", "2")
    try i.answer("name[2]", "Bo")
    try i.answer("age[2]", "45")
    try i.answer("relation[2]", "Barn")
    try i.see("Bo är 45 år och ditt barn. Stämmer det?")
    try i.answer("relation[2]", "/ok")
    try i.answer("works[2]", "3")
    try i.see("Resor till arbete eller skola: Anna")
    try i.see("Hur tar sig Anna oftast till arbete eller skola?")
    try i.answer("commuteMode[1]", "5")
    try i.see("Vilket annat sätt?")
    try i.answer("commuteMode_other[1]", "Moped")
    try i.see("Vem i hushållet har högst inkomst?")
    try i.see("1  Anna")
    try i.see("2  Bo")
    try i.see("97  Lika mycket")
    try i.answer("mainEarner", "B\t")
    try i.answer("modes", "2,4")
    try i.see("Färdsätt: Buss")
    try i.see("Hur många dagar i veckan reser du med Buss?")
    try i.answer("days[2]", "5")
    try i.answer("satisfied[2]", "4")
    try i.see("Färdsätt: Cykel")
    try i.answer("days[4]", "3")
    try i.answer("satisfied[4]", "5")
    try i.answer("thanks", "")
    try i.answer("slut", "")
    try i.see("avslutad (complete)")
    #expect(try i.session.waitExit() == 0)
    let contents = try i.records("hushallsundersokning")
    #expect(
      summary(contents) == [
        "start", "hhsize=2", "moved='2019-06-15'", "name[1]='Anna'", "age[1]=41", "works[1]=1", "works[1]=2 rev",
        "name[2]='Bo'", "age[2]=45",
        "confirm relation[2] 0", "relation[2]=2", "works[2]=3", "commuteMode[1]=5",
        "commuteMode_other[1]='Moped'", "mainEarner=2", "order modes", "modes=2,4", "days[2]=5",
        "satisfied[2]=4", "days[4]=3", "satisfied[4]=5", "end complete",
      ])
    let path = ResponseLogWriter.path(directory: dir.path, questionnaireID: "hushallsundersokning", station: "S01")
    let independent = try independentReading(path)
    #expect(independent.problems == 0)
    #expect(independent.cases == (try enkatReading(path, questionnaire: file)))
  }

  @Test("simulation reaches every question of the household survey")
  func simulate() throws {
    let dir = TemporaryDirectory()
    let out = try Shell.run(
      "\(PackagePaths.enkat) simulate \(file) --cases 500 --data \(dir.path) --require-all-reached")
    #expect(out.status == 0, "\(out.text)")
    #expect(out.text.contains("Every question was reached."))
  }

  @Test("--today pins the date of simulated interviews: dates stay before it and a rerun gives the same file")
  func simulateOnAFixedDay() throws {
    let dir = TemporaryDirectory()
    func run(_ data: String) throws -> [UInt8] {
      let out = try Shell.run(
        "\(PackagePaths.enkat) simulate \(file) --cases 50 --seed 3 --today 2001-06-30 --data \(data)")
      #expect(out.status == 0, "\(out.text)")
      let path = ResponseLogWriter.path(directory: data, questionnaireID: "hushallsundersokning", station: "SIM")
      let moved = try ResponseLogWriter.read(path: path).records.compactMap { r -> String? in
        if case .answer("moved", .text(let date), _, _) = r.record.payload { return date } else { return nil }
      }
      #expect(moved.count > 40 && moved.allSatisfy { $0 <= "2001-06-30" }, "\(moved)")
      return TestFiles.bytes(path)
    }
    let first = try run(dir.file("a"))
    let second = try run(dir.file("b"))
    let withoutTimes = { (bytes: [UInt8]) in
      String(decoding: bytes, as: UTF8.self).replacing(#/"at":"[^"]*",/#, with: "").replacing(
        #/"crc32":"[0-9a-f]*"/#, with: "")
    }
    #expect(withoutTimes(first) == withoutTimes(second))
    let bad = try Shell.run("\(PackagePaths.enkat) simulate \(file) --today 2001-02-30 --data \(dir.file("c"))")
    #expect(bad.status != 0 && bad.text.contains("--today must be a date written YYYY-MM-DD"))
  }
}
