import ArgumentParser
import EnkatExpressions
import EnkatFieldwork
import EnkatLog
import EnkatModel
import EnkatSimulation
import EnkatTerminal
import Foundation

/// `enkat simulate`: synthetic interviews through the real engine and the real response writer.
struct SimulateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: "Run synthetic respondents through a questionnaire and write ordinary response files.",
    discussion: """
      Each case is interviewed by the same engine as `enkat interview`, with answers drawn within \
      each question's domain or from a profile (see docs/simulation.md), and written with the same \
      response-file writer (one write and one sync per case). Reports questions no case reached.
      """)

  @Argument(help: "The questionnaire JSON file.", completion: .file(extensions: ["json"]))
  var questionnaire: String

  @Option(help: "How many cases to simulate.")
  var cases = 100

  @Option(help: "Seed of the random respondents; the same seed gives the same answers.")
  var seed: UInt64 = 1

  @Option(help: "Station id of the response file.")
  var station = "SIM"

  @Option(help: "Directory of the response files.")
  var data = "data"

  @Option(help: "A simulation profile (JSON) with target distributions per question.")
  var profile: String?

  @Option(name: .customLong("lang"), help: "Interview language. Default: the questionnaire's first.")
  var language: String?

  @Option(
    help: ArgumentHelp(
      "The date today() gives in the simulated interviews, so a run can be repeated exactly. Default: today.",
      valueName: "YYYY-MM-DD"))
  var today: String?

  @Flag(help: "Print how many cases reached each question.")
  var report = false

  @Flag(help: "Exit with status 1 when some question was never reached.")
  var requireAllReached = false

  func validate() throws {
    try CommandLineChecks.validate(data: data)
    guard cases >= 1 else { throw ValidationError("--cases must be at least 1.") }
    if let today, CalendarDay.parse(today) == nil {
      throw ValidationError("--today must be a date written YYYY-MM-DD, not \"\(today)\".")
    }
    try CommandLineChecks.validate(station: station)
  }

  func run() throws {
    let loaded = try QuestionnaireFile.loadValid(questionnaire)
    let lang = try CommandLineChecks.language(language, of: loaded)
    var targets = SimulationProfile()
    if let profile {
      let bytes = try QuestionnaireFile.bytes(profile)
      let outcome = SimulationProfileLoader.load(bytes, file: profile, for: loaded)
      for d in outcome.diagnostics { printError(d.rendered(source: outcome.source)) }
      guard let p = outcome.profile else { throw ExitCode(1) }
      targets = p
    }
    let clock = SystemClock()
    let writer: ResponseLogWriter
    do {
      writer = try ResponseLogWriter(
        directory: data, questionnaireID: loaded.id, questionnaireDigest: loaded.digest, station: station,
        now: clock.timestamp)
    } catch {
      printError("error: \(error)")
      throw ExitCode(74)
    }
    let day = today.flatMap(CalendarDay.parse) ?? SystemClock().today()
    let simulator = Simulator(questionnaire: loaded, profile: targets, language: lang, today: day)
    var summary = SimulationReport(questionnaire: loaded)
    let start = CaseLifecycle(questionnaire: loaded, writer: writer).start(
      interviewer: "simulation seed \(seed)", language: lang)
    for n in 1...cases {
      let simulated = simulator.run(case: n, seed: seed)
      summary.add(simulated)
      let payloads = [start] + simulated.events.map(ResponseRecord.Payload.init)
      do {
        try writer.append(contentsOf: payloads, caseID: writer.nextCaseID(), time: clock.timestamp())
      } catch {
        printError("error: \(error)")
        throw ExitCode(74)
      }
    }
    print(render(summary, loaded))
    if requireAllReached && !summary.neverReached.isEmpty { throw ExitCode(1) }
  }

  private func render(_ summary: SimulationReport, _ q: Questionnaire) -> String {
    let outcomes = InterviewOutcome.allCases.compactMap { o in summary.outcomes[o].map { "\($0) \(o.rawValue)" } }
    var lines = [
      "Simulated \(summary.cases) cases of \(q.id) \(q.version) (seed \(seed)) into \(ResponseLogWriter.path(directory: data, questionnaireID: q.id, station: station)): "
        + outcomes.joined(separator: ", ") + "."
    ]
    if report {
      let width = summary.questionIDs.map(\.count).max() ?? 0
      for id in summary.questionIDs {
        let n = summary.reached[id] ?? 0
        let percent = Double(n) * 100 / Double(summary.cases)
        lines.append(
          "  " + id.padding(toLength: width, withPad: " ", startingAt: 0)
            + "  \(n) (\(String(format: "%.1f", percent))%)")
      }
    }
    for (id, n) in summary.stuck.sorted(by: { $0.key < $1.key }) {
      lines.append(
        "Could not satisfy the checks of '\(id)' in \(n) case\(n == 1 ? "" : "s"); recorded don't know, refused or a break-off there."
      )
    }
    lines.append(
      summary.neverReached.isEmpty
        ? "Every question was reached."
        : "Never reached (\(summary.neverReached.count)): " + summary.neverReached.joined(separator: ", "))
    return lines.joined(separator: "\n")
  }
}
