import EnkatEngine
import EnkatExpressions
import EnkatFieldwork
import EnkatLog
import EnkatModel
@preconcurrency import Glibc

/// The interviewer loop: shows each step, reads the interviewer's line, hands it to the engine and
/// writes the resulting events to the response file before the next prompt appears.
public final class InterviewSession {
  /// Who interviews, in which language, and which case.
  public struct Settings: Sendable {
    public var interviewer: String
    public var language: String
    /// Resume an unfinished case (the given one, or the most recent resumable one).
    public var resume: Bool
    public var caseID: String?
    /// The sample's values for the questionnaire's preload variables (CATI).
    public var preload: [String: Value]
    /// CATI screening: after each answer, given the answers so far, whether the respondent is
    /// screened out (over quota); the interview then ends politely as a break-off.
    public var screensOut: (@Sendable ([String: Value]) -> Bool)?

    public init(
      interviewer: String, language: String, resume: Bool, caseID: String?, preload: [String: Value] = [:],
      screensOut: (@Sendable ([String: Value]) -> Bool)? = nil
    ) {
      self.interviewer = interviewer
      self.language = language
      self.resume = resume
      self.caseID = caseID
      self.preload = preload
      self.screensOut = screensOut
    }
  }

  /// How the session ended.
  public struct Result: Sendable {
    public var caseID: String
    public var outcome: InterviewOutcome
    /// True when a signal (SIGTERM, SIGHUP) ended the session.
    public var terminated: Bool
    /// True when the screening ended the interview (`Settings.screensOut`).
    public var screenedOut = false
  }

  private let questionnaire: Questionnaire
  private let writer: ResponseLogWriter
  private var reader: any LineReader
  private let settings: Settings
  private let bold: Bool
  /// Rendering for the terminal's current width (it may be resized between questions), at most 100.
  private var renderer: PromptRenderer {
    PromptRenderer(language: language, bold: bold, width: min(TerminalSetup.columns, 101) - 1)
  }
  private let clock = SystemClock()
  private var history: [String: [String]] = [:]
  /// The language the interview is in now (`/lang` changes it).
  private var language: String
  private var caseID = ""

  public init(
    questionnaire: Questionnaire, writer: ResponseLogWriter, reader: any LineReader, settings: Settings, bold: Bool
  ) {
    self.questionnaire = questionnaire
    self.writer = writer
    self.reader = reader
    self.settings = settings
    self.bold = bold
    language = settings.language
  }

  /// Runs the interview to its end. Throws when the response file cannot be written (the answer
  /// then was not acknowledged) or the case cannot be resumed.
  public func run() throws -> Result {
    var interview = try begin()
    var shown = clock.milliseconds()
    var feedback: Feedback?
    while true {
      let step = interview.step
      if case .finished(let outcome) = step {
        say(TerminalText(language: language).ended(caseID, outcome.rawValue, writer.path) + "\n")
        return Result(caseID: caseID, outcome: outcome, terminated: false)
      }
      if feedback == nil { shown = clock.milliseconds() }
      show(step, feedback)
      let (prompt, completions, questionID, list) = inputLine(for: step)
      let read = reader.readLine(
        prompt: prompt, completions: completions,
        history: history[questionID, default: []], listSeparator: list ? "," : nil)
      switch read {
      case .line(let line):
        if !line.allSatisfy(\.isWhitespace) { history[questionID, default: []].append(line) }
        let transition = interview.handle(
          InterviewInput(parsing: line), elapsedMilliseconds: clock.milliseconds() - shown)
        try record(transition.events)
        feedback = transition.feedback
        language = interview.language
        if let screensOut = settings.screensOut,
          transition.events.contains(where: { if case .answered = $0 { true } else { false } }),
          screensOut(interview.responseValues)
        {
          try record(interview.handle(.command(.stop)).events)
          say(Words(language: language)[.screenedOut] + "\n")
          return Result(caseID: caseID, outcome: .breakOff, terminated: false, screenedOut: true)
        }
      case .interrupted:
        say(renderer.interrupted)
        feedback = nil
      case .endOfInput:
        try record(interview.handle(.command(.pause)).events)
        feedback = nil
      case .terminated:
        try record(interview.handle(.command(.pause)).events)
        say(
          TerminalText(language: language).ended(caseID, InterviewOutcome.suspended.rawValue, writer.path)
            + "\n")
        return Result(caseID: caseID, outcome: .suspended, terminated: true)
      }
    }
  }

  private func begin() throws -> Interview {
    let words = TerminalText(language: settings.language)
    let lifecycle = CaseLifecycle(questionnaire: questionnaire, writer: writer)
    let opened =
      settings.resume
      ? try lifecycle.resumeCase(
        settings.caseID, interviewer: settings.interviewer, language: settings.language, time: clock.timestamp(),
        today: clock.today(), preload: settings.preload)
      : try lifecycle.startCase(
        settings.caseID, interviewer: settings.interviewer, language: settings.language, time: clock.timestamp(),
        today: clock.today(), preload: settings.preload)
    caseID = opened.caseID
    if let answers = opened.resumedAnswers {
      say(words.resumed(caseID, answers) + "\n")
    } else {
      say(words.started(caseID, writer.path) + "\n")
    }
    return opened.interview
  }

  /// Writes the events of one step with one write and one sync: an answer and the clears or the
  /// order it brings are on disk together before the next prompt.
  private func record(_ events: [InterviewEvent]) throws {
    guard !events.isEmpty else { return }
    try writer.append(contentsOf: events.map(ResponseRecord.Payload.init), caseID: caseID, time: clock.timestamp())
  }

  private func show(_ step: Step, _ feedback: Feedback?) {
    switch feedback {
    case .problem(let p): say(renderer.problem(p)); return
    case .help: say(renderer.help); return
    case nil: break
    }
    switch step {
    case .ask(let prompt): say(renderer.render(prompt))
    case .confirmEnd: say(renderer.confirmEnd)
    case .finished: break
    }
  }

  private func inputLine(for step: Step) -> (String, [String], String, Bool) {
    switch step {
    case .ask(let prompt):
      return (renderer.inputPrompt(prompt), prompt.completions, prompt.questionID, prompt.acceptsList)
    default: return (Words(language: language)[.endPrompt], ["/back", "/pause"], "", false)
    }
  }

  private func say(_ text: String) {
    fputs(text, stdout)
    fflush(stdout)
  }
}
