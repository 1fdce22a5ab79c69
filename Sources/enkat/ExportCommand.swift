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
      store gives the same bytes. The cases exported are those recorded with the given version, and \
      with earlier versions whose definitions the store keeps and whose answers fit this one; the \
      others are listed (see docs/collector.md, "Versions").
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
    MemorySettings.apply()
    let loaded = try QuestionnaireFile.loadValid(questionnaire)
    let lang = try CommandLineChecks.language(language, of: loaded)
    let opened = try StoreFile.openExisting(store)
    let selection = VersionSelection(
      target: loaded, counts: try opened.versionCounts(), definitions: try opened.definitions())
    for line in selection.excluded { printError("warning: \(line)") }
    let versions = selection.included
    if format == .sav && out == "-" {
      printError("error: a .sav file cannot go to standard output; name a file with --out")
      throw ExitCode(64)
    }
    if format == .sav {
      let wide = WideRows(loaded)
      do {
        let count = try writeSav(wide, from: opened, versions: versions, language: lang)
        printError("\(count) cases of \(loaded.id), \(wide.codebook.variables.count) variables: \(out)")
      } catch {
        printError("error: \(error)")
        throw ExitCode(74)
      }
      return
    }
    let output: ExportOutput
    do { output = try ExportOutput(out) } catch {
      printError("error: \(error)")
      throw ExitCode(74)
    }
    do {
      let summary: String
      if format == .csv {
        let wide = WideRows(loaded)
        let count = try writeCSV(wide, from: opened, versions: versions, language: lang, to: output)
        summary = "\(count) cases of \(loaded.id), \(wide.codebook.variables.count) variables"
      } else {
        let rows = try ResponseRows(opened, questionnaire: loaded, versions: versions)
        output.append(format == .jsonl ? Self.jsonLines(rows) : Self.longCSV(rows))
        summary = "\(rows.cases.count) cases of \(loaded.id)"
      }
      try output.finish()
      if out != "-" { printError("\(summary): \(out)") }
    } catch {
      output.abandon()
      printError("error: \(error)")
      throw ExitCode(74)
    }
  }

  /// The wide CSV, a case at a time; returns the number of cases.
  private func writeCSV(
    _ wide: WideRows, from store: Store, versions: [String], language: String, to output: ExportOutput
  ) throws -> Int {
    let variables = wide.codebook.variables
    output.append(CSVText.line(["station", "case", "outcome"] + variables.map(\.name)))
    var count = 0
    let labels = self.labels
    // The store's data table for this version holds exactly these rows: written as they are.
    if !labels,
      try WideTables.forEachCSVChunk(
        store, digest: wide.codebook.digest, variables: variables.map(\.name),
        { lines, rows in
          output.append(lines)
          count += rows
        })
    {
      return count
    }
    // Otherwise cases are turned into lines on two threads, a batch at a time, in order.
    try wide.forEachBatch(
      in: store, versions: versions,
      transform: { info, cells in Self.csvLine(info, cells, variables: variables, language: language, labels: labels) },
      consume: { lines in
        for line in lines { output.append(line) }
        count += lines.count
      })
    return count
  }

  /// One case's CSV line, CR LF included.
  private static func csvLine(
    _ info: StoredCases.Info, _ cells: [WideRows.Cell], variables: [Variable], language: String, labels: Bool
  ) -> [UInt8] {
    var line: [UInt8] = []
    line.reserveCapacity(cells.count * 3 + 32)
    CSVBytes.appendField(info.station, to: &line)
    line.append(UInt8(ascii: ","))
    CSVBytes.appendField(info.caseID, to: &line)
    line.append(UInt8(ascii: ","))
    CSVBytes.appendField(info.outcome, to: &line)
    for (k, cell) in cells.enumerated() {
      line.append(UInt8(ascii: ","))
      switch cell {
      case .empty: break
      case .number(let n) where !labels && n == n.rounded() && abs(n) < 1e15: CSVBytes.appendInteger(Int(n), to: &line)
      case .missing(let code, _) where !labels: CSVBytes.appendInteger(code, to: &line)
      default: CSVBytes.appendField(text(cell, variables[k], language, labels: labels), to: &line)
      }
    }
    line.append(contentsOf: [0x0D, 0x0A])
    return line
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

  /// The .sav file: its row count and lead widths from the store, its text widths (when it has
  /// text variables) from a first pass over the cases, then the rows.
  private func writeSav(_ wide: WideRows, from store: Store, versions: [String], language: String) throws -> Int {
    if let table = try WideTables.rowBatches(
      store, digest: wide.codebook.digest, variables: wide.codebook.variables.map(\.name))
    {
      // The store's data table for this version: sizes from the table, rows as they are.
      let leads = zip(["station", "case", "outcome"], zip(["Station", "Case", "Outcome"], table.widths)).map {
        SavWriter.Lead(name: $0, label: $1.0, width: $1.1)
      }
      try writeSav(
        wide, leads: leads, textWidths: Array(table.widths.dropFirst(3)), count: table.count, language: language
      ) {
        writer in try table.forEach { try writer.add($0) }
      }
      return table.count
    }
    var textWidths = [Int](repeating: 1, count: wide.codebook.variables.count)
    let sizes = try StoredCases.sizes(store, questionnaireID: wide.codebook.questionnaireID, versions: versions)
    let leadWidths = [sizes.station, sizes.caseID, sizes.outcome]
    let count = sizes.cases
    let hasText = wide.codebook.variables.contains {
      if case .numeric = $0.type { return false } else { return true }
    }
    if hasText {
      // Text widths are known only from the texts: a first pass over the cases.
      try wide.forEachBatch(
        in: store, versions: versions,
        transform: { _, cells in
          cells.map { cell -> Int in
            if case .text(let s) = cell { return s.utf8.count }
            return 0
          }
        },
        consume: { rows in
          for row in rows { for (k, width) in row.enumerated() { textWidths[k] = max(textWidths[k], width) } }
        })
    }
    let leads = [
      SavWriter.Lead(name: "station", label: "Station", width: leadWidths[0]),
      SavWriter.Lead(name: "case", label: "Case", width: leadWidths[1]),
      SavWriter.Lead(name: "outcome", label: "Outcome", width: leadWidths[2]),
    ]
    try writeSav(wide, leads: leads, textWidths: textWidths, count: count, language: language) { writer in
      try wide.forEachBatch(
        in: store, versions: versions,
        transform: { info, cells in
          var row = DatasetRowBatch(columns: 3 + cells.count)
          for lead in [info.station, info.caseID, info.outcome] { row.append(text: lead) }
          for cell in cells { row.append(cell) }
          return row
        },
        consume: { rows in for row in rows { try writer.add(row) } })
    }
    return count
  }

  /// Writes `--out` as a .sav through a partial file renamed when complete; `rows` adds the rows.
  private func writeSav(
    _ wide: WideRows, leads: [SavWriter.Lead], textWidths: [Int], count: Int, language: String,
    rows: (SavWriter) throws -> Void
  ) throws {
    let temporary = out + ".partial"
    do {
      let writer = try SavWriter(
        path: temporary, codebook: wide.codebook, leads: leads, textWidths: textWidths, rowCount: count,
        language: language)
      try rows(writer)
      try writer.finish()
      let fd = open(temporary, O_RDONLY | O_CLOEXEC)
      if fd >= 0 {
        fsync(fd)
        close(fd)
      }
      guard rename(temporary, out) == 0 else { throw ExportError.cannotWrite(out, String(cString: strerror(errno))) }
    } catch {
      unlink(temporary)
      throw error
    }
  }

  static func text(_ cell: WideRows.Cell, _ variable: Variable, _ language: String, labels: Bool = false) -> String {
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
