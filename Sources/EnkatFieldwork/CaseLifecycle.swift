import EnkatEngine
import EnkatExpressions
import EnkatLog
import EnkatModel

/// Opening a case on a station's response file, for any front end (the terminal interviewer,
/// `enkat simulate`, the CATI loop): a new case (the next id, or a given one such as a sample's
/// respondent id) with its `start` record, or an unfinished one resumed with its `resume` record
/// after checking that it was started with this questionnaire. The time is passed in.
public struct CaseLifecycle {
  /// A case opened for interviewing: its id, the engine positioned where it stands, and (when
  /// resumed) how many answers it already had.
  public struct Opened {
    public var caseID: String
    public var interview: Interview
    public var resumedAnswers: Int?
  }

  public let questionnaire: Questionnaire
  public let writer: ResponseLogWriter

  public init(questionnaire: Questionnaire, writer: ResponseLogWriter) {
    self.questionnaire = questionnaire
    self.writer = writer
  }

  /// The `start` record of a new case.
  public func start(interviewer: String, language: String) -> ResponseRecord.Payload {
    .start(
      InterviewStart(
        questionnaireID: questionnaire.id, questionnaireVersion: questionnaire.version,
        questionnaireDigest: questionnaire.digest, interviewer: interviewer, language: language))
  }

  /// Starts a new case: `caseID`, which must not exist yet, or the station's next id. The `start`
  /// record is on disk when this returns.
  public func startCase(
    _ caseID: String?, interviewer: String, language: String, time: String, today: Int,
    preload: [String: Value] = [:]
  ) throws -> Opened {
    let id: String
    if let caseID {
      guard !writer.hasCase(caseID) else { throw SessionError.caseExists(caseID, writer.path) }
      id = caseID
    } else {
      id = writer.nextCaseID()
    }
    try writer.append(start(interviewer: interviewer, language: language), caseID: id, time: time)
    return Opened(
      caseID: id,
      interview: Interview(
        questionnaire: questionnaire, language: language, seed: SeededGenerator.seed(from: id), today: today,
        preload: preload),
      resumedAnswers: nil)
  }

  /// Resumes `caseID`, or the station's most recent resumable case: its answers replayed into the
  /// engine, a `resume` record on disk when this returns.
  public func resumeCase(
    _ caseID: String?, interviewer: String, language: String, time: String, today: Int,
    preload: [String: Value] = [:]
  ) throws -> Opened {
    let resumable = writer.resumableCases
    guard let id = caseID.map({ resumable.contains($0) ? $0 : nil }) ?? resumable.last else {
      if let caseID {
        if let outcome = writer.closedOutcome(of: caseID) {
          throw SessionError.caseNotResumable(caseID, outcome.rawValue)
        }
        throw writer.hasCase(caseID)
          ? SessionError.caseWithoutStart(caseID, writer.path) : SessionError.caseNotFound(caseID, writer.path)
      }
      throw SessionError.nothingToResume(writer.path)
    }
    let found = try writer.history(of: id)
    guard let start = found.start, start.questionnaireDigest == questionnaire.digest else {
      throw SessionError.questionnaireChanged(
        found.caseID, found.start?.questionnaireVersion ?? "?", questionnaire.version)
    }
    let (responses, _) = found.responses(for: questionnaire)
    try writer.append(.resume(interviewer: interviewer, language: language), caseID: found.caseID, time: time)
    return Opened(
      caseID: found.caseID,
      interview: Interview(
        questionnaire: questionnaire, language: language, responses: responses, confirmations: found.confirmedChecks,
        seed: SeededGenerator.seed(from: found.caseID), today: today, preload: preload),
      resumedAnswers: responses.count)
  }
}

/// Why a case could not start or resume.
public enum SessionError: Error, CustomStringConvertible {
  case nothingToResume(String)
  case caseNotFound(String, String)
  case caseNotResumable(String, String)
  case caseExists(String, String)
  case caseWithoutStart(String, String)
  case questionnaireChanged(String, String, String)

  public var description: String {
    switch self {
    case .nothingToResume(let path):
      return "there is no unfinished interview to resume in \(path). Start a new one without --resume."
    case .caseNotFound(let id, let path):
      return "case \(id) is not in \(path). Check --case and --station."
    case .caseNotResumable(let id, let outcome):
      return "case \(id) ended as \(outcome) and cannot be resumed."
    case .caseExists(let id, let path):
      return "case \(id) already exists in \(path). Use --resume to continue it, or another --case."
    case .caseWithoutStart(let id, let path):
      return "case \(id) in \(path) has no readable start record, so it cannot be resumed. Start a new case."
    case .questionnaireChanged(let id, let old, let new):
      return
        "case \(id) was started with questionnaire version \(old), and the file given is version \(new) with different content. Resume it with the questionnaire it was started with."
    }
  }
}
