import EnkatModel
import GRDB

/// Every response in force of a questionnaire's cases, one per case and question instance, in
/// station, case and questionnaire order: what the long CSV and JSON Lines exports write. An
/// answer taken off the route by a revision stays, with status `offRoute`.
public struct ResponseRows: Sendable {
  /// One response as stored: its value as JSON, or why there is none.
  public struct Response: Equatable, Sendable {
    public var questionID: String
    /// `3`, `[1,2]`, `12.5`, `"text"`; nil with a status.
    public var value: String?
    /// `dontKnow`, `refused`, `noAnswer` or `offRoute`; nil with a value.
    public var status: String?
  }

  public var cases: [WideTable.CaseInfo] = []
  public var responses: [[Response]] = []

  public init(_ store: Store, questionnaire: Questionnaire) throws {
    let order = Dictionary(
      questionnaire.instances.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    try store.database.read { db in
      let caseRows = try Row.fetchAll(
        db, sql: "SELECT station, case_id, outcome FROM cases WHERE questionnaire = ? ORDER BY station, case_id",
        arguments: [questionnaire.id])
      let statement = try db.makeStatement(
        sql: "SELECT q, value, status FROM responses WHERE questionnaire = ? AND station = ? AND case_id = ?")
      for row in caseRows {
        let info = WideTable.CaseInfo(
          station: row["station"], caseID: row["case_id"], outcome: row["outcome"] ?? "open")
        let list = try Row.fetchAll(statement, arguments: [questionnaire.id, info.station, info.caseID]).map {
          Response(questionID: $0["q"], value: $0["value"], status: $0["status"])
        }
        cases.append(info)
        // Questionnaire order; ids this version does not have come last, by id.
        responses.append(
          list.sorted {
            (order[$0.questionID] ?? Int.max, $0.questionID) < (order[$1.questionID] ?? Int.max, $1.questionID)
          })
      }
    }
  }
}
