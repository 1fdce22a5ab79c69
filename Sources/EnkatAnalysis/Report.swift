import EnkatDataset
import EnkatModel
import Foundation

/// A report made from a spec (`ReportSpec`) and the cases of a store: per finding, its sentence
/// with the share in words (`Headline`), the share with its 95 % Wilson interval, a bar per value
/// with its interval, the table behind it, and the change since the previous wave when asked for.
/// Renders to a self-contained HTML page (`Report+HTML.swift`) and to Markdown.
public struct Report: Sendable {
  /// One bar of a finding's chart: a value's share with its 95 % interval, in per cent.
  public struct Bar: Sendable {
    public var label: String
    public var percent: Double
    public var low: Double
    public var high: Double
    /// Whether the bar is one of the values the sentence is about.
    public var highlighted: Bool
  }

  public struct Finding: Sendable {
    public var sentence: String
    /// The share the sentence says (0–1) and its interval.
    public var share: Double
    public var interval: ClosedRange<Double>
    /// What the share is of: "those who answered: 2,396".
    public var base: String
    public var bars: [Bar]
    public var table: ResultTable
    /// The change since the previous wave in words, when compared.
    public var change: String?
  }

  public var title: String
  public var language: String
  public var findings: [Finding]
  /// Where the numbers come from: the store, its files, the questionnaire, the time.
  public var provenance: [String]

  /// The dataset columns the spec's findings read, with their subgroups.
  public static func columns(_ spec: ReportSpec, in codebook: Codebook) throws(AnalysisError) -> [String] {
    var names: [String] = []
    for finding in spec.findings {
      names += try TabulatedVariable(finding.variable, in: codebook).columnNames
      if let condition = finding.condition { names += try CaseFilter(condition, codebook: codebook).columns }
    }
    return Array(Set(names)).sorted()
  }

  public init(
    _ spec: ReportSpec, current: AnalysisData, previous: AnalysisData?, language: String, provenance: [String]
  ) throws(AnalysisError) {
    let words = Words(language: language)
    title = spec.title.text(in: language)
    self.language = language
    self.provenance = provenance
    findings = []
    for finding in spec.findings {
      let data = try Self.subgroup(current, finding.condition)
      let tabulated = try TabulatedVariable(finding.variable, in: data.codebook)
      let counts = try Self.counts(tabulated, finding.values, data, base: finding.base)
      guard counts.trials > 0,
        let interval = Statistics.wilsonInterval(successes: counts.successes, trials: counts.trials)
      else {
        throw .unsuitable(
          finding.variable, reason: "no case answered it\(finding.condition.map { " where \($0)" } ?? "")")
      }
      let share = counts.successes / counts.trials
      let text = finding.statement.text(in: language)
      // Before a noun the count form ("varannan socialsekreterare"), before "av" / "of" the share
      // form ("hälften av dem").
      let following = text.components(separatedBy: "{share}").dropFirst().first ?? ""
      let form: Headline.Form =
        following.hasPrefix(" av ") || following.hasPrefix(" of ") || following.isEmpty ? .share : .count
      let phrase = Headline(share: share, interval: interval, language: language, form: form).phrase
      var sentence = text.replacing("{share}", with: phrase)
      if text.hasPrefix("{share}") { sentence = sentence.prefix(1).uppercased() + sentence.dropFirst() }
      var change: String?
      if finding.compare, let previous {
        let before = try Self.subgroup(previous, finding.condition)
        let then = try Self.counts(
          try TabulatedVariable(finding.variable, in: before.codebook), finding.values, before, base: finding.base)
        if let difference = Change(counts.successes, counts.trials, then.successes, then.trials) {
          change = difference.words(words)
          if difference.interval.lowerBound > 0 || difference.interval.upperBound < 0 {
            let said = words[difference.interval.lowerBound > 0 ? .increase : .decrease]
            sentence += (sentence.hasSuffix(".") ? "" : ".") + " " + words[.thatIs] + " " + said + "."
          }
        }
      }
      let table: ResultTable
      switch tabulated {
      case .single:
        table = try FrequencyTable(finding.variable).run(data, words: words)
      case .multiple:
        table = try MultipleResponseTable(finding.variable).run(data, words: words)
      }
      // A bar per value, each of the finding's base, with its interval.
      let bars = table.rows.filter { $0.kind == .value }.compactMap { row -> Bar? in
        guard let n = row.values[0], let interval = Statistics.wilsonInterval(successes: n, trials: counts.trials)
        else {
          return nil
        }
        return Bar(
          label: row.label, percent: 100 * n / counts.trials, low: 100 * interval.lowerBound,
          high: 100 * interval.upperBound, highlighted: row.code.map { finding.values.contains(Int($0)) } ?? false)
      }
      let base =
        (finding.condition.map { "\(words[.selectedWhere]) \($0); " } ?? "")
        + "\(words[finding.base == .all ? .allCases : .validAnswers]): \(formattedCount(Int(counts.trials), words))"
      findings.append(
        Finding(
          sentence: sentence, share: share, interval: interval, base: base, bars: bars, table: table, change: change))
    }
  }

  private static func subgroup(_ data: AnalysisData, _ condition: String?) throws(AnalysisError) -> AnalysisData {
    guard let condition else { return data }
    let filter = try CaseFilter(condition, codebook: data.codebook)
    return data.filtered(filter.keep(data))
  }

  /// How many have one of `values` (of a multiple choice: chose one of those options), of how
  /// many answered.
  private static func counts(
    _ tabulated: TabulatedVariable, _ values: [Int], _ data: AnalysisData, base: ReportSpec.Base
  ) throws(AnalysisError) -> (successes: Double, trials: Double) {
    switch tabulated {
    case .single(let v):
      guard let cells = data.cells(v.name) else { throw .unsuitable(v.name, reason: "it was not read") }
      let valid = cells.map(CellValue.init).filter(\.isValid)
      let wanted = Set(values.map { CellValue.code(Double($0)) })
      return (Double(valid.filter { wanted.contains($0) }.count), Double(base == .all ? cells.count : valid.count))
    case .multiple(let id, _, let options):
      let columns = options.map { data.cells($0.name) ?? [] }
      let chosen = options.indices.filter { options[$0].optionCode.map(values.contains) ?? false }
      guard !chosen.isEmpty else {
        throw .unsuitable(id, reason: "it has no option \(values.map(String.init).joined(separator: ", "))")
      }
      let answered = answeredCases(columns, count: data.count).enumerated().filter(\.element).map(\.offset)
      let successes = answered.filter { k in chosen.contains { columns[$0][k] == .number(1) } }.count
      return (Double(successes), Double(base == .all ? data.count : answered.count))
    }
  }

  /// The report as Markdown: the title, each finding's sentence, share, base and table, and the
  /// provenance.
  public func markdown() -> String {
    let words = Words(language: language)
    var lines = ["# \(title)", ""]
    for finding in findings {
      lines += ["## \(finding.sentence)", ""]
      lines.append(
        String(
          format: "%.1f %% (%@ %.1f–%.1f); %@", 100 * finding.share, words[.interval],
          100 * finding.interval.lowerBound,
          100 * finding.interval.upperBound, finding.base))
      if let change = finding.change { lines += ["", change.prefix(1).uppercased() + change.dropFirst()] }
      lines += ["", finding.table.markdown()]
    }
    lines += ["---", ""] + provenance.map { "- \($0)" }
    return lines.joined(separator: "\n") + "\n"
  }
}
