/// Where a CATI field stands (docs/cati.md, "Status"): per interviewer and per stratum the calls,
/// completes, refusals and appointments; each stratum's quota fill; the appointments due; and the
/// cases by final disposition in the categories of the response rates.
public struct CatiStatus: Sendable {
  public struct Group: Sendable, Equatable {
    public var key: String
    /// Cases in the group (a stratum's respondents; the cases an interviewer called).
    public var cases = 0
    public var attempts = 0
    public var completes = 0
    /// Refusals and break-offs.
    public var refusals = 0
    /// Appointments not yet kept.
    public var appointments = 0
    /// A stratum's quota target, when the quotas set one.
    public var target: Int?
  }

  /// The stratum variables whose values, joined by `/`, are the strata's keys.
  public var stratumVariables: [String] = []
  public var byInterviewer: [Group] = []
  public var byStratum: [Group] = []
  public var attempts = 0
  public var appointmentsDue = 0
  /// Cases by the category of their last outcome (I, P, R, NC, O, UH, UO, NE), and `notCalled`.
  public var dispositions: [String: Int] = [:]

  public init(_ sample: SampleStore, quotas: Quotas?, now: Int) throws {
    let ids = try sample.caseIDs()
    let attempts = try sample.attempts()
    let strata = try sample.strata()
    let queue = CallQueue(cases: ids, attempts: attempts)
    self.attempts = attempts.count
    let columns = try sample.columns().filter { $0.role == .stratum }.map(\.name)
    let stratumColumns = quotas?.variables ?? columns
    stratumVariables = stratumColumns
    func stratumKey(_ id: String) -> String {
      stratumColumns.map { strata[id]?[$0] ?? "" }.joined(separator: "/")
    }
    var interviewers: [String: Group] = [:]
    var seen: [String: Set<String>] = [:]
    for attempt in attempts {
      var g = interviewers[attempt.interviewer, default: Group(key: attempt.interviewer)]
      g.attempts += 1
      if attempt.outcome == .complete { g.completes += 1 }
      if attempt.outcome == .refusal || attempt.outcome == .breakOff { g.refusals += 1 }
      if seen[attempt.interviewer, default: []].insert(attempt.caseID).inserted { g.cases += 1 }
      interviewers[attempt.interviewer] = g
    }
    var groups: [String: Group] = [:]
    for id in ids {
      let key = stratumKey(id)
      var g = groups[key, default: Group(key: key)]
      let state = queue.states[id]
      g.cases += 1
      g.attempts += state?.attempts ?? 0
      if state?.lastOutcome == .complete { g.completes += 1 }
      if state?.lastOutcome == .refusal || state?.lastOutcome == .breakOff { g.refusals += 1 }
      if let appointment = state?.appointment {
        g.appointments += 1
        if appointment <= now { appointmentsDue += 1 }
      }
      if let quotas, let cell = quotas.cell(of: strata[id] ?? [:]) { g.target = quotas.cells[cell].target }
      groups[key] = g
      dispositions[state?.lastOutcome?.rateCategory ?? "notCalled", default: 0] += 1
    }
    byInterviewer = interviewers.values.sorted { $0.key < $1.key }
    byStratum = groups.values.sorted { $0.key < $1.key }
  }

  /// The cases' final dispositions for the response rates: each called case by the category of
  /// its last outcome; a case never called as unknown eligibility, not reached (UH, AAPOR 3.11).
  public var rateCounts: [String: Int] {
    var counts = dispositions
    if let never = counts.removeValue(forKey: "notCalled") { counts["UH", default: 0] += never }
    return counts
  }
}
