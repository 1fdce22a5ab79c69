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
      "Export a questionnaire's cases from a store: wide CSV or SPSS .sav (a row per case), long CSV, JSON Lines.",
    discussion: """
      Columns: station, case, outcome, then the variables of `enkat codebook` (a multiple choice as \
      one 0/1 column per option). Don't know and refused are written as the questionnaire's codes; \
      not asked, no answer and off route are empty. Rows are in station and case order, so the same \
      store gives the same bytes.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case csv
    case csvLong = "csv-long"
    case jsonl
    case sav
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
    if format == .csvLong || format == .jsonl {
      let rows = try ResponseRows(opened, questionnaire: loaded)
      try emit(format == .jsonl ? Self.jsonLines(rows) : Self.longCSV(rows), count: rows.cases.count, id: loaded.id)
      return
    }
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
    try emit(text, count: table.cases.count, id: loaded.id, variables: table.codebook.variables.count)
  }

  /// Writes `text` to `--out` (through a temporary file, renamed when complete) or standard output.
  private func emit(_ text: String, count: Int, id: String, variables: Int? = nil) throws {
    if out == "-" {
      print(text, terminator: "")
      return
    }
    let temporary = out + ".partial"
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
      guard rename(temporary, out) == 0 else { throw CocoaError(.fileWriteUnknown) }
    } catch {
      try? FileManager.default.removeItem(atPath: temporary)
      printError("error: cannot write \(out): \(error.localizedDescription)")
      throw ExitCode(74)
    }
    printError("\(count) cases of \(id)" + (variables.map { ", \($0) variables" } ?? "") + ": \(out)")
  }

  /// One row per case and response: station, case, outcome, question, value, status.
  static func longCSV(_ rows: ResponseRows) -> String {
    var text = CSVText.line(["station", "case", "outcome", "question", "value", "status"])
    for (info, list) in zip(rows.cases, rows.responses) {
      for r in list {
        text += CSVText.line([
          info.station, info.caseID, info.outcome, r.questionID, Self.plain(r.value), r.status ?? "",
        ])
      }
    }
    return text
  }

  /// One JSON object per case: its identity, outcome and responses (a value, or its status).
  static func jsonLines(_ rows: ResponseRows) -> String {
    var text = ""
    func quoted(_ s: String) -> String {
      var bytes: [UInt8] = []
      CanonicalJSON.writeString(s, into: &bytes)
      return String(decoding: bytes, as: UTF8.self)
    }
    for (info, list) in zip(rows.cases, rows.responses) {
      let responses = list.map { r in
        quoted(r.questionID) + ":" + (r.value ?? "{\"status\":" + quoted(r.status ?? "") + "}")
      }
      text +=
        "{\"station\":\(quoted(info.station)),\"case\":\(quoted(info.caseID)),\"outcome\":\(quoted(info.outcome)),"
      text += "\"responses\":{" + responses.joined(separator: ",") + "}}\n"
    }
    return text
  }

  /// A stored value as a CSV cell: a text without its JSON quotes, codes as `1,3`.
  static func plain(_ value: String?) -> String {
    guard let value else { return "" }
    if value.hasPrefix("\""),
      let text = try? JSONSerialization.jsonObject(with: Data(value.utf8), options: .fragmentsAllowed) as? String
    {
      return text
    }
    if value.hasPrefix("[") { return String(value.dropFirst().dropLast()) }
    return value
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
