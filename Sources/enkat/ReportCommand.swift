import ArgumentParser
import EnkatAnalysis
import EnkatCollector
import EnkatDataset
import EnkatModel
import EnkatTerminal
import Foundation

/// `enkat report`: the findings a spec names, from a store, as a self-contained HTML page and
/// Markdown (docs/analysis.md, "Reports").
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write a report of findings (sentences with shares in words, charts, tables) as HTML and Markdown.",
    discussion: """
      SPEC is a JSON file of findings: each a variable, the codes whose share it says, an optional \
      subgroup, and a sentence with {share} where the headline goes ('fyra av tio'). With \
      --previous-wave, a finding marked "compare" says whether its share rose or fell. The HTML page \
      needs nothing from elsewhere; the Markdown is written beside it (.md). See docs/analysis.md.
      """)

  @Argument(help: "The report spec (JSON).", completion: .file(extensions: ["json"]))
  var spec: String

  @Argument(help: "The store made by enkat collect.")
  var store: String

  @Option(help: "A store of the previous wave, for the findings marked \"compare\".")
  var previousWave: String?

  @Option(help: "The questionnaire version to report on. Default: the latest the store keeps.")
  var questionnaire: String?

  @Option(help: "The HTML file to write; the Markdown goes beside it with .md.")
  var out: String

  @Option(name: .customLong("lang"), help: "Language of the report. Default: the questionnaire's first.")
  var language: String?

  @Option(
    help: ArgumentHelp(
      "Weight every finding (each wave alike): a number variable of design weights, or a JSON file that post-stratifies or rakes (docs/analysis.md, \"Weights\").",
      valueName: "variable-or-file"))
  var weight: String?

  func run() throws {
    MemorySettings.apply()
    let bytes: [UInt8]
    do { bytes = try QuestionnaireFile.bytes(spec) } catch {
      printError("error: \(error)")
      throw ExitCode(66)
    }
    let parsed: ReportSpec
    switch ReportSpec.parse(bytes, file: spec) {
    case .success(let s): parsed = s
    case .failure(let problems):
      printError(problems.description)
      throw ExitCode(65)
    }
    let weighting = try weight.map(WeightingFile.read)
    let current = try Wave(store, questionnaire: questionnaire)
    let lang = try CommandLineChecks.language(language, of: current.target)
    let columns = { (codebook: Codebook) in
      TabCommand.result { () throws(AnalysisError) in try Report.columns(parsed, in: codebook, weighting: weighting) }
    }
    let now = try current.data(columns: columns, nil)
    var before: AnalysisData?
    if let previousWave { before = try Wave(previousWave, questionnaire: nil).data(columns: columns, nil) }
    let files = try current.store.collectedFiles()
    let provenance =
      [
        "\(current.target.id) \(current.target.version) (\(current.target.digest))",
        "store: \(store) (\(files.count) response files\(files.isEmpty ? "" : ": " + files.prefix(5).joined(separator: ", ") + (files.count > 5 ? ", …" : "")))",
      ] + (previousWave.map { ["previous wave: \($0)"] } ?? []) + (weighting.map { ["weighted by \($0.name)"] } ?? [])
      + [
        "made by enkat \(Enkat.version) at \(SystemClock().timestamp())"
      ]
    let made = TabCommand.result { () throws(AnalysisError) in
      try Report(parsed, current: now, previous: before, language: lang, provenance: provenance, weighting: weighting)
    }
    let report: Report
    switch made {
    case .success(let r): report = r
    case .failure(let error):
      printError("error: \(spec): \(error)")
      throw ExitCode(65)
    }
    let markdown = (out.hasSuffix(".html") ? String(out.dropLast(5)) : out) + ".md"
    do {
      try Data(report.html().utf8).write(to: URL(fileURLWithPath: out))
      try Data(report.markdown().utf8).write(to: URL(fileURLWithPath: markdown))
    } catch {
      printError("error: cannot write the report: \(error)")
      throw ExitCode(73)
    }
    for finding in report.findings { print(finding.sentence) }
    printError("\(report.findings.count) findings: \(out), \(markdown)")
  }
}
