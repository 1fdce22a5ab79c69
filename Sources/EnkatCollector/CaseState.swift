import EnkatLog
import EnkatModel

/// A case as its records make it (docs/collector.md, "Merge rules"): the records applied in
/// sequence order — an answer sets, a revision replaces (the earlier answer stays in the
/// history), a `clear` takes an answer off the route (kept, with the status "off route") — and
/// what the case row says about it.
public struct CaseState: Sendable {
  /// A response in force for a question id.
  public enum InForce: Equatable, Sendable {
    /// An answer, or don't know / refused / no answer (`RecordedResponse.missing`).
    case response(RecordedResponse)
    /// Answered, then taken off the route by a revision: the answer it had.
    case offRoute(RecordedResponse)
  }

  /// The case's records in sequence order.
  public var records: [StoredRecord]
  /// `complete`, `breakOff` or `suspended` (the last `end`), or `open` when the case was started
  /// or resumed after its last `end`, or never ended.
  public var outcome = "open"
  public var start: InterviewStart?
  /// The interviewer of the case's latest `start` or `resume`.
  public var interviewer: String?
  public var language: String?
  public var firstAt = ""
  public var lastAt = ""
  public var answers = 0
  public var revisions = 0
  public var clears = 0
  /// The time spent on answers, by the records' `ms`.
  public var answerMilliseconds = 0
  public var inForce: [String: InForce] = [:]

  /// The state of `records`, which are in sequence order.
  public init(_ records: [StoredRecord]) {
    self.records = records
    for r in records {
      if firstAt.isEmpty || r.time < firstAt { firstAt = r.time }
      if r.time > lastAt { lastAt = r.time }
      switch r.payload {
      case .start(let s):
        if start == nil { start = s }
        interviewer = s.interviewer
        language = s.language
        outcome = "open"
      case .resume(let who, let lang):
        interviewer = who
        language = lang
        outcome = "open"
      case .language(let lang):
        language = lang
      case .end(let o):
        outcome = o.rawValue
      case .answer(let q, let response, let ms, let revision):
        answers += 1
        if revision { revisions += 1 }
        answerMilliseconds += ms
        inForce[q] = .response(response)
      case .clear(let q):
        clears += 1
        if case .response(let old)? = inForce[q] { inForce[q] = .offRoute(old) }
      case .order, .questionOrder, .confirm, .tornTailSealed:
        break
      }
    }
  }
}
