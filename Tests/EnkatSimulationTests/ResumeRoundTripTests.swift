import EnkatExpressions
import EnkatLog
import EnkatModel
import EnkatTestSupport
import Testing

@testable import EnkatEngine
@testable import EnkatSimulation

/// For every shipped questionnaire: interviews with revisions, soft-check confirmations, pauses
/// and resumes, written as response records and read back at each resume, follow the same route
/// as the interview did, and a completed case replays against its own version with no finding.
@Suite("Routes rebuilt from the file equal the routes followed")
struct ResumeRoundTripTests {
  static let files = ["ssr-socialsekreterare-2019.json", "medborgarundersokning.json", "hushallsundersokning.json"]

  /// The records as a reader gets them back from the file: each encoded, then decoded.
  static func fromFile(_ payloads: [ResponseRecord.Payload], caseID: String) -> CaseHistory {
    let records = payloads.enumerated().map { i, payload in
      let record = ResponseRecord(
        sequence: i + 1, time: "2026-11-29T12:00:00.000Z", station: "S", caseID: caseID, questionnaireDigest: "d",
        payload: payload)
      return try! RecordCodec.decode(RecordCodec.encode(record)[...]).get()
    }
    return CaseHistory(questionnaireID: "q", station: "S", caseID: caseID, records: records)
  }

  /// Where walking forward from the first question with Enter stops: at a question without an
  /// answer, or at a kept answer that is refused or warned about.
  static func walkForwardStop(_ interview: Interview) -> String? {
    var walker = interview
    while case .ask = walker.step, walker.handle(.command(.back)).feedback == nil {}
    while let question = walker.currentQuestion {
      if question.takesAnswer && walker.responses[question.id] == nil { return question.id }
      if walker.handle(.answer("")).feedback != nil { return question.id }
    }
    return nil
  }

  @Test("random interviews with revisions, pauses and resumes", arguments: files)
  func roundTrip(file: String) throws {
    let q = try #require(
      QuestionnaireLoader.load(TestFiles.bytes(PackagePaths.root() + "/Questionnaires/" + file), file: file)
        .questionnaire)
    let today = CalendarDay.parse("2026-11-29")
    let language = q.languages[0]
    var resumes = 0
    var completed = 0
    var confirmations = 0
    for n in 1...120 {
      var random = SeededGenerator.forCase(n, seed: 99)
      let caseID = "S-\(n)"
      let caseSeed = SeededGenerator.seed(from: caseID)
      var interview = Interview(questionnaire: q, language: language, seed: caseSeed, today: today)
      var respondent = SyntheticRespondent(random: SeededGenerator(seed: random.next()), profile: SimulationProfile())
      var payloads: [ResponseRecord.Payload] = [
        .start(
          .init(
            questionnaireID: q.id, questionnaireVersion: q.version, questionnaireDigest: q.digest, interviewer: "t",
            language: language))
      ]
      var warned = false
      var expectedStop: String?
      for _ in 0..<400 {
        if case .finished(let outcome) = interview.step {
          if outcome != .suspended { break }
          // Resume from what the file holds, and compare with the route the interview followed.
          let history = Self.fromFile(payloads, caseID: caseID)
          let (responses, unusable) = history.responses(for: q)
          #expect(unusable.isEmpty, "\(file) case \(n)")
          #expect(responses == interview.responses, "\(file) case \(n)")
          let resumed = Interview(
            questionnaire: q, language: language, responses: responses, confirmations: history.confirmedChecks,
            seed: caseSeed, today: today)
          #expect(resumed.route == interview.route, "\(file) case \(n): the rebuilt route differs")
          #expect(resumed.confirmations == interview.confirmations, "\(file) case \(n)")
          // A case paused before its first answer starts over at its first question (an
          // introduction included); otherwise it resumes where walking forward would stop.
          #expect(
            resumed.currentQuestion?.id
              == (responses.isEmpty ? resumed.questions.first(where: \.isShown)?.id : expectedStop),
            "\(file) case \(n): resumed at \(resumed.currentQuestion?.id ?? "the end"), walking forward stops at \(expectedStop ?? "the end")"
          )
          payloads.append(.resume(interviewer: "t", language: language))
          interview = resumed
          resumes += 1
          continue
        }
        let roll = Int.random(in: 0..<100, using: &random)
        let line: String
        if warned && roll < 50 {
          line = "/ok"
          confirmations += 1
        } else if roll < 6 {
          line = "/back"
        } else if roll < 9 {
          line = "/pause"
        } else if let question = interview.currentQuestion {
          line = respondent.reply(to: question, answers: interview.responseValues)
        } else {
          line = ""
        }
        if line == "/pause" { expectedStop = Self.walkForwardStop(interview) }
        let transition = interview.handle(InterviewInput(parsing: line), elapsedMilliseconds: 5)
        payloads += transition.events.map(ResponseRecord.Payload.init)
        if case .problem(.checkWarning) = transition.feedback { warned = true } else { warned = false }
      }
      guard case .finished(.complete) = interview.step else { continue }
      completed += 1
      let history = Self.fromFile(payloads, caseID: caseID)
      let (responses, unusable) = history.responses(for: q)
      let findings = Interview.replay(
        questionnaire: q, language: language, responses: responses, unusable: unusable, complete: true, seed: caseSeed,
        today: today)
      #expect(findings.isEmpty, "\(file) case \(n): \(findings)")
    }
    #expect(resumes > 50, "resumed \(resumes) times")
    #expect(completed > 30, "completed \(completed)")
    #expect(
      confirmations > 0 || file == "hushallsundersokning.json", "soft checks were confirmed \(confirmations) times")
  }
}
