/// Which case a free interviewer calls next (docs/cati.md, "Which case comes next"), decided from
/// the sample's call history and the time given — no clock of its own, so tests set the time:
///
/// 1. appointments that are due (their time has come), the longest overdue first, so a missed
///    appointment comes back before anything else;
/// 2. fresh cases, never called, in the register's order;
/// 3. retries: cases whose last attempt left them open (no answer, busy, answering machine), the
///    least recently called first, once `retryDelay` (`busyDelay` after a busy line) has passed
///    and while they have had fewer than `maximumAttempts` attempts.
///
/// A case claimed by another interviewer, finished (a final outcome), or in a stratum whose quota
/// is full is never offered.
public struct CallQueue: Sendable {
  /// The rules of the queue.
  public struct Policy: Equatable, Sendable {
    /// Minutes before a case with no answer or an answering machine is called again.
    public var retryDelay: Int
    /// Minutes before a busy line is called again.
    public var busyDelay: Int
    /// Attempts after which a case is not called again (an appointment is still kept).
    public var maximumAttempts: Int

    public init(retryDelay: Int = 120, busyDelay: Int = 15, maximumAttempts: Int = 8) {
      self.retryDelay = retryDelay
      self.busyDelay = busyDelay
      self.maximumAttempts = maximumAttempts
    }
  }

  /// One attempt of the history: which case, when (minutes since 1970, UTC), how it went, and the
  /// time of the appointment it made.
  public struct Attempt: Equatable, Sendable {
    public var caseID: String
    public var interviewer: String
    public var at: Int
    public var outcome: CallOutcome
    public var appointment: Int?

    public init(caseID: String, interviewer: String, at: Int, outcome: CallOutcome, appointment: Int? = nil) {
      self.caseID = caseID
      self.interviewer = interviewer
      self.at = at
      self.outcome = outcome
      self.appointment = appointment
    }
  }

  /// Why a case is offered.
  public enum Reason: String, Equatable, Sendable {
    case appointmentDue, fresh, retry
  }

  /// A case offered to an interviewer.
  public struct Offer: Equatable, Sendable {
    public var caseID: String
    public var reason: Reason
    /// The appointment's time, when it is one.
    public var appointment: Int?
  }

  /// Where one case stands after its attempts.
  public struct CaseState: Equatable, Sendable {
    public var attempts = 0
    public var lastAt: Int?
    public var lastOutcome: CallOutcome?
    /// The time of an appointment not yet kept (a later attempt keeps or replaces it).
    public var appointment: Int?
    public var finished = false
  }

  public let policy: Policy
  /// The sample's case ids in the register's order.
  public let cases: [String]
  public private(set) var states: [String: CaseState] = [:]

  public init(cases: [String], attempts: [Attempt], policy: Policy = Policy()) {
    self.cases = cases
    self.policy = policy
    for attempt in attempts.sorted(by: { $0.at < $1.at }) { record(attempt) }
  }

  /// Adds an attempt to the history.
  public mutating func record(_ attempt: Attempt) {
    var state = states[attempt.caseID, default: CaseState()]
    state.attempts += 1
    state.lastAt = attempt.at
    state.lastOutcome = attempt.outcome
    state.appointment = attempt.outcome == .appointment ? attempt.appointment : nil
    state.finished = state.finished || attempt.outcome.isFinal
    states[attempt.caseID] = state
  }

  /// The case to call now, or nil when none may be called (all finished, claimed, waiting or full).
  /// `blocked` says whether a case may not be offered: claimed by someone else, or its stratum full.
  public func next(at now: Int, blocked: (String) -> Bool = { _ in false }) -> Offer? {
    var due: (id: String, at: Int)?
    var fresh: String?
    var retry: (id: String, last: Int)?
    for id in cases {
      let state = states[id] ?? CaseState()
      if state.finished || blocked(id) { continue }
      if let appointment = state.appointment {
        if appointment <= now, due == nil || appointment < due!.at { due = (id, appointment) }
        continue
      }
      if state.attempts == 0 {
        if fresh == nil { fresh = id }
        continue
      }
      guard state.attempts < policy.maximumAttempts, let last = state.lastAt else { continue }
      let delay = state.lastOutcome == .busy ? policy.busyDelay : policy.retryDelay
      if last + delay <= now, retry == nil || last < retry!.last { retry = (id, last) }
    }
    if let due { return Offer(caseID: due.id, reason: .appointmentDue, appointment: due.at) }
    if let fresh { return Offer(caseID: fresh, reason: .fresh) }
    if let retry { return Offer(caseID: retry.id, reason: .retry) }
    return nil
  }

  /// The final disposition of every case for the response rates: its last final outcome, else
  /// its last outcome; cases never called are not counted (they are not yet part of the field).
  public var dispositions: [String: CallOutcome] {
    states.compactMapValues { $0.lastOutcome }
  }
}
