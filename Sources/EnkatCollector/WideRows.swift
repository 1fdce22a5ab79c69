import EnkatDataset
import EnkatExpressions
import EnkatLog
import EnkatModel
import Foundation
import GRDB

/// The cases of one questionnaire in a store as rows, read one case at a time: one row per case
/// (station and case id order), one cell per codebook variable, computed variables evaluated from
/// the case's answers. Memory does not grow with the number of cases.
public struct WideRows: Sendable {
  /// One cell (see `DatasetCell`).
  public typealias Cell = DatasetCell

  public let codebook: Codebook
  /// The questionnaire's question instances, and the index of each by id.
  private let questions: [Question]
  private let shapes: [AnswerShape]
  private let table: QuestionTable
  /// For each codebook variable, its question's index (nil for a computed variable) and option.
  private let plans: [Plan]
  private let computed: [(String, EnkatExpressions.Expression)]
  private let missingCodes: [MissingKind: Int]

  public init(_ questionnaire: Questionnaire) {
    codebook = Codebook(questionnaire)
    questions = questionnaire.instances
    shapes = questions.map { AnswerShape($0.kind) }
    let index = Dictionary(questions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    table = QuestionTable(questions.map(\.id))
    plans = codebook.variables.map { v in
      switch v.content {
      case .computed: return Plan(question: nil, option: nil)
      case .answer: return Plan(question: index[v.questionID], option: nil)
      case .option(let code): return Plan(question: index[v.questionID], option: code)
      }
    }
    computed = questionnaire.instances.compactMap { q -> (String, EnkatExpressions.Expression)? in
      if case .computed(let c, _) = q.kind { return (q.id, c.expression) } else { return nil }
    }
    missingCodes = Dictionary(questionnaire.missingCodes.map { ($0.kind, $0.code) }, uniquingKeysWith: { a, _ in a })
  }

  /// Calls `body` with each case of the questionnaire (by its id) in `store` and its cells: of
  /// the versions `versions` (their `qd`s, see `VersionSelection`), or of any when nil.
  public func forEach(
    in store: Store, versions: [String]? = nil, _ body: (StoredCases.Info, [Cell]) throws -> Void
  ) throws {
    var scratch = scratch()
    try StoredCases.forEach(store, questionnaireID: codebook.questionnaireID, versions: versions) { info, history in
      guard let row = cells(history, firstAt: info.firstAt, scratch: &scratch) else {
        throw StoredCases.damaged(store, info)
      }
      try body(info, row)
    }
  }

  /// Like `forEach`, in batches of cases whose cells `transform` turns into a value on two
  /// threads; `consume` gets each batch's values in case order.
  public func forEachBatch<T: Sendable>(
    in store: Store, versions: [String]? = nil, batchSize: Int = 4096,
    transform: @escaping @Sendable (StoredCases.Info, [Cell]) -> T, consume: ([T]) throws -> Void
  ) throws {
    try store.database.read { db in
      try forEachBatch(
        db, storePath: store.path, versions: versions, batchSize: batchSize, transform: transform, consume: consume)
    }
  }

  /// `forEachBatch` inside a transaction; with `onlyTouched`, the cases a collect wrote. A batch's
  /// cells are made on two threads while the calling thread hands the batch before it to
  /// `consume` and reads the next (the store is read and written on the calling thread only).
  func forEachBatch<T: Sendable>(
    _ db: Database, storePath: String, versions: [String]?, onlyTouched: Bool = false, batchSize: Int = 4096,
    transform: @escaping @Sendable (StoredCases.Info, [Cell]) -> T, consume: ([T]) throws -> Void
  ) throws {
    let rows = self
    func launch(_ input: [(StoredCases.Info, [UInt8])]) -> RunningBatch<T> {
      let running = RunningBatch(input: input, results: ResultSlots<[T]>(count: 2), done: DispatchGroup())
      let halves = [0..<(input.count / 2), (input.count / 2)..<input.count]
      let results = running.results
      for h in 0..<2 {
        DispatchQueue.global().async(group: running.done) {
          var scratch = rows.scratch()
          var out: [T] = []
          out.reserveCapacity(halves[h].count)
          for k in halves[h] {
            guard let row = rows.cells(input[k].1, firstAt: input[k].0.firstAt, scratch: &scratch) else { return }
            out.append(transform(input[k].0, row))
          }
          results[h] = out
        }
      }
      return running
    }
    func finish(_ running: RunningBatch<T>) throws {
      running.done.wait()
      for h in 0..<2 {
        guard let values = running.results[h] else {
          let bad = running.input.first { cells($0.1, firstAt: $0.0.firstAt) == nil }?.0 ?? running.input[0].0
          throw StoredCases.damaged(storePath, bad)
        }
        try consume(values)
      }
    }
    var batch: [(StoredCases.Info, [UInt8])] = []
    var previous: RunningBatch<T>?
    try StoredCases.forEach(
      db, questionnaireID: codebook.questionnaireID, versions: versions, onlyTouched: onlyTouched
    ) { info, history in
      batch.append((info, history))
      guard batch.count >= batchSize else { return }
      let next = launch(batch)
      batch = []
      batch.reserveCapacity(batchSize)
      if let previous { try finish(previous) }
      previous = next
    }
    if let previous { try finish(previous) }
    if !batch.isEmpty { try finish(launch(batch)) }
  }

  /// The cells of a case from its history; nil when the history is damaged.
  func cells(_ history: [UInt8], firstAt: String) -> [Cell]? {
    var scratch = scratch()
    return cells(history, firstAt: firstAt, scratch: &scratch)
  }

  /// Room for a case's responses, for `cells(_:firstAt:scratch:)` to reuse from case to case.
  func scratch() -> Scratch {
    Scratch(
      responses: [Response?](repeating: nil, count: questions.count),
      valueAt: [Int](repeating: -1, count: questions.count))
  }

  /// What `cells(_:firstAt:scratch:)` reuses from case to case.
  struct Scratch {
    var responses: [Response?]
    /// Per question, where its answer in force begins in the history (its value's tag), or -1.
    var valueAt: [Int]
  }

  /// `cells(_:firstAt:)` with room made once (`scratch()`).
  func cells(_ history: [UInt8], firstAt: String, scratch: inout Scratch) -> [Cell]? {
    if computed.isEmpty {
      // Without computed variables a cell needs only its question's answer in force: each is
      // read from where it is in the history, no response made for the usual ones.
      for k in scratch.valueAt.indices { scratch.valueAt[k] = -1 }
      let readable = CaseHistoryCodec.visitAnswers(history, questions: table) { k, at in scratch.valueAt[k] = at }
      return readable ? cells(history, valueAt: scratch.valueAt) : nil
    }
    for k in scratch.responses.indices { scratch.responses[k] = nil }
    let readable = CaseHistoryCodec.visitResponses(history, questions: table) { k, recorded in
      // An answer sets its question; a clear (nil) takes it off the route: not in the table.
      scratch.responses[k] = recorded.flatMap { $0.response(as: shapes[k]) }
    }
    return readable ? cells(scratch.responses, firstAt: firstAt) : nil
  }

  /// The cells of a case (without computed variables) whose answers in force begin at
  /// `valueAt` in `history`: the same cells `cells(_:firstAt:)` makes from the responses.
  func cells(_ history: [UInt8], valueAt: [Int]) -> [Cell] {
    var cells: [Cell] = []
    cells.reserveCapacity(codebook.variables.count)
    for k in plans.indices {
      let plan = plans[k]
      guard let question = plan.question, valueAt[question] >= 0 else {
        cells.append(.empty)  // not asked or off route (a computed variable has no plan here)
        continue
      }
      var r = CompactReader(history, at: valueAt[question])
      // The value's tag as `CompactPayloadCodec.answerValue` reads it: 0 a whole number, 1 codes.
      switch (r.byte(), shapes[question], plan.option) {
      case (0?, .code, nil), (0?, .number, nil):
        guard let z = r.varint() else { break }
        cells.append(.number(Double(CompactPayloadCodec.unzigzag(z))))
        continue
      case (1?, .codes, let code?):
        guard let count = r.varint() else { break }
        var chosen = false
        for _ in 0..<count {
          guard let z = r.varint() else { break }
          if CompactPayloadCodec.unzigzag(z) == code { chosen = true }
        }
        cells.append(.number(chosen ? 1 : 0))
        continue
      default: break
      }
      // Any other answer: as a response, the one way.
      var again = CompactReader(history, at: valueAt[question])
      let response = CompactPayloadCodec.answerValue(&again).flatMap { $0.response(as: shapes[question]) }
      cells.append(cell(k, response: response, values: [:]))
    }
    return cells
  }

  /// The cells of a case with these responses in force (by question index).
  func cells(_ responses: [Response?], firstAt: String) -> [Cell] {
    var values: [String: Value] = [:]
    if !computed.isEmpty {
      for (k, response) in responses.enumerated() {
        if let response { values[questions[k].id] = response.value }
      }
      if let day = CalendarDay.parse(String(firstAt.prefix(10))) {
        values[BuiltinFunction.todayVariable] = .number(Double(day))
      }
      for (id, expression) in computed { values[id] = Evaluator.evaluate(expression, in: values) }
    }
    var cells: [Cell] = []
    cells.reserveCapacity(codebook.variables.count)
    for k in plans.indices {
      cells.append(cell(k, response: plans[k].question.flatMap { responses[$0] }, values: values))
    }
    return cells
  }

  /// The cell of variable `k` for its question's response in force.
  private func cell(_ k: Int, response: Response?, values: [String: Value]) -> Cell {
    guard plans[k].question != nil else {
      return Self.cell(codebook.variables[k], response: nil, values: values, missing: missingCodes)
    }
    // The usual cells without a look at the variable: a code, a number, a missing code.
    switch (response, plans[k].option) {
    case (nil, _), (.noAnswer?, _): return .empty
    case (.answer(.code(let c))?, nil): return .number(Double(c))
    case (.answer(.number(let n))?, nil): return .number(n)
    case (.answer(.codes(let chosen))?, let code?): return .number(chosen.contains(code) ? 1 : 0)
    case (.missing(let kind)?, _): return missingCodes[kind].map { .missing(code: $0, kind: kind) } ?? .empty
    default: return Self.cell(codebook.variables[k], response: response, values: values, missing: missingCodes)
    }
  }

  /// What a variable's cell is made from: its question's index, and the option of an option column.
  private struct Plan: Sendable {
    var question: Int?
    var option: Int?
  }

  static func cell(
    _ variable: Variable, response: Response?, values: [String: Value], missing: [MissingKind: Int]
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
      switch response {
      case .answer(.code(let c))?: return .number(Double(c))
      case .answer(.number(let n))?: return .number(n)
      case .answer(.text(let s))?: return .text(s)
      case .answer(.date(let day))?: return .text(CalendarDay.format(day))
      case .answer(.codes(let c))?: return .text(c.map(String.init).joined(separator: ","))
      case .missing(let kind)?: return missingCell(kind)
      case .noAnswer?, nil: return .empty
      }
    case .option(let code):
      switch response {
      case .answer(.codes(let chosen))?: return .number(chosen.contains(code) ? 1 : 0)
      case .missing(let kind)?: return missingCell(kind)
      default: return .empty
      }
    }
  }
}

/// Slots written by the threads of `concurrentPerform`, each its own slot, read after it returns.
/// A batch of cases whose cells are being made: its cases, and its two halves' values when
/// `done` (a half left nil: a damaged history).
private struct RunningBatch<T> {
  var input: [(StoredCases.Info, [UInt8])]
  var results: ResultSlots<[T]>
  var done: DispatchGroup
}

final class ResultSlots<Value>: @unchecked Sendable {
  private let slots: UnsafeMutablePointer<Value?>
  private let count: Int

  init(count: Int) {
    self.count = count
    slots = .allocate(capacity: count)
    slots.initialize(repeating: nil, count: count)
  }

  deinit {
    slots.deinitialize(count: count)
    slots.deallocate()
  }

  subscript(_ k: Int) -> Value? {
    get { slots[k] }
    set { slots[k] = newValue }
  }
}
