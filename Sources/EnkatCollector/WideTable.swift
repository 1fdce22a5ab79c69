import EnkatDataset
import EnkatExpressions
import EnkatLog
import EnkatModel
import Foundation

/// The cases of one questionnaire in a store as a table: one row per case (station and case id
/// order), one cell per codebook variable, computed variables evaluated from the case's answers.
public struct WideTable: Sendable {
  /// One cell (see `DatasetCell`).
  public typealias Cell = DatasetCell

  /// A case's identity and outcome, written before its variables.
  public typealias CaseInfo = StoredCases.Info

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
    for (info, state) in try StoredCases(store, questionnaireID: questionnaire.id).cases {
      var responses: [String: Response] = [:]
      for (id, inForce) in state.inForce {
        guard let question = questions[id], case .response(let recorded) = inForce,
          let response = recorded.response(for: question)
        else { continue }
        responses[id] = response
      }
      var values = responses.mapValues(\.value)
      if let day = CalendarDay.parse(String(state.summary.firstAt.prefix(10))) {
        values[BuiltinFunction.todayVariable] = .number(Double(day))
      }
      for (id, expression) in computed { values[id] = Evaluator.evaluate(expression, in: values) }
      cases.append(info)
      rows.append(codebook.variables.map { Self.cell($0, responses: responses, values: values, missing: missingCodes) })
    }
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
