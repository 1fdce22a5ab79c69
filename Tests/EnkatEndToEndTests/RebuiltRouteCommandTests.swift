import EnkatLog
import EnkatTestSupport
import Foundation
import Testing

/// `--resume` and `enkat replay` rebuild the route the interviewer saw.
@Suite("Resume and replay follow the interview's route")
struct RebuiltRouteCommandTests {
  let enkat = PackagePaths.enkat

  let moved = """
    {"formatVersion": 1, "id": "moved", "version": "1", "title": {"en": "M"}, "languages": ["en"], "sections": [
      {"id": "s", "title": {"en": "S"}, "questions": [
       {"id": "moved", "type": "date", "range": {"min": "1990-01-01"}, "text": {"en": "When did you move here?"}},
       {"id": "recent", "type": "computed", "expression": "daysBetween(moved, today()) < 365"},
       {"id": "settled", "type": "singleChoice", "askIf": "recent", "text": {"en": "Have you settled in?"},
        "options": [{"code": 1, "label": {"en": "Yes"}}, {"code": 2, "label": {"en": "No"}}]},
       {"id": "bye", "type": "text", "required": false, "text": {"en": "Anything else?"}}]}]}
    """

  @Test("a condition on today() is asked after a resume, and replay of the same version finds nothing")
  func todayOnResumeAndReplay() throws {
    let dir = TemporaryDirectory()
    let q = dir.file("moved.json")
    TestFiles.write(moved, to: q)
    let interview = "\(enkat) interview \(q) --data \(dir.path) --station T"
    let recent = Calendar(identifier: .gregorian).date(byAdding: .day, value: -30, to: Date())!
    let day = ISO8601DateFormatter.string(
      from: recent, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
    let first = try Shell.run("printf '\(day)\\n/pause\\n' | \(interview) 2>&1")
    #expect(first.status == 0, "\(first.text)")
    let second = try Shell.run("printf '1\\n\\n\\n' | \(interview) --resume 2>&1")
    #expect(second.status == 0, "\(second.text)")
    #expect(second.text.contains("Have you settled in?"), "settled is asked after the resume: \(second.text)")
    let simulated = try Shell.run("\(enkat) simulate \(q) --cases 300 --seed 4 --data \(dir.path) 2>&1")
    #expect(simulated.status == 0, "\(simulated.text)")
    let files = [
      ResponseLogWriter.path(directory: dir.path, questionnaireID: "moved", station: "T"),
      ResponseLogWriter.path(directory: dir.path, questionnaireID: "moved", station: "SIM"),
    ]
    let replay = try Shell.run("\(enkat) replay \(q) \(files.joined(separator: " ")) 2>&1")
    #expect(replay.status == 0, "\(replay.text)")
    #expect(replay.text.contains("301 cases of moved replayed with version 1: 0 affected."), "\(replay.text)")
  }

  let checked = """
    {"formatVersion": 1, "id": "c", "version": "1", "title": {"en": "C"}, "languages": ["en"], "sections": [
      {"id": "s", "title": {"en": "S"}, "questions": [
       {"id": "young", "type": "singleChoice", "text": {"en": "Under 30?"},
        "options": [{"code": 1, "label": {"en": "Yes"}}, {"code": 2, "label": {"en": "No"}}]},
       {"id": "years", "type": "number", "range": {"min": 0, "max": 60}, "text": {"en": "Years in the job?"},
        "checks": [{"rule": "not (young = 1 and years > 20)", "message": {"en": "Too many years for under 30."}}]},
       {"id": "pay", "type": "number", "text": {"en": "Monthly pay?"}},
       {"id": "bye", "type": "text", "required": false, "text": {"en": "Anything else?"}}]}]}
    """

  @Test("after a revision and a pause, --resume stops at the kept answer that no longer passes")
  func resumeAfterRevision() throws {
    let dir = TemporaryDirectory()
    let q = dir.file("c.json")
    TestFiles.write(checked, to: q)
    let interview = "\(enkat) interview \(q) --data \(dir.path) --station T"
    let first = try Shell.run("printf '2\\n25\\n30000\\n/back\\n/back\\n/back\\n1\\n/pause\\n' | \(interview) 2>&1")
    #expect(first.status == 0, "\(first.text)")
    let second = try Shell.run("printf '\\n15\\n\\n\\n\\n' | \(interview) --resume 2>&1")
    #expect(second.status == 0, "\(second.text)")
    let text = second.text
    let years = try #require(text.range(of: "Years in the job?"), "\(text)")
    #expect(text[years.upperBound...].contains("Too many years for under 30."), "the kept 25 is re-checked: \(text)")
    let contents = try ResponseLogWriter.read(
      path: ResponseLogWriter.path(directory: dir.path, questionnaireID: "c", station: "T"))
    let replay = try Shell.run(
      "\(enkat) replay \(q) \(ResponseLogWriter.path(directory: dir.path, questionnaireID: "c", station: "T")) 2>&1")
    #expect(replay.text.contains("1 case of c replayed with version 1: 0 affected."), "\(replay.text)")
    #expect(contents.cases.first?.outcome == .complete)
  }
}
