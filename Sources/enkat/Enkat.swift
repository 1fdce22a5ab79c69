import ArgumentParser

/// The `enkat` command: survey fieldwork from JSON questionnaires.
@main
struct Enkat: ParsableCommand {
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "enkat",
    abstract: "Survey fieldwork: check questionnaires, run keyboard interviews, keep every answer.",
    discussion: "Docs: docs/questionnaire-format.md, docs/response-log.md, docs/interviewing.md",
    version: version,
    subcommands: [
      CheckCommand.self, InterviewCommand.self, SimulateCommand.self, ReplayCommand.self, CodebookCommand.self,
      CollectCommand.self, StatusCommand.self, ExportCommand.self, TabCommand.self, ReportCommand.self,
      RatesCommand.self, SampleCommand.self, CatiCommand.self,
    ])
}
