import EnkatDataset
import EnkatExpressions
import EnkatLog
import EnkatModel
import Foundation
import GRDB

/// The cases of one questionnaire in a store as a table: one row per case (station and case id
/// order), one cell per codebook variable, computed variables evaluated from the case's answers.
public struct WideTable: Sendable {
  /// One cell (see `DatasetCell`).
  public typealias Cell = DatasetCell

  /// A case's identity and outcome, written before its variables.
  public struct CaseInfo: Equatable, Sendable {
    public var station: String
    public var caseID: String
    public var outcome: String
  }

  public var codebook: Codebook
  public var cases: [CaseInfo] = []
  public var rows: [[Cell]] = []

  /// Reads the cases of `questionnaire` (by its id) from `store`.
  public init(_ store: Store, questionnaire: Questionnaire) throws {
    codebook = Codebook(questionnaire)
    let questions = Dictionary(questionnaire.instances.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let computed = questionnaire.instances.compactMap { q -> (String, EnkatExpressions.Expression)? in
      if case .computed(let c, _) = q.kind { return (q.id, c.expression) } else { return nil }
    }
    let missingCodes = Dictionary(
      questionnaire.missingCodes.map { ($0.kind, $0.code) }, uniquingKeysWith: { a, _ in a })
    try store.database.read { db in
      let caseRows = try Row.fetchAll(
        db,
        sql: "SELECT station, case_id, outcome, first_at FROM cases WHERE questionnaire = ? ORDER BY station, case_id",
        arguments: [questionnaire.id])
      let answers = try db.makeStatement(
        sql: "SELECT q, value, status FROM responses WHERE questionnaire = ? AND station = ? AND case_id = ?")
      for caseRow in caseRows {
        let info = CaseInfo(
          station: caseRow["station"], caseID: caseRow["case_id"], outcome: caseRow["outcome"] ?? "open")
        var responses: [String: Response] = [:]
        for row in try Row.fetchAll(answers, arguments: [questionnaire.id, info.station, info.caseID]) {
          guard let question = questions[row["q"] as String],
            let response = Self.response(value: row["value"], status: row["status"], for: question)
          else { continue }
          responses[question.id] = response
        }
        var values = responses.mapValues(\.value)
        let firstAt: String = caseRow["first_at"]
        if let day = CalendarDay.parse(String(firstAt.prefix(10))) {
          values[BuiltinFunction.todayVariable] = .number(Double(day))
        }
        for (id, expression) in computed { values[id] = Evaluator.evaluate(expression, in: values) }
        cases.append(info)
        rows.append(
          codebook.variables.map { Self.cell($0, responses: responses, values: values, missing: missingCodes) })
      }
    }
  }

  /// A stored response (`responses` view) as the question's response; nil off route.
  static func response(value: String?, status: String?, for question: Question) -> Response? {
    switch status {
    case "offRoute"?: return nil
    case let kind?: return RecordedResponse.missing(kind).response(for: question)
    case nil: break
    }
    guard let value, let first = value.first else { return nil }
    let recorded: RecordedResponse
    if first == "[" {
      recorded = .integers(value.dropFirst().dropLast().split(separator: ",").compactMap { Int($0) })
    } else if first == "\"" {
      guard let text = try? JSONSerialization.jsonObject(with: Data(value.utf8), options: .fragmentsAllowed) as? String
      else { return nil }
      recorded = .text(text)
    } else if let n = Int(value) {
      recorded = .integer(n)
    } else if let d = Double(value) {
      recorded = .number(d)
    } else {
      return nil
    }
    return recorded.response(for: question)
  }

  static func cell(
    _ variable: Variable, responses: [String: Response], values: [String: Value], missing: [MissingKind: Int]
  ) -> Cell {
    func missingCell(_ kind: MissingKind) -> Cell { missing[kind].map { .missing(code: $0, kind: kind) } ?? .empty }
    switch variable.content {
    case .computed:
      switch values[variable.questionID] {
      case .number(let n)?: return variable.type == .date ? .text(CalendarDay.format(Int(n))) : .number(n)
      case .boolean(let b)?: return .number(b ? 1 : 0)
      case .text(let s)?: return .text(s)
      case .codes(let c)?: return .text(c.map(String.init).joined(separator: ","))
      default: return .empty
      }
    case .answer:
      switch responses[variable.questionID] {
      case .answer(.code(let c))?: return .number(Double(c))
      case .answer(.number(let n))?: return .number(n)
      case .answer(.text(let s))?: return .text(s)
      case .answer(.date(let day))?: return .text(CalendarDay.format(day))
      case .answer(.codes(let c))?: return .text(c.map(String.init).joined(separator: ","))
      case .missing(let kind)?: return missingCell(kind)
      case .noAnswer?, nil: return .empty
      }
    case .option(let code):
      switch responses[variable.questionID] {
      case .answer(.codes(let chosen))?: return .number(chosen.contains(code) ? 1 : 0)
      case .missing(let kind)?: return missingCell(kind)
      default: return .empty
      }
    }
  }
}
