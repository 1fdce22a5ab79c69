import EnkatDataset
import EnkatModel

/// One analysis (docs/analysis.md): what it reads from the dataset and the table it makes of it.
/// A new analysis is a new type conforming to this; the analyses do no I/O.
public protocol Analysis: Sendable {
  /// The dataset columns (variable names) it reads.
  func columns(in codebook: Codebook) throws(AnalysisError) -> [String]
  /// The table it makes of `data`, with words in `words.language`.
  func run(_ data: AnalysisData, words: Words) throws(AnalysisError) -> ResultTable
}

/// The valid values of a variable in the data, in the order tables show them: a nominal
/// variable's labelled codes in their order, then other numbers ascending (all numbers ascending
/// for a scale or ordinal variable, whose labels may name only its ends), then texts by how often
/// they occur.
func categories(of variable: Variable, in cells: [CellValue]) -> [CellValue] {
  var seen: [CellValue: Int] = [:]
  for cell in cells where cell.isValid { seen[cell, default: 0] += 1 }
  var ordered: [CellValue] = variable.valueLabels.map { .code(Double($0.code)) }
  if variable.measure != .nominal {
    ordered = Set(ordered + seen.keys.filter { $0.code != nil }).compactMap(\.code).sorted().map { .code($0) }
  }
  let labelled = Set(ordered)
  let numbers = seen.keys.compactMap { cell -> Double? in
    if case .code(let n) = cell, !labelled.contains(cell) { return n }
    return nil
  }
  ordered += numbers.sorted().map { .code($0) }
  let texts = seen.compactMap { cell, count -> (String, Int)? in
    if case .text(let t) = cell { return (t, count) }
    return nil
  }
  ordered += texts.sorted { ($0.1, $1.0) > ($1.1, $0.0) }.map { .text($0.0) }
  return ordered
}

/// The cases that answered a multiple choice question, by their option columns: every column
/// holds 0 or 1 (don't know, refused and not asked hold something else).
func answeredCases(_ columns: [[DatasetCell]], count: Int) -> [Bool] {
  (0..<count).map { k in columns.allSatisfy { if case .number = $0[k] { return true } else { return false } } }
}

/// The rows of a frequency table for don't know and refused (when the question allows them or
/// someone gave them) and not asked / no answer (when there are such cases): each with its count
/// (or weighted sum) in `sums` and its percentage of `total`, the other columns empty.
func missingRows(
  _ sums: [CellValue: Double], of variable: Variable, total: Double, columns: Int, words: Words
) -> [ResultTable.Row] {
  let allowed = Set(variable.missingCodes.map(\.kind))
  var rows: [ResultTable.Row] = []
  for (missing, kind) in [(CellValue.dontKnow, MissingKind?.some(.dontKnow)), (.refused, .refused), (.empty, nil)] {
    let n = sums[missing] ?? 0
    guard n > 0 || kind.map(allowed.contains) == true else { continue }
    let values = [n, total > 0 ? 100 * n / total : nil] + Array(repeating: nil, count: columns - 2)
    rows.append(.init(label: label(of: missing, variable, words), kind: .missing, values: values))
  }
  return rows
}

/// The row label of a category.
func label(of category: CellValue, _ variable: Variable, _ words: Words) -> String {
  switch category {
  case .code(let n): return variable.label(of: n, language: words.language)
  case .text(let t): return t
  case .dontKnow: return missingLabel(.dontKnow, variable, words)
  case .refused: return missingLabel(.refused, variable, words)
  case .empty: return words[.notAsked]
  }
}

private func missingLabel(_ kind: EnkatModel.MissingKind, _ variable: Variable, _ words: Words) -> String {
  variable.missingCodes.first { $0.kind == kind }.map { $0.label.text(in: words.language) }
    ?? words[kind == .dontKnow ? .dontKnow : .refused]
}

/// A count as the base lines write it: `2 473` in Swedish, `2,473` in English.
func formattedCount(_ n: Int, _ words: Words) -> String {
  let digits = String(n)
  var out = ""
  for (k, c) in digits.enumerated() {
    if k > 0 && (digits.count - k) % 3 == 0 { out += words[.thousandsSeparator] }
    out.append(c)
  }
  return out
}
