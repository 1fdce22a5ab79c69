import ArgumentParser
import EnkatCollector
import EnkatDataset
import EnkatExport
import EnkatExpressions
import EnkatModel
import Foundation
import Glibc

/// `enkat export`: a questionnaire's cases from a store, as a file analysts open.
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract:
      "Export a questionnaire's cases from a store: one row per case, a column per variable (CSV or SPSS .sav).",
    discussion: """
      Columns: station, case, outcome, then the variables of `enkat codebook` (a multiple choice as \
      one 0/1 column per option). Don't know and refused are written as the questionnaire's codes; \
      not asked, no answer and off route are empty. Rows are in station and case order, so the same \
      store gives the same bytes.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case csv, sav
  }

  @Argument(help: "The store made by enkat collect.")
  var store: String

  @Option(help: "The questionnaire whose cases to export.", completion: .file(extensions: ["json"]))
  var questionnaire: String

  @Option(help: "Output format.")
  var format: Format = .csv

  @Option(help: "The file to write (- for standard output).")
  var out: String

  @Flag(help: "Write value labels instead of codes where a variable has them.")
  var labels = false

  @Option(name: .customLong("lang"), help: "Language of the labels. Default: the questionnaire's first.")
  var language: String?

  func run() throws {
    let loaded = try QuestionnaireFile.loadValid(questionnaire)
    let lang = try CommandLineChecks.language(language, of: loaded)
    let opened = try StoreFile.openExisting(store)
    let table = try WideTable(opened, questionnaire: loaded)
    if format == .sav {
      try writeSav(table, language: lang, questionnaireID: loaded.id)
      return
    }
    var text = CSVText.line(["station", "case", "outcome"] + table.codebook.variables.map(\.name))
    for (info, row) in zip(table.cases, table.rows) {
      let cells = zip(table.codebook.variables, row).map { variable, cell in
        Self.text(cell, variable, lang, labels: labels)
      }
      text += CSVText.line([info.station, info.caseID, info.outcome] + cells)
    }
    if out == "-" {
      print(text, terminator: "")
    } else {
      let temporary = out + ".partial"
      do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, out) == 0 else { throw CocoaError(.fileWriteUnknown) }
      } catch {
        try? FileManager.default.removeItem(atPath: temporary)
        printError("error: cannot write \(out): \(error.localizedDescription)")
        throw ExitCode(74)
      }
      printError("\(table.cases.count) cases of \(loaded.id), \(table.codebook.variables.count) variables: \(out)")
    }
  }

  private func writeSav(_ table: WideTable, language: String, questionnaireID: String) throws {
    guard out != "-" else {
      printError("error: a .sav file cannot go to standard output; name a file with --out")
      throw ExitCode(64)
    }
    let leads = [
      SavWriter.Lead(name: "station", label: "Station", values: table.cases.map(\.station)),
      SavWriter.Lead(name: "case", label: "Case", values: table.cases.map(\.caseID)),
      SavWriter.Lead(name: "outcome", label: "Outcome", values: table.cases.map(\.outcome)),
    ]
    let temporary = out + ".partial"
    do {
      try SavWriter.write(codebook: table.codebook, leads: leads, rows: table.rows, language: language, to: temporary)
      guard rename(temporary, out) == 0 else { throw ExportError.cannotWrite(out, String(cString: strerror(errno))) }
    } catch {
      unlink(temporary)
      printError("error: \(error)")
      throw ExitCode(74)
    }
    printError("\(table.cases.count) cases of \(questionnaireID), \(table.codebook.variables.count) variables: \(out)")
  }

  static func text(_ cell: WideTable.Cell, _ variable: Variable, _ language: String, labels: Bool = false) -> String {
    switch cell {
    case .empty: return ""
    case .text(let s): return s
    case .number(let n):
      if labels, n == n.rounded(), let label = variable.valueLabels.first(where: { Double($0.code) == n }) {
        return label.label.text(in: language)
      }
      return Value.format(n)
    case .missing(let code, let kind):
      if labels, let m = variable.missingCodes.first(where: { $0.kind == kind }) { return m.label.text(in: language) }
      return String(code)
    }
  }
}
