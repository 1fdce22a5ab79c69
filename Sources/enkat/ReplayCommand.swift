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
    var contents: [ResponseLogContents] = []
    var names: [String] = []
    var unreadable = 0
    for file in files {
      do {
        let read = try ResponseLogWriter.read(path: file)
        for problem in read.problems { printError("warning: \(file): \(problem)") }
        contents.append(read)
        names.append(file)
      } catch {
        printError("error: \(error) (the other files are still read)")
        unreadable += 1
      }
    }
    let merged = MergedCases(contents)
    for d in merged.duplicates {
      printError(
        "warning: \(names[d.file]): \(d.records) record\(d.records == 1 ? " was" : "s were") already read from \(names[d.earlierFile]) (the same records, copied twice): read once"
      )
    }
    for line in Self.describe(merged.conflicts, names) { printError("warning: " + line) }
    var cases = 0
    var affected = 0
    var totals: [String: Int] = [:]
    var otherQuestionnaires: [String: Int] = [:]
    let ownDigest = ResponseRecord.shortDigest(q.digest)
    var knownDigests: [String: String] = [ownDigest: q.id]
    for history in merged.cases {
      if let s = history.start { knownDigests[ResponseRecord.shortDigest(s.questionnaireDigest)] = s.questionnaireID }
    }
    for history in merged.cases {
      let start = history.start
      let questionnaireID = start?.questionnaireID ?? history.questionnaireDigest.flatMap { knownDigests[$0] }
      guard questionnaireID == q.id else {
        otherQuestionnaires[questionnaireID ?? "unknown (no readable start, version not recognised)", default: 0] += 1
        continue
      }
      if start == nil {
        printError(
          "warning: case \(history.caseID) of station \(history.station) has no readable start record; its \(history.records.count) other record\(history.records.count == 1 ? " was" : "s were") read"
        )
      }
      cases += 1
      let (responses, unusable) = history.responses(for: q)
      let language = start?.language ?? history.lastLanguage ?? q.languages[0]
      let findings = Interview.replay(
        questionnaire: q, language: q.languages.contains(language) ? language : q.languages[0],
        responses: responses, unusable: unusable, complete: history.outcome == .complete,
        seed: SeededGenerator.seed(from: history.caseID),
        today: history.records.first.flatMap { CalendarDay.parse(String($0.time.prefix(10))) })
      if !findings.isEmpty { affected += 1 }
      for f in findings { totals[Self.kind(f), default: 0] += 1 }
      if all || !findings.isEmpty {
        let state = history.outcome?.rawValue ?? "open"
        let lines = findings.map { "  " + Self.describe($0) }
        print(
          "\(history.caseID) (\(state), recorded with version \(start?.questionnaireVersion ?? "unknown")): "
            + (findings.isEmpty ? "unchanged" : "\(findings.count) finding\(findings.count == 1 ? "" : "s")"))
        lines.forEach { print($0) }
      }
    }
    for (id, count) in otherQuestionnaires.sorted(by: { $0.key < $1.key }) {
      printError("warning: \(count) case\(count == 1 ? "" : "s") of questionnaire \(id) skipped (replaying \(q.id))")
    }
    if !merged.conflictingCases.isEmpty {
      printError(
        "warning: \(merged.conflictingCases.count) case\(merged.conflictingCases.count == 1 ? "" : "s") set aside because of conflicting records: "
          + merged.conflictingCases.prefix(10).map(\.description).joined(separator: ", ")
          + (merged.conflictingCases.count > 10 ? ", …" : ""))
    }
    let kinds = ["off route", "invalid", "missing", "unknown"].compactMap { k in totals[k].map { "\($0) \(k)" } }
    print(
      "\(cases) case\(cases == 1 ? "" : "s") of \(q.id) replayed with version \(q.version): \(affected) affected"
        + (kinds.isEmpty ? "." : " (" + kinds.joined(separator: ", ") + ")."))
    if unreadable > 0 { throw ExitCode(1) }
  }

  /// Conflicts, one line per run of consecutive sequence numbers between the same two files.
  static func describe(_ conflicts: [MergedCases.Conflict], _ names: [String]) -> [String] {
    var lines: [String] = []
    var i = 0
    while i < conflicts.count {
      var j = i
      while j + 1 < conflicts.count, conflicts[j + 1].station == conflicts[i].station,
        conflicts[j + 1].sequence == conflicts[j].sequence + 1, conflicts[j + 1].first.file == conflicts[i].first.file,
        conflicts[j + 1].second.file == conflicts[i].second.file
      { j += 1 }
      let a = conflicts[i]
      let b = conflicts[j]
      let seqs = a.sequence == b.sequence ? "record \(a.sequence)" : "records \(a.sequence)–\(b.sequence)"
      lines.append(
        "station \(a.station), \(seqs): different records in \(names[a.first.file]) (from line \(a.first.line)) and \(names[a.second.file]) (from line \(a.second.line)): two stations wrote under one station id (cloned laptops?); both set aside"
      )
      i = j + 1
    }
    return lines
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
