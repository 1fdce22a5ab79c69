import EnkatModel

/// What a writer needs to know of its station's file: the last sequence number, how each case
/// stands, and where the records of each open case are (to resume it without reading the whole
/// file).
///
/// Cases that ended for good before the file was opened are kept as the index's raw lines
/// (`closedBefore`) and looked up only when asked about, so opening costs the same for 100 cases
/// as for 100,000.
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
  /// The cases open when the file was opened or seen since, in order of their first record.
  var caseOrder: [String] = []
  var cases: [String: Case] = [:]
  /// `closed ID OUTCOME` lines, one per case that had ended for good when the index was written.
  var closedBefore: [UInt8] = []

  /// Takes one record that counts, written at `offset`, into account.
  mutating func apply(_ record: ResponseRecord, offset: Int, station: String) {
    sequence = max(sequence, record.sequence)
    if case .tornTailSealed = record.payload { return }
    let id = record.caseID
    var entry: Case
    if let known = cases[id] {
      entry = known
    } else {
      if let outcome = closedOutcomeBefore(id, station: station) {
        entry = Case(status: .closed(outcome), offsets: [], offsetsComplete: false)
      } else {
        entry = Case(status: .open(hasStart: false), offsets: [], offsetsComplete: true)
      }
      caseOrder.append(id)
      if let n = Self.caseNumber(id, station: station) { highestCaseNumber = max(highestCaseNumber, n) }
    }
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

  /// How case `id` stands, if the file has it.
  func status(of id: String, station: String) -> Status? {
    if let entry = cases[id] { return entry.status }
    return closedOutcomeBefore(id, station: station).map { .closed($0) }
  }

  /// The outcome of `id` among the cases closed before the file was opened. A number above the
  /// highest in the file (the next case id) is answered without a search.
  func closedOutcomeBefore(_ id: String, station: String) -> InterviewOutcome? {
    guard !closedBefore.isEmpty else { return nil }
    if let n = Self.caseNumber(id, station: station), n > highestCaseNumber { return nil }
    let needle = Array("closed \(id) ".utf8)
    var start = closedBefore.startIndex
    while start < closedBefore.endIndex {
      let end = closedBefore[start...].firstIndex(of: 0x0A) ?? closedBefore.endIndex
      if closedBefore[start..<end].starts(with: needle) {
        return InterviewOutcome(rawValue: String(decoding: closedBefore[(start + needle.count)..<end], as: UTF8.self))
      }
      start = end + 1
    }
    return nil
  }

  /// N of a case id `STATION-N` (digits only), or nil.
  static func caseNumber(_ caseID: String, station: String) -> Int? {
    let id = caseID.utf8
    let prefix = station.utf8
    guard id.count > prefix.count + 1, id.count <= prefix.count + 13, id.starts(with: prefix),
      id[id.index(id.startIndex, offsetBy: prefix.count)] == UInt8(ascii: "-")
    else { return nil }
    var n = 0
    for b in id.dropFirst(prefix.count + 1) {
      guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
      n = n * 10 + Int(b - UInt8(ascii: "0"))
    }
    return n
  }
}
