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
    ordered = Set(ordered + seen.keys.filter { if case .code = $0 { return true } else { return false } })
      .compactMap { if case .code(let n) = $0 { return n } else { return nil } }.sorted().map { .code($0) }
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
