import EnkatEngine
import EnkatExpressions
import EnkatFieldwork
import EnkatLog
import EnkatModel
@preconcurrency import Glibc

/// The CATI loop of one interviewer (docs/cati.md): claims the next case of the shared sample,
/// shows its contact details, strata and call history, and records the call's outcome — or runs
/// the interview (`InterviewSession`) with the sample's id as the case id and records how it
/// ended. Every attempt is on disk before the next case is offered.
public final class CatiSession {
  /// Who calls, and by which rules.
  public struct Settings: Sendable {
    public var interviewer: String
    public var language: String
    public var station: String
    public var policy: CallQueue.Policy
    public var quotas: Quotas?

    public init(interviewer: String, language: String, station: String, policy: CallQueue.Policy, quotas: Quotas?) {
      self.interviewer = interviewer
      self.language = language
      self.station = station
      self.policy = policy
      self.quotas = quotas
    }
  }

  private let questionnaire: Questionnaire
  private let writer: ResponseLogWriter
  private let callLog: CallLogWriter
  private let sample: SampleStore
  private let claimant: Claimant
  private let settings: Settings
  private let bold: Bool
  private let now: () -> Int
  private let makeReader: () -> any LineReader
  private var reader: any LineReader
  private var words: Words { Words(language: settings.language) }
  private var calls = 0

  public init(
    questionnaire: Questionnaire, writer: ResponseLogWriter, callLog: CallLogWriter, sample: SampleStore,
    claimant: Claimant,
    settings: Settings, bold: Bool, now: @escaping () -> Int, makeReader: @escaping () -> any LineReader
  ) {
    self.questionnaire = questionnaire
    self.writer = writer
    self.callLog = callLog
    self.sample = sample
    self.claimant = claimant
    self.settings = settings
    self.bold = bold
    self.now = now
    self.makeReader = makeReader
    reader = makeReader()
  }

  /// Calls case after case until the interviewer stops (`q`, Ctrl-D) or a signal ends the session.
  /// Returns the number of attempts recorded.
  public func run() throws -> Int {
    let strata = try sample.strata()
    while true {
      // The quota cells full by the completes so far (another interviewer's interview in progress
      // may still complete one: the screening question is the last word).
      let quotas = settings.quotas
      let full = try quotas.map { try fullCells($0, strata) } ?? []
      let offer = try sample.claimNext(
        for: claimant, interviewer: settings.interviewer, station: settings.station, at: now(),
        policy: settings.policy,
        blocked: { id in quotas?.cell(of: strata[id] ?? [:]).map(full.contains) ?? false })
      guard let offer else {
        say(words[.catiNothing] + nextAppointmentNote() + "\n")
        switch reader.readLine(
          prompt: words[.catiWaitPrompt] + "> ", completions: ["q"], history: [], listSeparator: nil)
        {
        case .line(let line) where line.trimmingCharacters(in: .whitespaces) != "q": continue
        default:
          say(words(.catiStopped, calls) + "\n")
          return calls
        }
      }
      guard try call(offer, strata: strata[offer.caseID] ?? [:]) else {
        try sample.release(offer.caseID)
        say(words(.catiStopped, calls) + "\n")
        return calls
      }
    }
  }

  /// One call of a claimed case; false when the interviewer stops instead.
  private func call(_ offer: CallQueue.Offer, strata: [String: String]) throws -> Bool {
    let reason: String
    switch offer.reason {
    case .fresh: reason = words[.catiFresh]
    case .retry: reason = words[.catiRetry]
    case .appointmentDue: reason = words(.catiAppointmentDue, FieldTime.format(offer.appointment ?? now()))
    }
    var screen = "\n" + emphasised(words(.catiCase, offer.caseID, reason)) + "\n"
    let contact = try sample.contact(of: offer.caseID)
    screen += contact.sorted { $0.key < $1.key }.map { "  \($0.key): \($0.value)" }.joined(separator: "\n") + "\n"
    if !strata.isEmpty {
      screen += "  " + strata.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: " · ") + "\n"
    }
    let history = try sample.attempts(of: offer.caseID)
    if history.isEmpty {
      screen += words[.catiNoCalls] + "\n"
    } else {
      screen += words[.catiCalls] + "\n"
      for attempt in history {
        screen +=
          "  \(FieldTime.format(attempt.at))  \(attempt.interviewer)  \(label(attempt.outcome))"
          + (attempt.appointment.map { " → \(FieldTime.format($0))" } ?? "") + "\n"
      }
    }
    say(screen)
    while true {
      let read = reader.readLine(
        prompt: words[.catiOutcomePrompt] + "\n> ", completions: ["i", "q"] + CallOutcome.allCases.map(label),
        history: [], listSeparator: nil)
      guard case .line(let line) = read else { return false }
      let answer = line.trimmingCharacters(in: .whitespaces)
      if answer == "q" { return false }
      if answer == "i" {
        try interview(offer.caseID)
        return true
      }
      guard let outcome = parseOutcome(answer) else {
        say(words(.catiBadOutcome, answer) + "\n")
        continue
      }
      var appointment: Int?
      if outcome == .appointment {
        guard let time = askTime() else { return false }
        appointment = time
      }
      try record(offer.caseID, outcome, appointment: appointment)
      return true
    }
  }

  /// Interviews the case (resuming it when this station has it unfinished) and records how it ended.
  private func interview(_ caseID: String) throws {
    if writer.hasCase(caseID), !writer.resumableCases.contains(caseID) {
      // Interviewed here already (the call record was not written before a crash): its outcome stands.
      let outcome = writer.closedOutcome(of: caseID)
      try record(caseID, outcome == .complete ? .complete : .breakOff, appointment: nil, interviewed: true)
      return
    }
    try sample.interviewBegins(caseID, station: settings.station, at: now())
    let session = InterviewSession(
      questionnaire: questionnaire, writer: writer, reader: makeReader(),
      settings: .init(
        interviewer: settings.interviewer, language: settings.language,
        resume: writer.resumableCases.contains(caseID), caseID: caseID,
        preload: PreloadValues.values(questionnaire, from: try sample.everything(of: caseID)),
        screensOut: try screening(caseID)),
      bold: bold)
    let result = try session.run()
    if result.screenedOut {
      try record(caseID, .overQuota, appointment: nil, interviewed: true)
      return
    }
    switch result.outcome {
    case .complete: try record(caseID, .complete, appointment: nil, interviewed: true)
    case .breakOff: try record(caseID, .breakOff, appointment: nil, interviewed: true)
    case .suspended:
      if result.terminated {
        try record(caseID, .appointment, appointment: now(), interviewed: true)
        return
      }
      try record(caseID, .appointment, appointment: askTime() ?? now() + settings.policy.retryDelay, interviewed: true)
    }
  }

  /// The attempt goes to the station's call file first (the record that travels), then to the
  /// shared sample (what the queue reads); a crash between the two only lets the case be called again.
  private func record(_ caseID: String, _ outcome: CallOutcome, appointment: Int?, interviewed: Bool = false)
    throws
  {
    let attempt = CallQueue.Attempt(
      caseID: caseID, interviewer: settings.interviewer, at: now(), outcome: outcome, appointment: appointment)
    try callLog.append(attempt)
    try sample.record(attempt, station: settings.station, note: interviewed ? "interview" : "")
    calls += 1
    say(words(.catiRecorded, caseID, label(outcome)) + (appointment.map { " → \(FieldTime.format($0))" } ?? "") + "\n")
  }

  private func askTime() -> Int? {
    while true {
      guard
        case .line(let line) = reader.readLine(
          prompt: words[.catiWhen] + "\n> ", completions: [], history: [], listSeparator: nil)
      else { return nil }
      if let time = FieldTime.parse(line, now: now()) { return time }
      say(words(.catiBadTime, line) + "\n")
    }
  }

  /// An outcome by its number in the prompt, its name in either language, or its id.
  private func parseOutcome(_ text: String) -> CallOutcome? {
    let menu: [CallOutcome] = [.noAnswer, .busy, .answeringMachine, .appointment, .refusal, .notEligible, .wrongNumber]
    if let n = Int(text), (1...menu.count).contains(n) { return menu[n - 1] }
    let lowered = text.lowercased()
    return CallOutcome.allCases.first { outcome in
      outcome.rawValue.lowercased() == lowered
        || [Words(language: "sv"), Words(language: "en")].contains { label(outcome, $0).lowercased() == lowered }
    }
  }

  private func label(_ outcome: CallOutcome) -> String { label(outcome, words) }

  private func label(_ outcome: CallOutcome, _ words: Words) -> String {
    let keys: [CallOutcome: Words.Key] = [
      .complete: .outcomeComplete, .partial: .outcomePartial, .refusal: .outcomeRefusal, .breakOff: .outcomeBreakOff,
      .appointment: .outcomeAppointment, .noAnswer: .outcomeNoAnswer, .busy: .outcomeBusy,
      .answeringMachine: .outcomeAnsweringMachine, .notEligible: .outcomeNotEligible,
      .wrongNumber: .outcomeWrongNumber, .overQuota: .outcomeOverQuota,
    ]
    return words[keys[outcome]!]
  }

  /// The screening of a case: its stratum as the interview's screening answers give it (else as
  /// the sample has it), checked against the quota cells full by the completes so far.
  private func screening(_ caseID: String) throws -> (@Sendable ([String: Value]) -> Bool)? {
    guard let quotas = settings.quotas, !quotas.screening.isEmpty else { return nil }
    let strata = try sample.strata()
    let full = try fullCells(quotas, strata)
    let known = strata[caseID] ?? [:]
    return { answers in
      var values = known
      for (column, question) in quotas.screening {
        if case .number(let n)? = answers[question] { values[column] = Value.format(n) }
      }
      return quotas.cell(of: values).map(full.contains) ?? false
    }
  }

  /// The full cells, from the completes recorded so far.
  private func fullCells(_ quotas: Quotas, _ strata: [String: [String: String]]) throws -> Set<Int> {
    var completes: [Int: Int] = [:]
    for (id, outcome) in CallQueue(cases: [], attempts: try sample.attempts()).dispositions
    where outcome == .complete {
      if let cell = quotas.cell(of: strata[id] ?? [:]) { completes[cell, default: 0] += 1 }
    }
    return quotas.full(completes)
  }

  private func nextAppointmentNote() -> String {
    let queue = CallQueue(cases: (try? sample.caseIDs()) ?? [], attempts: (try? sample.attempts()) ?? [])
    guard let next = queue.states.values.compactMap(\.appointment).filter({ $0 > now() }).min() else { return "" }
    return " " + words(.catiNextAppointment, FieldTime.format(next))
  }

  private func emphasised(_ text: String) -> String { bold ? "\u{1B}[1m\(text)\u{1B}[0m" : text }

  private func say(_ text: String) {
    fputs(text, stdout)
    fflush(stdout)
  }
}
