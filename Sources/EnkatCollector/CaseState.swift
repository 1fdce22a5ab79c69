import EnkatLog
import EnkatModel

/// What a case row says about a case (docs/collector.md, "Merge rules"), gathered record by
/// record in sequence order.
public struct CaseSummary: Sendable {
  /// `complete`, `breakOff` or `suspended` (the last `end`), or `open` when the case was started
  /// or resumed after its last `end`, or never ended.
  public var outcome = "open"
  public var start: InterviewStart?
  /// The interviewer of the case's latest `start` or `resume`.
  public var interviewer: String?
  public var language: String?
  /// The `qd` of the case's first record: the version it was recorded with.
  public var questionnaireDigest = ""
  public var records = 0
  public var answers = 0
  public var revisions = 0
  public var clears = 0
  /// The time spent on answers, by the records' `ms`.
  public var answerMilliseconds = 0
  private var firstMillis: Int?
  private var lastMillis: Int?
  private var firstText: String?
  private var lastText: String?
  /// `firstAt` and `lastAt` as `formatTimes` left them; any record added after clears them.
  private var formatted: (first: String, last: String)?

  public init() {}

  /// The earliest and latest `at` of the case's records.
  public var firstAt: String { formatted?.first ?? earliest(firstMillis.map(Timestamp.format), firstText) }
  public var lastAt: String { formatted?.last ?? latest(lastMillis.map(Timestamp.format), lastText) }

  /// Keeps `firstAt` and `lastAt` as texts from now on (until a record is added), so that a
  /// reading thread makes them and the merge thread only reads them.
  mutating func formatTimes() { formatted = (firstAt, lastAt) }

  /// Adds a record as the reader hands it over (strings made only for the first record's
  /// digest and a time not in the usual form, a payload only for the types that have one).
  mutating func add(_ r: borrowing RecordInStretch) {
    if records == 0 { questionnaireDigest = String(decoding: r.digest, as: UTF8.self) }
    count(type: r.type, revision: r.revision, answerMilliseconds: r.answerMilliseconds)
    if let millis = r.milliseconds {
      add(millis: millis)
    } else {
      add(rawTime: String(decoding: r.rawTime, as: UTF8.self))
    }
    if let detail = r.detail { apply(detail) }  // nil, with nothing copied, for most records
  }

  /// Adds a record: its type code (`CompactPayloadCodec`), time, and the payload of the types
  /// that set the case's outcome, interviewer or language.
  mutating func add(
    type: UInt8, revision: Bool, answerMilliseconds ms: Int, millis: Int?, rawTime: String?, digest: String,
    detail: ResponseRecord.Payload?
  ) {
    if records == 0 { questionnaireDigest = digest }
    count(type: type, revision: revision, answerMilliseconds: ms)
    if let millis {
      add(millis: millis)
    } else if let rawTime {
      add(rawTime: rawTime)
    }
    if let detail { apply(detail) }
  }

  /// Counts a record of type `type` (`CompactPayloadCodec`).
  private mutating func count(type: UInt8, revision: Bool, answerMilliseconds ms: Int) {
    records += 1
    switch type {
    case CompactPayloadCodec.answerType:
      answers += 1
      if revision { revisions += 1 }
      answerMilliseconds += ms
    case CompactPayloadCodec.clearType:
      clears += 1
    default:
      break
    }
  }

  private mutating func add(millis: Int) {
    formatted = nil
    firstMillis = min(firstMillis ?? millis, millis)
    lastMillis = max(lastMillis ?? millis, millis)
  }

  private mutating func add(rawTime: String) {
    formatted = nil
    firstText = earliest(firstText, rawTime)
    lastText = latest(lastText, rawTime)
  }

  /// The outcome, interviewer and language a start, resume, language or end sets.
  private mutating func apply(_ detail: ResponseRecord.Payload) {
    switch detail {
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
    default:
      break
    }
  }

  private func earliest(_ a: String?, _ b: String?) -> String {
    guard let a else { return b ?? "" }
    guard let b else { return a }
    return min(a, b)
  }

  private func latest(_ a: String?, _ b: String?) -> String {
    guard let a else { return b ?? "" }
    guard let b else { return a }
    return max(a, b)
  }
}

/// A case as its records make it: the records applied in sequence order — an answer sets, a
/// revision replaces (the earlier answer stays in the history), a `clear` takes an answer off the
/// route (kept, with the status "off route").
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
  public var summary = CaseSummary()
  public var inForce: [String: InForce] = [:]

  /// The state of `records`, which are in sequence order.
  public init(_ records: [StoredRecord]) {
    self.records = records
    for r in records {
      var revision = false
      var ms = 0
      var detail: ResponseRecord.Payload?
      switch r.payload {
      case .answer(let q, let response, let elapsed, let revised):
        revision = revised
        ms = elapsed
        inForce[q] = .response(response)
      case .clear(let q):
        if case .response(let old)? = inForce[q] { inForce[q] = .offRoute(old) }
      case .start, .resume, .language, .end:
        detail = r.payload
      case .order, .questionOrder, .confirm, .tornTailSealed:
        break
      }
      let millis = Timestamp.milliseconds(r.time)
      summary.add(
        type: CompactPayloadCodec.typeCode(r.payload), revision: revision, answerMilliseconds: ms, millis: millis,
        rawTime: millis == nil ? r.time : nil, digest: r.questionnaireDigest, detail: detail)
    }
  }
}
