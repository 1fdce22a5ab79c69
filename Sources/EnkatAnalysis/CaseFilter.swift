import EnkatDataset
import EnkatExpressions
import EnkatModel

/// A subgroup given as a condition in the questionnaire's own expression language
/// (`--where 'area == 1'`), checked against the codebook as `enkat check` checks a condition:
/// every name must be a question or computed variable, comparisons with codes a question cannot
/// take are reported. A case is kept when the condition is true; false and unknown (it reads a
/// missing value) leave it out.
public struct CaseFilter: Sendable {
  public let source: String
  /// What the check found worth saying that does not stop the table (a code the question does
  /// not have), each as a line naming its column.
  public let warnings: [String]
  private let expression: Expression
  /// For each name the condition reads, the dataset columns its value comes from.
  private let reads: [(name: String, variables: [Variable])]

  public init(_ source: String, codebook: Codebook) throws(AnalysisError) {
    self.source = source
    let parsed: Expression
    switch Parser.parse(source) {
    case .success(let e): parsed = e
    case .failure(let failure): throw .filter(source, failure.problems)
    }
    func variables(_ name: String) -> [Variable] { codebook.variables.filter { $0.questionID == name } }
    let problems = TypeChecker.check(parsed, expecting: .boolean) { name in
      let found = variables(name)
      guard let first = found.first else {
        let names = Set(codebook.variables.map(\.questionID)).sorted()
        return .unknown(suggestions: EditDistance.suggestions(for: name, among: names))
      }
      if case .option = first.content {
        return .variable(VariableInfo(type: .codeSet, codes: Set(found.compactMap(\.optionCode))))
      }
      switch first.type {
      case .numeric:
        let codes = first.valueLabels.isEmpty || first.measure != .nominal ? nil : Set(first.valueLabels.map(\.code))
        return .variable(VariableInfo(type: .number, codes: codes))
      case .text: return .variable(VariableInfo(type: .text))
      case .date: return .variable(VariableInfo(type: .date))
      }
    }
    let errors = problems.filter { $0.severity == .error }
    guard errors.isEmpty else { throw .filter(source, errors) }
    warnings = AnalysisError.filter(source, problems.filter { $0.severity == .warning }).description
      .split(separator: "\n").map(String.init)
    expression = parsed
    reads = Set(parsed.variables).sorted().map { ($0, variables($0)) }
  }

  /// The dataset columns it reads.
  public var columns: [String] { reads.flatMap { $0.variables.map(\.name) } }

  /// Whether each case of `data` is kept.
  public func keep(_ data: AnalysisData) -> [Bool] {
    let columns = reads.map { read in read.variables.map { data.cells($0.name) ?? [] } }
    return (0..<data.count).map { k in
      var values: [String: Value] = [:]
      for (r, read) in reads.enumerated() {
        values[read.name] = Self.value(read.variables, columns[r].map { $0[k] })
      }
      return Evaluator.truth(of: expression, in: values) == .true
    }
  }

  /// A question's value as expressions see it, from its cells.
  private static func value(_ variables: [Variable], _ cells: [DatasetCell]) -> Value {
    if let first = variables.first, case .option = first.content {
      var codes: [Int] = []
      for (variable, cell) in zip(variables, cells) {
        switch cell {
        case .number(1): if let code = variable.optionCode { codes.append(code) }
        case .number: break
        case .missing(_, let kind): return .missing(kind == .dontKnow ? .dontKnow : .refused)
        default: return .missing(.notAsked)
        }
      }
      return .codes(codes.sorted())
    }
    switch cells.first {
    case .number(let n)?: return .number(n)
    case .text(let t)?:
      if variables.first?.type == .date, let day = CalendarDay.parse(t) { return .number(Double(day)) }
      return .text(t)
    case .missing(_, let kind)?: return .missing(kind == .dontKnow ? .dontKnow : .refused)
    case .empty?, nil: return .missing(.notAsked)
    }
  }

}
