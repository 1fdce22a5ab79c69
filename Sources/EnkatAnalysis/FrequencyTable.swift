import EnkatDataset
import EnkatModel

/// A frequency table of one variable: per value its count, its percentage of all cases and of
/// the valid answers (don't know, refused, not asked and no answer excluded), and a 95 % Wilson
/// interval for the valid percentage; don't know, refused and not asked / no answer on rows of
/// their own, outside the valid base.
public struct FrequencyTable: Analysis {
  public var variable: String
  /// Whether each value's share of the valid answers is also said in words (`Headline`).
  public var headlines: Bool

  /// How the cases are weighted; nil for an unweighted table.
  public var weighting: WeightSpec?

  public init(_ variable: String, headlines: Bool = false, weighting: WeightSpec? = nil) {
    self.variable = variable
    self.headlines = headlines
    self.weighting = weighting
  }

  public func columns(in codebook: Codebook) throws(AnalysisError) -> [String] {
    let tabulated = try TabulatedVariable(variable, in: codebook)
    guard case .single = tabulated else {
      throw .unsuitable(variable, reason: "a multiple choice question is tabulated by MultipleResponseTable")
    }
    return tabulated.columnNames + (try weightingColumns(weighting, in: codebook))
  }

  public func run(_ data: AnalysisData, words: Words) throws(AnalysisError) -> ResultTable {
    guard case .single(let v) = try TabulatedVariable(variable, in: data.codebook), let column = data.cells(v.name)
    else { throw .unsuitable(variable, reason: "it was not read") }
    if let weighting {
      return WeightedFrequencies(v, column, design: try SurveyDesign(weighting, data)).table(
        words, headlines: headlines)
    }
    let cells = column.map(CellValue.init)
    let all = Double(cells.count)
    let valid = Double(cells.filter(\.isValid).count)
    var counts: [CellValue: Double] = [:]
    for cell in cells { counts[cell, default: 0] += 1 }
    func share(_ n: Double, of base: Double) -> Double? { base > 0 ? 100 * n / base : nil }
    var rows: [ResultTable.Row] = []
    var notes: [String] = []
    for category in categories(of: v, in: cells) {
      let n = counts[category] ?? 0
      let interval = Statistics.wilsonInterval(successes: n, trials: valid)
      rows.append(
        .init(
          label: label(of: category, v, words), code: category.code,
          values: [
            n, share(n, of: all), share(n, of: valid), interval.map { 100 * $0.lowerBound },
            interval.map { 100 * $0.upperBound },
          ]))
      if headlines, let note = Headline.note(rows.last!.label, successes: n, trials: valid, words: words) {
        notes.append(note)
      }
    }
    rows += missingRows(counts, of: v, total: all, columns: 5, words: words)
    rows.append(
      .init(label: words[.total], kind: .total, values: [all, all > 0 ? 100 : nil, valid > 0 ? 100 : nil, nil, nil]))
    return ResultTable(
      title: "\(v.name): \(v.label.text(in: words.language))",
      base:
        "\(words[.allCases]): \(formattedCount(Int(all), words)); \(words[.validAnswers]): \(formattedCount(Int(valid), words))",
      columns: [
        .init(words[.count], .count), .init(words[.percent], .percent), .init(words[.validPercent], .percent),
        .init(words[.low], .percent), .init(words[.high], .percent),
      ],
      rows: rows, notes: notes)
  }
}
