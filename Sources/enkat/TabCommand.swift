import ArgumentParser
import EnkatAnalysis
import EnkatCollector
import EnkatDataset
import EnkatModel
import Foundation

/// `enkat tab`: a quick table of a store's cases in the terminal (docs/analysis.md).
struct TabCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tab",
    abstract: "A quick table of a store's cases: frequencies, a crosstab with chi-square, a multiple choice.",
    discussion: """
      VARIABLE is a variable of `enkat codebook` or a multiple choice question's id. Alone it gives \
      counts, percentages of all cases and of the valid answers with 95 % Wilson intervals (don't \
      know, refused and not asked on rows of their own); with --by, a crosstab of the cases that \
      answered both, with Pearson's chi-square; a multiple choice gives the percentage of those who \
      answered it (its base) and of all choices; a number (a scale variable) its count, mean, median, \
      standard deviation, least and greatest, by group with --by. --where keeps the cases for which a condition in \
      the questionnaire's expression language is true. See docs/analysis.md.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, csv, json, md, html
  }

  @Argument(help: "The variable or multiple choice question to tabulate.")
  var variable: String

  @Argument(help: "The store made by enkat collect.")
  var store: String

  @Option(help: "Cross with this variable (its values become the columns).")
  var by: String?

  @Option(name: .customLong("where"), help: "Keep only the cases where this condition is true, e.g. 'area == 1'.")
  var condition: String?

  @Flag(
    help: "Say each value's share in words as well: 'fyra av tio', 'drygt vart tredje' (frequencies, multiple choice).")
  var headlines = false

  @Option(help: "What a crosstab's cells show: column, row or total percentages, or counts.")
  var cells: Crosstab.Cells = .column

  @Option(
    help:
      "The questionnaire version to tabulate. Default: the latest the store keeps, when it keeps one questionnaire.",
    completion: .file(extensions: ["json"]))
  var questionnaire: String?

  @Option(help: "Output format.")
  var format: Format = .text

  @Option(name: .customLong("lang"), help: "Language of labels and words. Default: the questionnaire's first.")
  var language: String?

  @Option(
    help: ArgumentHelp(
      "Weight the table: a number variable holding each case's design weight, or a JSON file that post-stratifies or rakes to population totals (docs/analysis.md, \"Weights\").",
      valueName: "variable-or-file"))
  var weight: String?

  @Option(help: "A store of the previous wave: compare each value's share with it (difference, 95 % interval, p).")
  var compare: String?

  func run() throws {
    MemorySettings.apply()
    let current = try Wave(store, questionnaire: questionnaire)
    let lang = try CommandLineChecks.language(language, of: current.target)
    let words = Words(language: lang)
    var table: ResultTable
    let weighting = try weight.map(WeightingFile.read)
    if let compare {
      guard by == nil else {
        printError("error: --compare compares one variable between two waves; leave out --by")
        throw ExitCode(64)
      }
      let comparison = WaveComparison(variable, weighting: weighting)
      let previous = try Wave(compare, questionnaire: nil)
      let columns = { (codebook: Codebook) in
        Self.result { () throws(AnalysisError) in try comparison.columns(in: codebook) }
      }
      let now = try current.data(columns: columns, condition, subpopulation: weighting != nil)
      let before = try previous.data(columns: columns, condition, subpopulation: weighting != nil)
      table = try Self.made(
        Self.result { () throws(AnalysisError) in try comparison.run(current: now, previous: before, words: words) })
    } else {
      let codebook = current.wide.codebook
      let analysis: any Analysis
      if codebook.variable(named: variable) == nil {
        analysis = MultipleResponseTable(variable, by: by, headlines: headlines, weighting: weighting)
      } else if codebook.variable(named: variable)?.measure == .scale {
        analysis = MeansTable(variable, by: by, weighting: weighting)
      } else if let by {
        analysis = Crosstab(variable, by: by, cells: cells, weighting: weighting)
      } else {
        analysis = FrequencyTable(variable, headlines: headlines, weighting: weighting)
      }
      let data = try current.data(
        columns: { codebook in Self.result { () throws(AnalysisError) in try analysis.columns(in: codebook) } },
        condition, subpopulation: weighting != nil)
      table = try Self.made(Self.result { () throws(AnalysisError) in try analysis.run(data, words: words) })
    }
    if let condition { table.base += " (\(words[.selectedWhere]) \(condition))" }
    print(format.rendered(table), terminator: "")
  }

  /// A typed-throwing step as a result (the analyses throw `AnalysisError` alone).
  static func result<T>(_ body: () throws(AnalysisError) -> T) -> Result<T, AnalysisError> {
    do throws(AnalysisError) { return .success(try body()) } catch { return .failure(error) }
  }

  /// The table made, or the analysis's error printed (exit status 65).
  private static func made(_ result: Result<ResultTable, AnalysisError>) throws -> ResultTable {
    switch result {
    case .success(let table): return table
    case .failure(let error):
      printError("error: \(error)")
      throw ExitCode(65)
    }
  }
}

extension Crosstab.Cells: ExpressibleByArgument {}

extension TabCommand.Format {
  /// The table in this format.
  func rendered(_ table: ResultTable) -> String {
    switch self {
    case .text: return table.text()
    case .csv: return table.csv()
    case .json: return table.json()
    case .md: return table.markdown()
    case .html: return table.html()
    }
  }
}
