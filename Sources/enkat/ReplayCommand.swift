import ArgumentParser
import EnkatEngine
import EnkatExpressions
import EnkatLog
import EnkatModel

/// `enkat replay`: the effect of a questionnaire change on the interviews already done.
struct ReplayCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "replay",
    abstract: "Re-run recorded interviews through a (new) questionnaire version and list what would change.",
    discussion: """
      For every case in the response files: answers now off the route, answers the new version would \
      refuse (codes no longer offered, ranges, hard checks), answers to questions it no longer has, and, \
      for completed cases, questions now on the route without an answer. Nothing is written.
      """)

  @Argument(help: "The questionnaire version to replay with.", completion: .file(extensions: ["json"]))
  var questionnaire: String

  @Argument(help: "Response files (.jsonl).", completion: .file(extensions: ["jsonl"]))
  var files: [String]

  @Flag(help: "List every case, also those without findings.")
  var all = false

  func run() throws {
    let q = try QuestionnaireFile.loadValid(questionnaire)
    var cases = 0
    var affected = 0
    var totals: [String: Int] = [:]
    for file in files {
      let contents: ResponseLogContents
      do { contents = try ResponseLogWriter.read(path: file) } catch {
        printError("error: \(error)")
        throw ExitCode(1)
      }
      for problem in contents.problems { printError("warning: \(file): \(problem)") }
      for history in contents.cases {
        guard let start = history.start, start.questionnaireID == q.id else { continue }
        cases += 1
        let (responses, unusable) = history.responses(for: q)
        let findings = Interview.replay(
          questionnaire: q, language: q.languages.contains(start.language) ? start.language : q.languages[0],
          responses: responses, unusable: unusable, complete: history.outcome == .complete,
          today: history.records.first.flatMap { CalendarDay.parse(String($0.time.prefix(10))) })
        if !findings.isEmpty { affected += 1 }
        for f in findings { totals[Self.kind(f), default: 0] += 1 }
        if all || !findings.isEmpty {
          let state = history.outcome?.rawValue ?? "open"
          let lines = findings.map { "  " + Self.describe($0) }
          print(
            "\(history.caseID) (\(state), recorded with version \(start.questionnaireVersion)): "
              + (findings.isEmpty ? "unchanged" : "\(findings.count) finding\(findings.count == 1 ? "" : "s")"))
          lines.forEach { print($0) }
        }
      }
    }
    let kinds = ["off route", "invalid", "missing", "unknown"].compactMap { k in totals[k].map { "\($0) \(k)" } }
    print(
      "\(cases) case\(cases == 1 ? "" : "s") of \(q.id) replayed with version \(q.version): \(affected) affected"
        + (kinds.isEmpty ? "." : " (" + kinds.joined(separator: ", ") + ")."))
  }

  private static func kind(_ f: ReplayFinding) -> String {
    switch f {
    case .offRoute: return "off route"
    case .invalid: return "invalid"
    case .missing: return "missing"
    case .unknown: return "unknown"
    }
  }

  private static func describe(_ f: ReplayFinding) -> String {
    switch f {
    case .offRoute(let q): return "off route: \(q) (answered, but the new routing skips it)"
    case .invalid(let q, let problem): return "invalid: \(q): \(problem.message(in: "en"))"
    case .missing(let q): return "missing: \(q) (now on the route, never asked)"
    case .unknown(let q): return "unknown: \(q) (no such question of that type in this version)"
    }
  }
}
