import ArgumentParser
import EnkatFieldwork
import EnkatLog
import EnkatModel
import EnkatTerminal
import Foundation
import Glibc

/// `enkat interview`: the readline interviewer.
struct InterviewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "interview",
    abstract: "Interview one respondent with a questionnaire, at the keyboard.",
    discussion: """
      Every answer is appended to DATA/QUESTIONNAIRE-ID.STATION.jsonl and flushed to disk before \
      the next question appears. At any question: /back, /dk (don't know), /ref (refused), /help, \
      /pause (resume later with --resume), /stop (break-off). TAB completes option labels.
      """)

  @Argument(help: "The questionnaire JSON file.", completion: .file(extensions: ["json"]))
  var questionnaire: String

  @OptionGroup var options: StationOptions

  @Flag(help: "Continue an unfinished (paused or crashed) interview of this station instead of starting a new one.")
  var resume = false

  @Option(
    name: .customLong("case"),
    help: "The case id to resume (with --resume) or to start. Default: the latest unfinished case, or the next number.")
  var caseID: String?

  func validate() throws {
    if let caseID { try CommandLineChecks.validate(caseID: caseID, station: options.station ?? Self.hostStation()) }
  }

  func run() throws {
    TerminalSetup.prepare()
    let loaded = try QuestionnaireFile.loadValid(questionnaire)
    let lang = try CommandLineChecks.language(options.language, of: loaded)
    let clock = SystemClock()
    let writer: ResponseLogWriter
    do {
      writer = try ResponseLogWriter(
        directory: options.data, questionnaireID: loaded.id, questionnaireDigest: loaded.digest,
        station: options.station ?? Self.hostStation(), now: clock.timestamp)
    } catch {
      printError("error: \(error)")
      throw ExitCode(74)
    }
    for notice in writer.openingNotices {
      printError("warning: \(writer.path): \(notice)")
    }
    let reader: any LineReader = TerminalSetup.isInteractive ? ReadlineLineReader() : PlainLineReader()
    let settings = InterviewSession.Settings(
      interviewer: options.interviewer ?? Self.userName(), language: lang, resume: resume, caseID: caseID)
    let session = InterviewSession(
      questionnaire: loaded, writer: writer, reader: reader, settings: settings, bold: TerminalSetup.allowsEmphasis)
    do {
      let result = try session.run()
      if result.terminated { throw ExitCode(143) }
    } catch let error as LogError {
      printError("error: \(error)")
      throw ExitCode(74)
    } catch let error as SessionError {
      printError("error: \(error)")
      throw ExitCode(1)
    }
  }

  static func hostStation() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    gethostname(&buffer, buffer.count - 1)
    let length = buffer.firstIndex(of: 0) ?? buffer.count
    let text = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let name = text.split(separator: ".").first.map(String.init) ?? "station"
    let cleaned = String(
      name.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
        .map(Character.init))
    return cleaned.isEmpty ? "station" : String(cleaned.prefix(64))
  }

  static func userName() -> String {
    getenv("USER").map { String(cString: $0) } ?? "unknown"
  }
}
