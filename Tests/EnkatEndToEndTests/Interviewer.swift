import EnkatExpressions
import EnkatLog
import EnkatModel
import EnkatTestSupport
import Foundation

/// Drives `enkat interview` in a pseudo-terminal the way an interviewer types.
final class Interviewer {
  let session: PTYSession
  let data: String

  init(
    _ questionnaire: String, data: String, station: String = "S01", extra: [String] = [],
    environment: [String] = PTYSession.defaultEnvironment
  ) throws {
    self.data = data
    session = try PTYSession(
      PackagePaths.enkat,
      ["interview", questionnaire, "--data", data, "--station", station, "--interviewer", "Anna"] + extra,
      environment: environment)
  }

  /// Waits for the prompt of `question`, then types `keys` and Enter.
  func answer(_ question: String, _ keys: String) throws {
    try session.expect("\(question)> ")
    session.send(keys + "\r")
  }

  /// Waits for the prompt of whichever of `questions` comes first (in a randomized block), then
  /// types its answer from `keys` and Enter; returns the question.
  @discardableResult
  func answerNext(_ keys: [String: String]) throws -> String {
    let prompt = try session.expectAny(keys.keys.sorted().map { "\($0)> " })
    let question = String(prompt.dropLast(2))
    session.send(keys[question]! + "\r")
    return question
  }

  /// Waits for `text` on the screen.
  func see(_ text: String) throws {
    try session.expect(text)
  }

  /// The records of the station's response file.
  func records(_ questionnaireID: String, station: String = "S01") throws -> ResponseLogContents {
    try ResponseLogWriter.read(
      path: ResponseLogWriter.path(directory: data, questionnaireID: questionnaireID, station: station))
  }
}

/// What a file's records say, compactly: `answer area=2 rev`, `clear x`, `end complete`.
func summary(_ contents: ResponseLogContents) -> [String] {
  contents.records.map { located in
    switch located.record.payload {
    case .start: return "start"
    case .resume: return "resume"
    case .answer(let q, let response, _, let revision):
      let value: String
      switch response {
      case .integer(let n): value = String(n)
      case .integers(let c): value = c.map(String.init).joined(separator: ",")
      case .number(let n): value = String(n)
      case .text(let s): value = "'\(s)'"
      case .missing(let m): value = m
      }
      return "\(q)=\(value)" + (revision ? " rev" : "")
    case .order(let q, _): return "order \(q)"
    case .questionOrder(let block, _): return "questionOrder \(block)"
    case .confirm(let q, let check): return "confirm \(q) \(check)"
    case .clear(let q): return "clear \(q)"
    case .language(let language): return "language \(language)"
    case .end(let outcome): return "end \(outcome.rawValue)"
    case .tornTailSealed: return "sealed"
    }
  }
}

/// Each case's responses in force as `question=value` strings, read by Examples/read_responses.py,
/// a reader written from docs/response-log.md alone; and the number of problem lines it found.
func independentReading(_ path: String) throws -> (cases: [String: [String]], problems: Int) {
  let out = try Shell.run(
    "python3 \(Shell.quote(PackagePaths.root() + "/Examples/read_responses.py")) \(Shell.quote(path))")
  guard out.status == 0, let object = try JSONSerialization.jsonObject(with: Data(out.text.utf8)) as? [String: Any],
    let questionnaires = object["cases"] as? [String: [String: [String: [String: Any]]]],
    let problems = object["problems"] as? [String: [Any]]
  else { throw ShellError.cannotStart("read_responses.py: \(out.text)") }
  var result: [String: [String]] = [:]
  for (id, c) in questionnaires.values.flatMap(\.values).flatMap({ $0 }) {
    let responses = c["responses"] as? [String: Any] ?? [:]
    result[id] = responses.map { key, value -> String in
      switch value {
      case let list as [Any]: return "\(key)=" + list.map { "\($0)" }.joined(separator: ",")
      case let missing as [String: Any]: return "\(key)=\(missing["missing"] ?? "?")"
      case let text as String: return "\(key)='\(text)'"
      default: return "\(key)=\(value)"
      }
    }.sorted()
  }
  return (result, problems.values.map(\.count).reduce(0, +))
}

/// The same, as Enkät reads it (CaseHistory replay against the questionnaire).
func enkatReading(_ path: String, questionnaire: String) throws -> [String: [String]] {
  let q = QuestionnaireLoader.load(TestFiles.bytes(questionnaire), file: questionnaire).questionnaire!
  var result: [String: [String]] = [:]
  for c in try ResponseLogWriter.read(path: path).cases {
    result[c.caseID] = c.responses(for: q).responses.map { key, response -> String in
      switch response {
      case .answer(.code(let n)): return "\(key)=\(n)"
      case .answer(.codes(let list)): return "\(key)=" + list.map(String.init).joined(separator: ",")
      case .answer(.number(let n)): return "\(key)=\(Value.format(n))"
      case .answer(.text(let s)): return "\(key)='\(s)'"
      case .answer(.date(let day)): return "\(key)='\(CalendarDay.format(day))'"
      case .missing(let kind): return "\(key)=\(kind.rawValue)"
      case .noAnswer: return "\(key)=noAnswer"
      }
    }.sorted()
  }
  return result
}
