import EnkatLog
import EnkatTestSupport
import Foundation
import Testing

@Suite("enkat simulate")
struct SimulateCommandTests {
  let flagship = PackagePaths.flagship
  let id = "ssr-socialsekreterare-2019"

  @Test("10,000 simulated cases of the flagship complete, reach every question, and are ordinary response files")
  func tenThousand() throws {
    let dir = TemporaryDirectory()
    let out = try Shell.run(
      "\(PackagePaths.enkat) simulate \(flagship) --cases 10000 --seed 7 --data \(dir.path) --require-all-reached")
    #expect(out.status == 0, "\(out.text)")
    #expect(out.text.contains("Simulated 10000 cases of ssr-socialsekreterare-2019 1.0.0 (seed 7)"))
    #expect(out.text.contains(": 10000 complete."))
    #expect(out.text.contains("Every question was reached."))
    let contents = try ResponseLogWriter.read(
      path: ResponseLogWriter.path(directory: dir.path, questionnaireID: id, station: "SIM"))
    #expect(contents.problems.isEmpty)
    let cases = contents.cases
    #expect(cases.count == 10000)
    #expect(cases.allSatisfy { $0.outcome == .complete && $0.start?.questionnaireDigest.hasPrefix("sha256:") == true })
    #expect(cases.first?.caseID == "SIM-0001" && cases.last?.caseID == "SIM-10000")
  }

  @Test("a profile shapes the simulated data: the 2019 example reproduces the published shares")
  func profile() throws {
    let dir = TemporaryDirectory()
    let profile = PackagePaths.root() + "/Examples/ssr-2019-profile.json"
    let out = try Shell.run(
      "\(PackagePaths.enkat) simulate \(flagship) --cases 2000 --seed 3 --data \(dir.path) --profile \(profile)")
    #expect(out.status == 0, "\(out.text)")
    let path = ResponseLogWriter.path(directory: dir.path, questionnaireID: id, station: "SIM")
    let reading = try independentReading(path)
    let share = { (answer: String) -> Double in
      Double(reading.cases.values.filter { $0.contains(answer) }.count) / Double(reading.cases.count)
    }
    #expect(abs(share("legalCertainty=2") - 0.40) < 0.04, "four in ten: \(share("legalCertainty=2"))")
    #expect(abs(share("politicians=2") - 0.60) < 0.04, "six in ten: \(share("politicians=2"))")
    #expect(abs(share("prevention=1") - 0.75) < 0.04, "three in four: \(share("prevention=1"))")
    #expect(abs(share("threatened=1") - 0.36) < 0.04, "more than one in three: \(share("threatened=1"))")
  }

  @Test("an unreachable question is reported, and fails --require-all-reached")
  func unreachable() throws {
    let dir = TemporaryDirectory()
    let file = dir.file("q.json")
    TestFiles.write(
      TestFiles.text(flagship).replacingOccurrences(
        of: "\"askIf\": \"area = 5\"", with: "\"askIf\": \"area = 5 and area = 4\""), to: file)
    let out = try Shell.run(
      "\(PackagePaths.enkat) simulate \(file) --cases 200 --data \(dir.path) --require-all-reached")
    #expect(out.status == 1)
    #expect(out.text.contains("Never reached (1): areaOther"))
  }

  @Test("enkat replay lists what a new version would change in the recorded interviews")
  func replay() throws {
    let dir = TemporaryDirectory()
    _ = try Shell.run("\(PackagePaths.enkat) simulate \(flagship) --cases 300 --data \(dir.path)")
    let v2 = dir.file("v2.json")
    TestFiles.write(
      TestFiles.text(flagship).replacingOccurrences(
        of: "\"askIf\": \"area = 5\"", with: "\"askIf\": \"area in (4, 5)\""), to: v2)
    let log = ResponseLogWriter.path(directory: dir.path, questionnaireID: id, station: "SIM")
    let same = try Shell.run("\(PackagePaths.enkat) replay \(flagship) \(log)")
    #expect(same.status == 0)
    #expect(
      same.text.hasSuffix("300 cases of ssr-socialsekreterare-2019 replayed with version 1.0.0: 0 affected.\n"),
      "\(same.text)")
    let changed = try Shell.run("\(PackagePaths.enkat) replay \(v2) \(log)")
    #expect(changed.status == 0)
    let areaFour = try independentReading(log).cases.values.filter { $0.contains("area=4") }.count
    #expect(areaFour > 0)
    #expect(
      changed.text.contains(
        "300 cases of ssr-socialsekreterare-2019 replayed with version 1.0.0: \(areaFour) affected (\(areaFour) missing)."
      ), "\(changed.text)")
    #expect(changed.text.contains("  missing: areaOther (now on the route, never asked)"))
    #expect(try String(contentsOfFile: log, encoding: .utf8).count == TestFiles.text(log).count, "nothing is written")
  }

  @Test("a profile with errors is refused with its diagnostics")
  func badProfile() throws {
    let dir = TemporaryDirectory()
    TestFiles.write(
      #"{"profileVersion": 1, "rules": [{"question": "aera", "weights": {"1": 1}}]}"#, to: dir.file("p.json"))
    let out = try Shell.run(
      "\(PackagePaths.enkat) simulate \(flagship) --data \(dir.path) --profile \(dir.file("p.json"))")
    #expect(out.status == 1)
    #expect(out.text.contains("p.json:1:46: error[E110]: unknown question 'aera'"), "\(out.text)")
  }
}
