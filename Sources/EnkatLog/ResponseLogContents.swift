import EnkatModel

/// Everything read from one response file: the good records, and a problem for every line that
/// is not one. Nothing is dropped silently: each bad line is reported with its line and offset.
public struct ResponseLogContents: Sendable {
  /// A verified record and where it stands in the file.
  public struct LocatedRecord: Sendable {
    public var record: ResponseRecord
    public var line: Int
    public var offset: Int
  }

  public var records: [LocatedRecord] = []
  public var problems: [LogProblem] = []

  /// The highest sequence number in the file (0 when there is none).
  public var lastSequence: Int { records.map(\.record.sequence).max() ?? 0 }

  /// Reads the bytes of a response file.
  public static func parse(_ bytes: [UInt8]) -> ResponseLogContents {
    var contents = ResponseLogContents()
    var start = 0
    var line = 1
    var expected = 1
    while start < bytes.count {
      let newline = bytes[start...].firstIndex(of: 0x0A)
      let end = newline ?? bytes.count
      let slice = bytes[start..<end]
      if newline == nil {
        contents.problems.append(LogProblem(line: line, offset: start, length: end - start, kind: .tornTail))
      } else if !slice.isEmpty {
        switch RecordCodec.decode(slice) {
        case .failure(let defect):
          contents.problems.append(LogProblem(line: line, offset: start, length: end - start, kind: .defect(defect)))
        case .success(let record):
          if record.sequence != expected {
            contents.problems.append(
              LogProblem(
                line: line, offset: start, length: end - start,
                kind: .sequence(expected: expected, found: record.sequence)))
          }
          expected = max(expected, record.sequence + 1)
          contents.records.append(LocatedRecord(record: record, line: line, offset: start))
        }
      }
      start = end + 1
      line += 1
    }
    return contents
  }

  /// The cases in the file, in order of their first record.
  public var cases: [CaseHistory] {
    var order: [String] = []
    var byID: [String: CaseHistory] = [:]
    for located in records {
      if case .tornTailSealed = located.record.payload { continue }
      let id = located.record.caseID
      if byID[id] == nil {
        order.append(id)
        byID[id] = CaseHistory(caseID: id)
      }
      byID[id]!.records.append(located.record)
    }
    return order.map { byID[$0]! }
  }
}

/// A line of a response file that is not a usable record.
public struct LogProblem: Equatable, Sendable, CustomStringConvertible {
  public enum Kind: Equatable, Sendable {
    /// The file ends in the middle of a record: a crash during a write.
    case tornTail
    case defect(RecordDefect)
    /// The record's sequence number is not the next one: a record is missing or repeated.
    case sequence(expected: Int, found: Int)
  }

  public var line: Int
  public var offset: Int
  public var length: Int
  public var kind: Kind

  public var description: String {
    switch kind {
    case .tornTail:
      return
        "line \(line) (byte \(offset)): the file ends inside a record of \(length) bytes (torn by a crash); it was never acknowledged and is left out"
    case .defect(let defect):
      return "line \(line) (byte \(offset)): \(defect)"
    case .sequence(let expected, let found):
      return
        "line \(line) (byte \(offset)): sequence number \(found) where \(expected) was expected (a record is missing or repeated)"
    }
  }
}

/// The records of one case in one file, and what they add up to.
public struct CaseHistory: Sendable {
  public var caseID: String
  public var records: [ResponseRecord] = []

  /// The `start` record's details.
  public var start: InterviewStart? {
    for r in records { if case .start(let s) = r.payload { return s } }
    return nil
  }

  /// The outcome of the last `end` record after the last start or resume; nil while open.
  public var outcome: InterviewOutcome? {
    for r in records.reversed() {
      switch r.payload {
      case .end(let o): return o
      case .start, .resume: return nil
      default: continue
      }
    }
    return nil
  }

  /// Whether the case can be resumed: it ended suspended, or never ended (a crash).
  public var isResumable: Bool { outcome.map(\.isResumable) ?? true }

  /// The responses in force after replaying the answer and clear records in order. Responses
  /// that do not fit the questionnaire are returned in `unusable`.
  public func responses(for questionnaire: Questionnaire) -> (responses: [String: Response], unusable: [String]) {
    let questions = Dictionary(questionnaire.instances.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var responses: [String: Response] = [:]
    var unusable: [String] = []
    for r in records {
      switch r.payload {
      case .answer(let q, let recorded, _, _):
        if let question = questions[q], let response = recorded.response(for: question) {
          responses[q] = response
        } else {
          unusable.append(q)
        }
      case .clear(let q):
        responses[q] = nil
      default: continue
      }
    }
    return (responses, unusable)
  }
}
