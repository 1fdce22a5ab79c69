import EnkatDataset
import EnkatLog

/// The records of one case in one stretch of a file, prepared for the store on a reading thread:
/// its state and encoded history as they are when none of its records is in the store yet (the
/// usual case, written as is), and each record's identity for the merge to check.
struct CaseSegment: Sendable {
  /// A record's identity and place: what the merge checks against the store.
  struct Identity: Sendable {
    var sequence: Int
    var checksum: UInt32
    var line: Int
    var offset: Int
  }

  var key: CaseKey
  /// The case row's columns for these records (seals left out).
  var summary: CaseSummary
  /// Every record of the case in the stretch, seals included, in file order.
  var identities: [Identity]
  /// The records (seals left out) as a history (`CaseHistoryCodec`).
  var history: [UInt8]
  /// The case's row in its questionnaire's data table, made from `history` when the table
  /// takes its version: what the merge writes when the store has none of its records.
  var cells: [DatasetCell]? = nil

  /// What holds a segment's place while it is out of its array (`CaseSegments`).
  static let standIn = CaseSegment(
    key: CaseKey(questionnaireID: "", station: "", caseID: ""), summary: CaseSummary(), identities: [], history: [])
}

/// The records of a stretch grouped by case, in order of each case's first record, each case's
/// history encoded as the records come.
struct CaseSegments {
  private let fileID: Int
  private var segments: [CaseSegment] = []
  private var writers: [CaseHistoryCodec.Writer] = []
  private var index: [CaseKey: Int] = [:]
  /// The segment of the last record (-1 before the first), held in `current` and
  /// `currentWriter` while its run of records lasts (its places in the arrays hold stand-ins):
  /// a record of the same case costs no look into the arrays.
  private var last = -1
  private var current = CaseSegment.standIn
  private var currentWriter = CaseHistoryCodec.Writer()
  /// The station and case id of segment `last`, as bytes: a run of a case's records makes no
  /// string.
  private var lastStation: [UInt8] = []
  private var lastCase: [UInt8] = []

  init(fileID: Int) { self.fileID = fileID }

  mutating func add(_ r: borrowing RecordInStretch) {
    select(r)
    current.summary.add(r)
    currentWriter.append(r, fileID: fileID)
  }

  /// Makes the record's case the current segment, and adds the record's identity to it.
  private mutating func select(_ r: borrowing RecordInStretch) {
    var same = last >= 0
    // The reader says when the record before (the one that made `last` current) has the same
    // station and case; else they are compared.
    let known = r.sameCaseAsPrevious
    if same && !known { same = r.caseID.hasSameBytes(as: lastCase) }
    if same && !known { same = r.station.hasSameBytes(as: lastStation) }
    if same { same = current.key.questionnaireID == r.questionnaireID }
    if !same {
      putBack()
      let key = CaseKey(
        questionnaireID: r.questionnaireID, station: String(decoding: r.station, as: UTF8.self),
        caseID: String(decoding: r.caseID, as: UTF8.self))
      if let k = index[key] {
        last = k
        swap(&segments[k], &current)
        swap(&writers[k], &currentWriter)
      } else {
        last = segments.count
        index[key] = last
        var identities: [CaseSegment.Identity] = []
        identities.reserveCapacity(96)  // about a case's records, so the list is not grown record by record
        current = CaseSegment(key: key, summary: CaseSummary(), identities: identities, history: [])
        currentWriter = CaseHistoryCodec.Writer(capacity: 2048)  // more than most cases' histories
        segments.append(.standIn)
        writers.append(CaseHistoryCodec.Writer())
      }
      // Into the same buffers from case to case: no allocation per case.
      lastStation.removeAll(keepingCapacity: true)
      lastStation.append(contentsOf: r.station)
      lastCase.removeAll(keepingCapacity: true)
      lastCase.append(contentsOf: r.caseID)
    }
    current.identities.append(.init(sequence: r.sequence, checksum: r.checksum, line: r.line, offset: r.offset))
  }

  /// Puts the current segment back in its place in the arrays.
  private mutating func putBack() {
    guard last >= 0 else { return }
    swap(&segments[last], &current)
    swap(&writers[last], &currentWriter)
    current = .standIn
    currentWriter = CaseHistoryCodec.Writer()
    last = -1
  }

  /// Adds a record read by the reading rules (a seal counts for identity only).
  mutating func add(_ located: LogContents<CompactRecord>.LocatedRecord, payloads: [UInt8]) {
    let sealed = located.record.sealedFromOffset != nil
    located.record.visit(
      checksum: located.checksum, line: located.line, offset: located.offset,
      questionnaireID: located.questionnaireID, payloads: payloads
    ) { record in
      if sealed {
        select(record)  // a seal counts for identity only, no part of a case's data
      } else {
        add(record)
      }
    }
  }

  /// The segments, each with its history, taken out: the array handed back is the only reference
  /// to its storage, so the caller's changes (the cells) do not copy every segment.
  mutating func finish() -> [CaseSegment] {
    putBack()
    for k in segments.indices {
      segments[k].history = writers[k].finish()
      segments[k].summary.formatTimes()  // here on a reading thread, not on the merge's
    }
    var finished: [CaseSegment] = []
    swap(&finished, &segments)
    return finished
  }
}
