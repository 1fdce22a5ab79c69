import EnkatModel

/// The records of one case, and what they add up to. A case is identified by its questionnaire,
/// its station and its case id (docs/response-log.md, "Identity").
public struct CaseHistory: Sendable {
  /// The questionnaire id of the case's start (or of its station's latest start when its own
  /// start is unreadable; empty when none was read).
  public var questionnaireID: String
  public var station: String
  public var caseID: String
  public var records: [ResponseRecord] = []

  public init(questionnaireID: String, station: String, caseID: String, records: [ResponseRecord] = []) {
    self.questionnaireID = questionnaireID
    self.station = station
    self.caseID = caseID
    self.records = records
  }

  /// The short digest of the questionnaire version the case was recorded with: its `start`'s,
  /// or, when the start is unreadable, that of its first record.
  public var questionnaireDigest: String? { records.first?.questionnaireDigest }

  /// The language of the case's last `start`, `resume` or `language` record.
  public var lastLanguage: String? {
    for r in records.reversed() {
      switch r.payload {
      case .start(let s): return s.language
      case .resume(_, let language), .language(let language): return language
      default: continue
      }
    }
    return nil
  }

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

  /// For each question, the soft checks confirmed (`confirm` records) for the answer in force:
  /// a confirmation goes with the next answer of its question, and still holds when that answer
  /// is recorded again unchanged.
  public var confirmedChecks: [String: Set<Int>] {
    var pending: [String: Set<Int>] = [:]
    var inForce: [String: (RecordedResponse, Set<Int>)] = [:]
    for r in records {
      switch r.payload {
      case .confirm(let q, let check):
        pending[q, default: []].insert(check)
      case .answer(let q, let response, _, _):
        let confirmed = pending.removeValue(forKey: q) ?? []
        if let (previous, checks) = inForce[q], previous == response {
          inForce[q] = (response, checks.union(confirmed))
        } else {
          inForce[q] = (response, confirmed)
        }
      case .clear(let q):
        inForce[q] = nil
      default: continue
      }
    }
    return inForce.compactMapValues { $0.1.isEmpty ? nil : $0.1 }
  }

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
