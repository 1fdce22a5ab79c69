import EnkatModel
import GRDB

/// Field progress from a store: cases by outcome, interview length and last activity, for the
/// whole field and by station, interviewer and day (the day a case started, UTC).
public struct FieldStatus: Sendable {
  /// One group's figures.
  public struct Group: Sendable, Equatable {
    public var key: String
    public var cases = 0
    public var complete = 0
    /// Started or resumed and not ended: in progress, or stopped by a crash.
    public var open = 0
    public var suspended = 0
    public var breakOff = 0
    /// The lengths of the complete cases in minutes: the time spent on each answer (`ms`) added
    /// up, so pauses between sessions do not count.
    public var lengths: [Double] = []
    public var lastActivity = ""

    /// The median length and the quartiles around it, in minutes; nil without complete cases.
    public var length: (median: Double, lower: Double, upper: Double)? {
      guard !lengths.isEmpty else { return nil }
      let sorted = lengths.sorted()
      return (Self.quantile(sorted, 0.5), Self.quantile(sorted, 0.25), Self.quantile(sorted, 0.75))
    }

    /// The `p` quantile of sorted values, interpolated between the nearest ranks (R's type 7).
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
      let h = Double(sorted.count - 1) * p
      let low = Int(h.rounded(.down))
      let high = min(low + 1, sorted.count - 1)
      return sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
    }

    mutating func add(_ c: CaseRow) {
      cases += 1
      switch c.outcome {
      case "complete":
        complete += 1
        lengths.append(c.minutes)
      case "suspended": suspended += 1
      case "breakOff": breakOff += 1
      default: open += 1
      }
      lastActivity = max(lastActivity, c.lastAt)
    }

    public static func == (a: Group, b: Group) -> Bool {
      a.key == b.key && a.cases == b.cases && a.complete == b.complete && a.open == b.open
        && a.suspended == b.suspended && a.breakOff == b.breakOff && a.lengths == b.lengths
        && a.lastActivity == b.lastActivity
    }
  }

  struct CaseRow {
    var station: String
    var interviewer: String
    var day: String
    var outcome: String
    var minutes: Double
    var lastAt: String
  }

  public var total = Group(key: "all")
  public var byStation: [Group] = []
  public var byInterviewer: [Group] = []
  public var byDay: [Group] = []
  /// Case ids found on more than one station (a CATI case reached from two machines' copies of
  /// a sample), each with its stations and outcomes: kept apart in the store, named here.
  public var onSeveralStations: [(caseID: String, stations: [String])] = []

  /// The status of the cases in `store`, of one questionnaire or of all.
  public init(_ store: Store, questionnaireID: String? = nil) throws {
    let rows = try store.database.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT station, case_id, outcome, first_at, last_at, answer_ms / 60000.0 AS minutes, interviewer
          FROM cases WHERE (?1 IS NULL OR questionnaire = ?1) AND conflict = 0
          """, arguments: [questionnaireID])
    }
    var stations: [String: Group] = [:]
    var interviewers: [String: Group] = [:]
    var days: [String: Group] = [:]
    var stationsOf: [String: [String]] = [:]
    for row in rows {
      let caseID: String = row["case_id"]
      if !caseID.hasPrefix((row["station"] as String) + "-") {
        stationsOf[caseID, default: []].append("\(row["station"] as String) (\(row["outcome"] as String? ?? "open"))")
      }
      let firstAt: String = row["first_at"]
      let c = CaseRow(
        station: row["station"], interviewer: row["interviewer"] ?? "(no start record)",
        day: String(firstAt.prefix(10)), outcome: row["outcome"] ?? "open", minutes: row["minutes"] ?? 0,
        lastAt: row["last_at"])
      total.add(c)
      stations[c.station, default: Group(key: c.station)].add(c)
      interviewers[c.interviewer, default: Group(key: c.interviewer)].add(c)
      days[c.day, default: Group(key: c.day)].add(c)
    }
    byStation = stations.values.sorted { $0.key < $1.key }
    byInterviewer = interviewers.values.sorted { $0.key < $1.key }
    byDay = days.values.sorted { $0.key < $1.key }
    onSeveralStations = stationsOf.filter { $0.value.count > 1 }.map { ($0.key, $0.value.sorted()) }.sorted {
      $0.caseID < $1.caseID
    }
  }
}

extension Store {
  /// Each case's outcome (nil while open) and the number of answers in force (answers less
  /// revisions and clears), for the response rates; conflicting cases left out, as in the status.
  public func interviewOutcomes(questionnaireID: String? = nil) throws -> [(
    outcome: InterviewOutcome?, answered: Int
  )] {
    try database.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT outcome, max(answers - revisions - clears, 0) AS answered
          FROM cases WHERE (?1 IS NULL OR questionnaire = ?1) AND conflict = 0
          """, arguments: [questionnaireID]
      ).map { row in
        ((row["outcome"] as String?).flatMap(InterviewOutcome.init(rawValue:)), row["answered"] as Int)
      }
    }
  }
}
