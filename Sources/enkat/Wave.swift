import ArgumentParser
import EnkatAnalysis
import EnkatCollector
import EnkatDataset
import EnkatModel
import Foundation

/// One wave: a store, the questionnaire version read from it, and the versions that fit it.
struct Wave {
  let path: String
  let store: Store
  let target: Questionnaire
  let wide: WideRows
  let versions: [String]

  init(_ path: String, questionnaire: String?) throws {
    self.path = path
    store = try StoreFile.openExisting(path)
    target = try StoreFile.questionnaire(questionnaire, in: store, path: path)
    let selection = VersionSelection(
      target: target, counts: try store.versionCounts(), definitions: try store.definitions())
    for line in selection.excluded { printError("warning: \(line)") }
    wide = WideRows(target)
    versions = selection.included
  }

  /// The columns an analysis reads and `condition` needs, for the cases the condition keeps;
  /// a wrong variable or condition is printed (exit status 64).
  /// With `subpopulation`, every case is kept and the condition marks the subpopulation (what a
  /// weighted analysis needs).
  func data(
    columns: (Codebook) -> Result<[String], AnalysisError>, _ condition: String?, subpopulation: Bool = false
  ) throws -> AnalysisData {
    let codebook = wide.codebook
    let prepared = TabCommand.result { () throws(AnalysisError) -> (CaseFilter?, [String]) in
      let filter = try condition.map { (c: String) throws(AnalysisError) in try CaseFilter(c, codebook: codebook) }
      return (filter, try columns(codebook).get() + (filter?.columns ?? []))
    }
    guard case .success(let (filter, needed)) = prepared else {
      if case .failure(let error) = prepared { printError("error: \(path): \(error)") }
      throw ExitCode(64)
    }
    for warning in filter?.warnings ?? [] { printError("warning: \(warning)") }
    let data = try read(needed)
    guard let filter else { return data }
    let keep = filter.keep(data)
    return subpopulation
      ? AnalysisData(codebook: data.codebook, columns: data.columns, subpopulation: keep) : data.filtered(keep)
  }

  /// The cells of the columns `names` for every case of the versions in the store.
  private func read(_ names: [String]) throws -> AnalysisData {
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
