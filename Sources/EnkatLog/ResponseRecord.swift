import EnkatExpressions
import EnkatModel

/// One line of a response file: a numbered, timestamped event of one case.
public struct ResponseRecord: Equatable, Sendable {
  /// The response-file format version this build writes.
  public static let formatVersion = 1
  /// The sequence numbers a record may carry: from 1 to 2^53 (the integers every JSON reader
  /// holds exactly). A record outside is malformed, so no arithmetic on a sequence overflows.
  public static let sequenceRange = 1...(1 << 53)

  /// Per-station sequence number, 1 for the first record of the file, +1 for each record.
  public var sequence: Int
  /// UTC time in ISO 8601 with milliseconds, as written.
  public var time: String
  public var station: String
  public var caseID: String
  /// The first 16 hex digits of the SHA-256 digest of the questionnaire in use when the record was
  /// written (`start` records also carry the whole digest).
  public var questionnaireDigest: String
  public var payload: Payload

  public init(
    sequence: Int, time: String, station: String, caseID: String, questionnaireDigest: String, payload: Payload
  ) {
    self.sequence = sequence
    self.time = time
    self.station = station
    self.caseID = caseID
    self.questionnaireDigest = questionnaireDigest
    self.payload = payload
  }

  /// The short digest of a questionnaire digest: `sha256:9e0e6483…` gives `9e0e648358d35fce`.
  public static func shortDigest(_ digest: String) -> String {
    String(digest.drop { $0 != ":" }.dropFirst().prefix(16))
  }

  /// What happened.
  public enum Payload: Equatable, Sendable {
    case start(InterviewStart)
    /// The case was resumed after a pause or a crash.
    case resume(interviewer: String, language: String)
    case answer(questionID: String, response: RecordedResponse, elapsedMilliseconds: Int, revision: Bool)
    /// The options of the question were shown in this (shuffled or rotated) order.
    case order(questionID: String, codes: [Int])
    /// The questions of randomized block `blockID` are asked in this order in this case.
    case questionOrder(blockID: String, questionIDs: [String])
    /// The interviewer kept the answer that follows although soft check `check` warned.
    case confirm(questionID: String, check: Int)
    /// A revision took the question off the route; its earlier response no longer applies.
    case clear(questionID: String)
    /// The interview continues in another language.
    case language(String)
    case end(InterviewOutcome)
    /// The writer found a torn last record (from a crash) and closed it off before appending.
    case tornTailSealed(atOffset: Int)

    /// The `type` field of the record.
    public var typeName: String {
      switch self {
      case .start: return "start"
      case .resume: return "resume"
      case .answer: return "answer"
      case .order: return "order"
      case .questionOrder: return "questionOrder"
      case .confirm: return "confirm"
      case .clear: return "clear"
      case .language: return "language"
      case .end: return "end"
      case .tornTailSealed: return "tornTailSealed"
      }
    }
  }
}

/// What a `start` record says of the interview.
public struct InterviewStart: Equatable, Sendable {
  public var questionnaireID: String
  public var questionnaireVersion: String
  public var questionnaireDigest: String
  public var interviewer: String
  public var language: String

  public init(
    questionnaireID: String, questionnaireVersion: String, questionnaireDigest: String, interviewer: String,
    language: String
  ) {
    self.questionnaireID = questionnaireID
    self.questionnaireVersion = questionnaireVersion
    self.questionnaireDigest = questionnaireDigest
    self.interviewer = interviewer
    self.language = language
  }
}

/// A response as stored: JSON values that the questionnaire's question types give meaning to.
public enum RecordedResponse: Equatable, Sendable {
  case integer(Int)
  case integers([Int])
  case number(Double)
  case text(String)
  case missing(String)

  /// Stores a response.
  public init(_ response: Response) {
    switch response {
    case .answer(.code(let c)): self = .integer(c)
    case .answer(.codes(let c)): self = .integers(c)
    case .answer(.number(let n)): self = n == n.rounded() && abs(n) < 1e15 ? .integer(Int(n)) : .number(n)
    case .answer(.text(let s)): self = .text(s)
    case .answer(.date(let day)): self = .text(CalendarDay.format(day))
    case .missing(let kind): self = .missing(kind.rawValue)
    case .noAnswer: self = .missing("noAnswer")
    }
  }

  /// The response for `question`, or nil when the stored value does not fit its type.
  public func response(for question: Question) -> Response? { response(as: AnswerShape(question.kind)) }

  /// The response for a question of this shape, or nil when the stored value does not fit it.
  public func response(as shape: AnswerShape) -> Response? {
    switch (self, shape) {
    case (.missing("noAnswer"), _): return .noAnswer
    case (.missing(let name), _): return MissingKind(rawValue: name).map { .missing($0) }
    case (.integer(let c), .code): return .answer(.code(c))
    case (.integers(let c), .codes): return .answer(.codes(c))
    case (.integer(let n), .number): return .answer(.number(Double(n)))
    case (.number(let n), .number): return .answer(.number(n))
    case (.text(let s), .text): return .answer(.text(s))
    case (.text(let s), .date): return CalendarDay.parse(s).map { .answer(.date($0)) }
    default: return nil
    }
  }

}

extension ResponseRecord.Payload {
  /// The record of an interview event.
  public init(_ event: InterviewEvent) {
    switch event {
    case .answered(let q, let response, let ms, let revision):
      self = .answer(questionID: q, response: RecordedResponse(response), elapsedMilliseconds: ms, revision: revision)
    case .optionOrder(let q, let codes): self = .order(questionID: q, codes: codes)
    case .questionOrder(let block, let ids): self = .questionOrder(blockID: block, questionIDs: ids)
    case .confirmed(let q, let check): self = .confirm(questionID: q, check: check)
    case .cleared(let q): self = .clear(questionID: q)
    case .languageChanged(let language): self = .language(language)
    case .ended(let outcome): self = .end(outcome)
    }
  }
}

/// What kind of answer a question takes, as far as reading a stored value goes.
public enum AnswerShape: Sendable {
  case code, codes, number, text, date, none

  public init(_ kind: QuestionKind) {
    switch kind {
    case .singleChoice, .scale: self = .code
    case .multipleChoice: self = .codes
    case .number: self = .number
    case .text: self = .text
    case .date: self = .date
    case .display, .computed: self = .none
    }
  }
}
