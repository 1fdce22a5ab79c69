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
    case text, csv, json, md
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

  func run() throws {
    let opened = try StoreFile.openExisting(store)
    let target = try StoreFile.questionnaire(questionnaire, in: opened, path: store)
    let lang = try CommandLineChecks.language(language, of: target)
    let selection = VersionSelection(
      target: target, counts: try opened.versionCounts(), definitions: try opened.definitions())
    for line in selection.excluded { printError("warning: \(line)") }
    let wide = WideRows(target)
    let codebook = wide.codebook
    let analysis: any Analysis
    if codebook.variable(named: variable) == nil {
      analysis = MultipleResponseTable(variable, by: by, headlines: headlines)
    } else if codebook.variable(named: variable)?.measure == .scale {
      analysis = MeansTable(variable, by: by)
    } else if let by {
      analysis = Crosstab(variable, by: by, cells: cells)
    } else {
      analysis = FrequencyTable(variable, headlines: headlines)
    }
    let filter: CaseFilter?
    let needed: [String]
    switch Self.prepare(analysis, condition, codebook) {
    case .success(let prepared): (filter, needed) = prepared
    case .failure(let error):
      printError("error: \(error)")
      throw ExitCode(64)
    }
    for warning in filter?.warnings ?? [] { printError("warning: \(warning)") }
    var data = try read(needed, wide, from: opened, versions: selection.included)
    if let filter { data = data.filtered(filter.keep(data)) }
    var table: ResultTable
    switch Self.table(analysis, data, AnalysisWords(language: lang)) {
    case .success(let made): table = made
    case .failure(let error):
      printError("error: \(error)")
      throw ExitCode(65)
    }
    if let filter { table.base += " (\(AnalysisWords(language: lang)[.selectedWhere]) \(filter.source))" }
    switch format {
    case .text: print(table.text(), terminator: "")
    case .csv: print(table.csv(), terminator: "")
    case .json: print(table.json(), terminator: "")
    case .md: print(table.markdown(), terminator: "")
    }
  }

  /// The filter, and the columns the analysis and the filter read.
  private static func prepare(
    _ analysis: any Analysis, _ condition: String?, _ codebook: Codebook
  ) -> Result<(CaseFilter?, [String]), AnalysisError> {
    do throws(AnalysisError) {
      let filter = try condition.map { (c: String) throws(AnalysisError) in try CaseFilter(c, codebook: codebook) }
      return .success((filter, try analysis.columns(in: codebook) + (filter?.columns ?? [])))
    } catch {
      return .failure(error)
    }
  }

  private static func table(_ analysis: any Analysis, _ data: AnalysisData, _ words: AnalysisWords) -> Result<
    ResultTable, AnalysisError
  > {
    do throws(AnalysisError) { return .success(try analysis.run(data, words: words)) } catch { return .failure(error) }
  }

  /// The cells of the columns `names` for every case of the versions in the store.
  private func read(_ names: [String], _ wide: WideRows, from store: Store, versions: [String]) throws -> AnalysisData {
    let variables = wide.codebook.variables
    let indices = Array(Set(names)).compactMap { name in variables.firstIndex { $0.name == name } }
    var columns = [[DatasetCell]](repeating: [], count: indices.count)
    do {
      try wide.forEachBatch(
        in: store, versions: versions, transform: { _, cells in indices.map { cells[$0] } },
        consume: { rows in
          for row in rows { for (k, cell) in row.enumerated() { columns[k].append(cell) } }
        })
    } catch {
      printError("error: \(error)")
      throw ExitCode(74)
    }
    return AnalysisData(
      codebook: wide.codebook,
      columns: Dictionary(uniqueKeysWithValues: zip(indices.map { variables[$0].name }, columns)))
  }
}

extension Crosstab.Cells: ExpressibleByArgument {}
