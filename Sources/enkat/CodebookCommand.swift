import ArgumentParser
import EnkatCollector
import EnkatDataset
import EnkatModel
import Glibc

/// `enkat codebook`: the variables a questionnaire's dataset has, and with a store what its cases
/// hold in each.
struct CodebookCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "codebook",
    abstract:
      "List the variables of a questionnaire's dataset: names, labels, types, codes, missing codes, conditions, and with a store the counts.",
    discussion: """
      One variable per question (per loop iteration: age_1, age_2, …), one 0/1 variable per option of \
      a multiple choice (reasons_1, …), and one per computed variable, named by the rule in \
      docs/dataset.md that every export and analysis uses. Given a store (made by enkat collect), the \
      codebook is that of --questionnaire, or of the latest definition the store keeps, with the \
      counts of the cases an export of it holds.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case md, json, html
  }

  @Argument(help: "A questionnaire JSON file, or a store made by enkat collect.")
  var source: String

  @Option(
    name: .customLong("questionnaire"), help: "With a store: the questionnaire version whose codebook to give.",
    completion: .file(extensions: ["json"]))
  var questionnaire: String?

  @Option(help: "Output format: md (Markdown), json, or html (a self-contained page).")
  var format: Format = .md

  @Option(name: .customLong("lang"), help: "Language of the texts. Default: the questionnaire's first.")
  var language: String?

  func run() throws {
    var counts: VariableCounts?
    let loaded: Questionnaire
    if Self.isStore(source) {
      let store = try StoreFile.openExisting(source)
      loaded = try StoreFile.questionnaire(questionnaire, in: store, path: source)
      let selection = VersionSelection(
        target: loaded, counts: try store.versionCounts(), definitions: try store.definitions())
      for line in selection.excluded { printError("warning: \(line)") }
      let wide = WideRows(loaded)
      var tally = VariableCounts(wide.codebook)
      try wide.forEach(in: store, versions: selection.included) { _, cells in tally.add(cells) }
      counts = tally
    } else {
      if questionnaire != nil {
        printError("error: --questionnaire goes with a store; \(source) is a questionnaire")
        throw ExitCode(64)
      }
      loaded = try QuestionnaireFile.loadValid(source)
    }
    let lang = try CommandLineChecks.language(language, of: loaded)
    let codebook = Codebook(loaded)
    switch format {
    case .md: print(codebook.markdown(language: lang, counts: counts), terminator: "")
    case .json: print(codebook.json(), terminator: "")
    case .html: print(codebook.html(language: lang, counts: counts), terminator: "")
    }
  }

  /// Whether `path` is an SQLite file (its first 16 bytes).
  static func isStore(_ path: String) -> Bool {
    guard let file = fopen(path, "rb") else { return false }
    defer { fclose(file) }
    var header = [UInt8](repeating: 0, count: 16)
    return fread(&header, 1, 16, file) == 16 && header == Array("SQLite format 3\0".utf8)
  }
}
