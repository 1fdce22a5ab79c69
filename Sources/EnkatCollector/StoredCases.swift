import EnkatLog
import Foundation
import GRDB

/// The cases of one questionnaire in a store, in station and case id order, each with its state
/// rebuilt from its stored history. Cases with a conflicting record are left out (they are listed
/// by `enkat collect` and kept in `conflicts`).
public struct StoredCases: Sendable {
  /// A case's identity and outcome, written before its variables.
  public struct Info: Equatable, Sendable {
    public var station: String
    public var caseID: String
    public var outcome: String
  }

  public var cases: [(info: Info, state: CaseState)] = []

  public init(_ store: Store, questionnaireID: String) throws {
    cases = try store.database.read { db in
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT station, case_id, outcome, history FROM cases WHERE questionnaire = ? AND conflict = 0
          ORDER BY station, case_id
          """, arguments: [questionnaireID])
      var result: [(Info, CaseState)] = []
      while let row = try rows.next() {
        let info = Info(station: row["station"], caseID: row["case_id"], outcome: row["outcome"])
        guard let records = CaseHistoryCodec.decode([UInt8](row["history"] as Data)) else {
          throw StoreError.failed(
            store.path, "the stored history of case \(info.caseID) is damaged; run enkat collect --rebuild")
        }
        result.append((info, CaseState(records)))
      }
      return result
    }
  }
}
