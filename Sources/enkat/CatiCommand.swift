import ArgumentParser
import EnkatFieldwork
import EnkatLog
import EnkatModel
import EnkatTerminal
import Foundation

/// `enkat cati`: one telephone interviewer's session over a shared sample (docs/cati.md).
struct CatiCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cati",
    abstract: "Call the cases of a sample one after another, recording every call's outcome (CATI).",
    discussion: """
      Each interviewer runs this in a terminal of their own; they share the sample (made by enkat \
      sample import) and never get the same case at once. The next case is a due appointment (the \
      longest overdue first), else a fresh case in the register's order, else a retry whose delay \
      has passed. At a case: i interviews (the sample's id is the case id), a number or name \
      records the call's outcome, q stops. See docs/cati.md.
      """)

  @Argument(help: "The questionnaire JSON file.", completion: .file(extensions: ["json"]))
  var questionnaire: String

  @Option(help: "The sample file made by enkat sample import.")
  var sample: String

  @OptionGroup var options: StationOptions

  @Option(help: "A JSON file of quota targets per stratum (docs/cati.md, \"Quotas\").")
  var quotas: String?

  @Option(help: "Minutes before a case with no answer or an answering machine is called again.")
  var retryDelay = 120

  @Option(help: "Minutes before a busy line is called again.")
  var busyDelay = 15

  @Option(help: "Attempts after which a case is not called again (appointments are still kept).")
  var maxAttempts = 8

  func validate() throws {
    guard retryDelay >= 0, busyDelay >= 0, maxAttempts >= 1 else {
      throw ValidationError("--retry-delay and --busy-delay must be 0 or more, --max-attempts 1 or more")
    }
  }

  func run() throws {
    TerminalSetup.prepare()
    let loaded = try QuestionnaireFile.loadValid(questionnaire)
    let lang = try CommandLineChecks.language(options.language, of: loaded)
    let who = options.interviewer ?? InterviewCommand.userName()
    let stationID = options.station ?? Self.station(InterviewCommand.hostStation(), who)
    let store: SampleStore
    let claimant: Claimant
    do {
      store = try SampleStore.forCalling(sample)
      claimant = try Claimant(sample: sample)
    } catch {
      printError("error: \(error)")
      throw ExitCode(66)
    }
    let targets = try quotas.map { try QuotaFile.read($0, sample: store) }
    for (column, question) in (targets?.screening ?? [:]).sorted(by: { $0.key < $1.key })
    where !loaded.questions.contains(where: { $0.id == question && $0.takesAnswer }) {
      printError(
        "error: \(quotas ?? ""): 'screening' maps '\(column)' to '\(question)', which is no question of \(questionnaire)"
      )
      throw ExitCode(65)
    }
    let clock = SystemClock()
    let writer: ResponseLogWriter
    do {
      writer = try ResponseLogWriter(
        directory: options.data, questionnaireID: loaded.id, questionnaireDigest: loaded.digest, station: stationID,
        now: clock.timestamp)
    } catch {
      printError("error: \(error)")
      throw ExitCode(74)
    }
    let callLog: CallLogWriter
    do {
      callLog = try CallLogWriter(directory: options.data, questionnaireID: loaded.id, station: stationID)
    } catch {
      printError("error: \(error)")
      throw ExitCode(74)
    }
    let interactive = TerminalSetup.isInteractive
    let session = CatiSession(
      questionnaire: loaded, writer: writer, callLog: callLog, sample: store, claimant: claimant,
      settings: .init(
        interviewer: who, language: lang, station: stationID,
        policy: .init(retryDelay: retryDelay, busyDelay: busyDelay, maximumAttempts: maxAttempts), quotas: targets),
      bold: TerminalSetup.allowsEmphasis, now: { FieldTime.now() },
      makeReader: { interactive ? ReadlineLineReader() as any LineReader : PlainLineReader() })
    do {
      _ = try session.run()
    } catch let error as LogError {
      printError("error: \(error)")
      throw ExitCode(74)
    } catch let error as SessionError {
      printError("error: \(error)")
      throw ExitCode(1)
    } catch let error as CallLogWriter.Failure {
      printError("error: \(error)")
      throw ExitCode(74)
    }
  }

  /// The host name and the interviewer, as a station id.
  static func station(_ host: String, _ interviewer: String) -> String {
    let cleaned = String(
      interviewer.unicodeScalars.filter {
        $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
      }
      .map(Character.init))
    return String((host + "-" + (cleaned.isEmpty ? "interviewer" : cleaned)).prefix(64))
  }
}
