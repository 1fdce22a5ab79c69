import EnkatLog
import EnkatTestSupport

/// Drives `enkat interview` in a pseudo-terminal the way an interviewer types.
final class Interviewer {
  let session: PTYSession
  let data: String

  init(_ questionnaire: String, data: String, station: String = "S01", extra: [String] = [], environment: [String] = PTYSession.defaultEnvironment) throws {
    self.data = data
    session = try PTYSession(PackagePaths.enkat,
      ["interview", questionnaire, "--data", data, "--station", station, "--interviewer", "Anna"] + extra,
      environment: environment)
  }

  /// Waits for the prompt of `question`, then types `keys` and Enter.
  func answer(_ question: String, _ keys: String) throws {
    try session.expect("\(question)> ")
    session.send(keys + "\r")
  }

  /// Waits for `text` on the screen.
  func see(_ text: String) throws {
    try session.expect(text)
  }

  /// The records of the station's response file.
  func records(_ questionnaireID: String, station: String = "S01") throws -> ResponseLogContents {
    try ResponseLogWriter.read(path: ResponseLogWriter.path(directory: data, questionnaireID: questionnaireID, station: station))
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
    case .clear(let q): return "clear \(q)"
    case .end(let outcome): return "end \(outcome.rawValue)"
    case .tornTailSealed: return "sealed"
    }
  }
}
