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

  /// The dataset columns the spec's findings read, with their subgroups and the weighting's.
  public static func columns(_ spec: ReportSpec, in codebook: Codebook, weighting: WeightSpec? = nil)
    throws(AnalysisError) -> [String]
  {
    var names = try weightingColumns(weighting, in: codebook)
    for finding in spec.findings {
      names += try TabulatedVariable(finding.variable, in: codebook).columnNames
      if let condition = finding.condition { names += try CaseFilter(condition, codebook: codebook).columns }
    }
    return Array(Set(names)).sorted()
  }

  /// With `weighting`, every share, interval, bar, table and change is a design-based estimate
  /// (docs/analysis.md, "Weights"), each wave weighted the same way.
  public init(
    _ spec: ReportSpec, current: AnalysisData, previous: AnalysisData?, language: String, provenance: [String],
    weighting: WeightSpec? = nil
  ) throws(AnalysisError) {
    let words = Words(language: language)
    title = spec.title.text(in: language)
    self.language = language
    self.provenance = provenance
    findings = []
    let designs = try [current, previous].map { (data: AnalysisData?) throws(AnalysisError) -> SurveyDesign? in
      guard let weighting, let data else { return nil }
      return try SurveyDesign(weighting, data)
    }
    for finding in spec.findings {
      let data = try Self.subgroup(current, finding.condition, weighted: weighting != nil)
      let design = designs[0]?.within(data.subpopulation)
      let tabulated = try TabulatedVariable(finding.variable, in: data.codebook)
      let measured = try ShareMeasure(tabulated, finding.values, data, base: finding.base, design: design)
      guard measured.trials > 0, let interval = measured.interval else {
        throw .unsuitable(
          finding.variable, reason: "no case answered it\(finding.condition.map { " where \($0)" } ?? "")")
      }
      let share = measured.share
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
        let before = try Self.subgroup(previous, finding.condition, weighted: weighting != nil)
        let then = try ShareMeasure(
          try TabulatedVariable(finding.variable, in: before.codebook), finding.values, before, base: finding.base,
          design: designs[1]?.within(before.subpopulation))
        if let difference = measured.change(since: then) {
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
        table = try FrequencyTable(finding.variable, weighting: weighting).run(data, words: words)
      case .multiple:
        table = try MultipleResponseTable(finding.variable, weighting: weighting).run(data, words: words)
      }
      // A bar per value, each of the finding's base, with its interval.
      var bars: [Bar] = []
      for row in table.rows where row.kind == .value {
        let bar: (share: Double, interval: ClosedRange<Double>?)
        if let design, let code = row.code {
          let one = try ShareMeasure(tabulated, [Int(code)], data, base: finding.base, design: design)
          bar = (one.share, one.interval)
        } else if design == nil, let n = row.values[0] {
          bar = (n / measured.trials, Statistics.wilsonInterval(successes: n, trials: measured.trials))
        } else {
          continue
        }
        guard let interval = bar.interval else { continue }
        bars.append(
          Bar(
            label: row.label, percent: 100 * bar.share, low: 100 * interval.lowerBound,
            high: 100 * interval.upperBound, highlighted: row.code.map { finding.values.contains(Int($0)) } ?? false))
      }
      let trials =
        design == nil ? formattedCount(Int(measured.trials), words) : ResultTable.formatted(measured.trials, .count)
      let base =
        (finding.condition.map { "\(words[.selectedWhere]) \($0); " } ?? "")
        + "\(words[finding.base == .all ? .allCases : .validAnswers]): \(trials)"
        + (weighting.map { "; \(words[.weightedBy]) \($0.name)" } ?? "")
      findings.append(
        Finding(
          sentence: sentence, share: share, interval: interval, base: base, bars: bars, table: table, change: change))
    }
  }

  /// The cases of a finding's subgroup: kept alone, or marked as the subpopulation of a weighted
  /// design.
  private static func subgroup(_ data: AnalysisData, _ condition: String?, weighted: Bool) throws(AnalysisError)
    -> AnalysisData
  {
    guard let condition else { return data }
    let keep = try CaseFilter(condition, codebook: data.codebook).keep(data)
    return weighted
      ? AnalysisData(codebook: data.codebook, columns: data.columns, subpopulation: keep) : data.filtered(keep)
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
