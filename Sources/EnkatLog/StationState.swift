import EnkatModel

/// What a writer needs to know of its station's file: the last sequence number, every case id,
/// how each case stands, and where the records of each open case are (to resume it without
/// reading the whole file).
struct StationState: Equatable, Sendable {
  /// How a case stands.
  enum Status: Equatable, Sendable {
    /// Open (never ended, or suspended): resumable when it has a readable start.
    case open(hasStart: Bool)
    /// Ended as complete or broken off.
    case closed(InterviewOutcome)
  }

  struct Case: Equatable, Sendable {
    var status: Status
    /// Byte offsets of the case's records, kept while it is open.
    var offsets: [Int]
    /// False when `offsets` may lack records (a record arrived after the case closed).
    var offsetsComplete: Bool
  }

  var sequence = 0
  /// The highest N of a case id `STATION-N` in the file.
  var highestCaseNumber = 0
  var caseOrder: [String] = []
  var cases: [String: Case] = [:]

  /// Takes one record that counts, written at `offset`, into account.
  mutating func apply(_ record: ResponseRecord, offset: Int, station: String) {
    sequence = max(sequence, record.sequence)
    if case .tornTailSealed = record.payload { return }
    let id = record.caseID
    if let n = Self.caseNumber(id, station: station) { highestCaseNumber = max(highestCaseNumber, n) }
    var entry = cases[id] ?? Case(status: .open(hasStart: false), offsets: [], offsetsComplete: true)
    if cases[id] == nil { caseOrder.append(id) }
    if case .closed = entry.status { entry.offsetsComplete = false }
    switch record.payload {
    case .start: entry.status = .open(hasStart: true)
    case .resume: if case .closed = entry.status { entry.status = .open(hasStart: true) }
    case .end(let outcome) where !outcome.isResumable: entry.status = .closed(outcome)
    default: break
    }
    if case .open = entry.status { entry.offsets.append(offset) } else { entry.offsets = [] }
    cases[id] = entry
  }

  /// N of a case id `STATION-N` (digits only), or nil.
  static func caseNumber(_ caseID: String, station: String) -> Int? {
    guard caseID.hasPrefix(station + "-") else { return nil }
    let digits = caseID.dropFirst(station.count + 1)
    guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    return Int(digits)
  }
}
