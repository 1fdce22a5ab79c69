import EnkatModel

/// What the reader needs of a record, whatever form it is decoded into: `ResponseRecord` (every
/// member as a value) or `CompactRecord` (what the collector keeps, with few allocations).
public protocol LogRecord: Sendable {
  var sequence: Int { get }
  var station: String { get }
  var caseID: String { get }
  /// The questionnaire id of a `start` record; nil for every other type.
  var startedQuestionnaireID: String? { get }
  /// The offset a `tornTailSealed` record seals from; nil for every other type.
  var sealedFromOffset: Int? { get }
}

extension ResponseRecord: LogRecord {
  public var startedQuestionnaireID: String? {
    if case .start(let s) = payload { return s.questionnaireID }
    return nil
  }

  public var sealedFromOffset: Int? {
    if case .tornTailSealed(let offset) = payload { return offset }
    return nil
  }
}

/// A line a writer sealed after a crash (see `tornTailSealed`): never acknowledged, never data,
/// and not reported again once sealed.
public struct SealedFragment: Equatable, Sendable {
  public var line: Int
  public var offset: Int
  public var length: Int
}

/// The contents of a response file as `ResponseRecord`s: what the interviewer, replay and the
/// independent checks read.
public typealias ResponseLogContents = LogContents<ResponseRecord>

/// Everything read from one response file (or from a stretch of it): the records that count,
/// and a problem for everything that is not one. Nothing is dropped silently: each bad line, run
/// of repeated or missing records, and sealed torn fragment is accounted for with its line.
public struct LogContents<Record: LogRecord>: Sendable {
  /// A verified record and where it stands in the file.
  public struct LocatedRecord: Sendable {
    public var record: Record
    public var line: Int
    public var offset: Int
    /// The record's stored CRC-32: with station and sequence number, what identifies its content.
    public var checksum: UInt32
    /// The questionnaire whose sequence the record belongs to (its case's start's, or the
    /// station's latest start's; empty when no start was read).
    public var questionnaireID: String
  }

  public typealias SealedFragment = EnkatLog.SealedFragment

  public var records: [LocatedRecord] = []
  public var problems: [LogProblem] = []
  public var sealedFragments: [SealedFragment] = []

  public init() {}
}

extension LogContents where Record == ResponseRecord {
  /// The highest sequence number of the records that count (0 when there is none).
  public var lastSequence: Int { records.map(\.record.sequence).max() ?? 0 }

  /// Reads the bytes of a whole response file.
  public static func parse(_ bytes: [UInt8]) -> ResponseLogContents {
    var reader = ResponseLogReader()
    return reader.read(bytes[...])
  }

  /// The cases in the file, in order of their first record. A case is keyed by station and id;
  /// one whose `start` is unreadable is still a case (with `start` nil) and keeps its records.
  public var cases: [CaseHistory] {
    var order: [CaseKey] = []
    var byKey: [CaseKey: CaseHistory] = [:]
    for located in records {
      if case .tornTailSealed = located.record.payload { continue }
      let key = CaseKey(
        questionnaireID: located.questionnaireID, station: located.record.station, caseID: located.record.caseID)
      if byKey[key] == nil {
        order.append(key)
        byKey[key] = CaseHistory(questionnaireID: key.questionnaireID, station: key.station, caseID: key.caseID)
      }
      byKey[key]!.records.append(located.record)
    }
    return order.map { byKey[$0]! }
  }
}

/// What identifies a case across files: its questionnaire, its station and its case id.
public struct CaseKey: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var questionnaireID: String
  public var station: String
  public var caseID: String

  public init(questionnaireID: String, station: String, caseID: String) {
    self.questionnaireID = questionnaireID
    self.station = station
    self.caseID = caseID
  }

  public static func < (a: CaseKey, b: CaseKey) -> Bool {
    (a.questionnaireID, a.station, a.caseID) < (b.questionnaireID, b.station, b.caseID)
  }

  public var description: String { "\(caseID) of station \(station)" }
}
