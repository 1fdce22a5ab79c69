import ArgumentParser
import EnkatDataset
import EnkatModel

/// `enkat codebook`: the variables a questionnaire's dataset has.
struct CodebookCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "codebook",
    abstract:
      "List the variables of a questionnaire's dataset: names, labels, types, codes, missing codes, conditions.",
    discussion: """
      One variable per question (per loop iteration: age_1, age_2, …), one 0/1 variable per option of \
      a multiple choice (reasons_1, …), and one per computed variable, named by the rule in \
      docs/dataset.md that every export and analysis uses.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case md, json
  }

  @Argument(help: "The questionnaire JSON file.", completion: .file(extensions: ["json"]))
  var questionnaire: String

  @Option(help: "Output format: md (Markdown) or json.")
  var format: Format = .md

  @Option(name: .customLong("lang"), help: "Language of the texts in Markdown. Default: the questionnaire's first.")
  var language: String?

  func run() throws {
    let loaded = try QuestionnaireFile.loadValid(questionnaire)
    let lang = try CommandLineChecks.language(language, of: loaded)
    let codebook = Codebook(loaded)
    print(format == .md ? codebook.markdown(language: lang) : codebook.json(), terminator: "")
  }
}
