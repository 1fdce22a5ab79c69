import Glibc

/// Reads response-file bytes into records and problems, from the start of a file or from a saved
/// position (so a growing file is read incrementally).
///
/// Rules (docs/response-log.md, "Reading problems"):
/// - A line ending in CR LF is read like one ending in LF (the checksum is over the line without
///   either); the file is reported once as having Windows line endings. A byte-order mark at the
///   start of the file is ignored and reported once.
/// - A `tornTailSealed` record with offset X seals every line from byte X up to it: those lines
///   are fragments of records never acknowledged, even one that happens to verify, and are
///   listed in `sealedFragments`, not reported as problems.
/// - Sequence numbers are checked per station. A gap that damaged lines account for is not
///   reported again; a run of repeated numbers is reported once as a range, and set aside (read
///   once when identical to what was read before, not at all when different).
public struct ResponseLogReader: Sendable {
  /// Where reading stands: what to read next and what is expected of it.
  public struct Position: Equatable, Sendable {
    /// The byte offset of the next line.
    public var offset = 0
    /// The number of the next line (1-based).
    public var line = 1
    /// For each sequence stream (see `ResponseLogReader.stream`), the sequence number expected next.
    public var expectedSequence: [String: Int] = [:]
    /// For each station, the questionnaire of its latest `start`: the stream of records whose
    /// own case's start is not known.
    public var currentQuestionnaire: [String: String] = [:]

    public init() {}
  }

  public internal(set) var position = Position()
  /// For each stream, the checksum of each record read (to tell a repeat from a conflict).
  var checksums: [String: StreamChecksums] = [:]
  /// The questionnaires each station has started cases of (while one, no case needs looking up).
  var stationQuestionnaires: [String: Set<String>] = [:]
  /// The questionnaire of each case whose start was read.
  var caseQuestionnaires: [CaseKey: String] = [:]
  /// The station of the last record read: its latest start's questionnaire, and whether it has
  /// started cases of several.
  var lastStation = ""
  var lastStationCurrent = ""
  /// Whether `lastStation` has started cases of several questionnaires; nil: not looked up yet.
  var lastStationSeveral: Bool?
  /// Damaged lines since the last good record: a gap in the sequence they account for is not
  /// reported again.
  var damagedSinceGood = 0

  /// The sequence stream of a station's file: a writer numbers the records of one questionnaire
  /// and station, so sequence numbers are checked, and records identified, per stream.
  public static func stream(station: String, questionnaireID: String) -> String {
    station + "\u{1F}" + questionnaireID
  }

  public init() {}

  /// A reader that continues from `position`. Records read before it are not known, so a repeat
  /// of one of them is reported as a conflict.
  public init(from position: Position) { self.position = position }

  private enum Entry<Record: LogRecord> {
    case record(LogContents<Record>.LocatedRecord)
    case bad(LogProblem)
    case sealed(SealedFragment)
  }

  /// Reads `bytes`, which continue the file at `position.offset`. When they run to the file's end
  /// (`atEnd`), a last line without a line break is reported as a torn tail and not consumed:
  /// `position` stays before it. When more follows, the lines after the last record are left for
  /// the next call (a line cut by the chunk's end, or a fragment whose seal comes next), so a file
  /// read in chunks gives what it gives read at once.
  public mutating func read(_ bytes: ArraySlice<UInt8>, atEnd: Bool = true) -> ResponseLogContents {
    read(bytes, atEnd: atEnd) { RecordCodec.decodeVerified($0) }
  }

  /// Reads like `read(_:atEnd:)`, into `CompactRecord`s whose members are in `payloads`.
  public mutating func readCompact(
    _ bytes: ArraySlice<UInt8>, atEnd: Bool = true, payloads: CompactPayloads
  ) -> LogContents<CompactRecord> {
    payloads.bytes.removeAll(keepingCapacity: true)
    return read(bytes, atEnd: atEnd) { payloads.decodeVerified($0) }
  }

  /// Reads `bytes`, verifying each line (without its line break) and turning it into a record with
  /// `decode`.
  private mutating func read<Record: LogRecord>(
    _ bytes: ArraySlice<UInt8>, atEnd: Bool,
    decode: (UnsafeBufferPointer<UInt8>) -> Result<Record, RecordDefect>
  ) -> LogContents<Record> {
    var entries: [Entry<Record>] = []
    entries.reserveCapacity(bytes.count / 120)
    var contents = LogContents<Record>()
    var crlfLines = 0
    var firstCRLFLine = 0
    var start = bytes.startIndex
    var line = position.line
    let base = position.offset - bytes.startIndex
    while start < bytes.endIndex {
      let newline = Self.newline(in: bytes, from: start)
      let end = newline ?? bytes.endIndex
      var lineStart = start
      let offset = base + start
      if offset == 0, bytes[start...].starts(with: [0xEF, 0xBB, 0xBF]) {
        lineStart += 3
        // Reported with the line it stands before (a first line cut by the stretch comes again).
        if newline != nil || atEnd {
          contents.problems.append(LogProblem(line: 1, offset: 0, length: 3, kind: .byteOrderMark))
        }
      }
      var lineEnd = end
      if newline == nil {
        entries.append(.bad(LogProblem(line: line, offset: offset, length: end - start, kind: .tornTail)))
        break
      }
      if lineEnd > lineStart, bytes[lineEnd - 1] == 0x0D {
        lineEnd -= 1
        if crlfLines == 0 { firstCRLFLine = line }
        crlfLines += 1
      }
      let slice = bytes[lineStart..<lineEnd]
      if !slice.isEmpty {
        // Verified once here; `decode` only reads what verified.
        let decoded = slice.withUnsafeBufferPointer { b in
          RecordCodec.verify(b).flatMap { checksum in decode(b).map { ($0, checksum) } }
        }
        switch decoded {
        case .failure(let defect):
          entries.append(.bad(LogProblem(line: line, offset: offset, length: end - start, kind: .defect(defect))))
        case .success(let (record, checksum)):
          entries.append(
            .record(
              .init(
                record: record, line: line, offset: offset, checksum: checksum,
                questionnaireID: questionnaire(of: record))))
        }
      }
      start = end + 1
      line += 1
    }
    position.offset = base + start
    position.line = line
    let trailing = (entries.lastIndex { if case .record = $0 { true } else { false } } ?? -1) + 1
    if !atEnd, trailing < entries.count, case .bad(let first) = entries[trailing] {
      // Left for the next call, which reads them with what follows (a seal, the rest of a line).
      // A caller that gets no progress must read a longer stretch.
      entries.removeSubrange(trailing...)
      position.offset = first.offset
      position.line = first.line
    }
    if crlfLines > 0 {
      contents.problems.append(
        LogProblem(line: firstCRLFLine, offset: 0, length: 0, kind: .windowsLineEndings(lines: crlfLines)))
    }
    contents.problems += Self.applySeals(&entries)
    check(entries, into: &contents)
    return contents
  }

  /// The index of the next line feed at or after `start`, by `memchr`.
  private static func newline(in bytes: ArraySlice<UInt8>, from start: Int) -> Int? {
    let base = bytes.startIndex
    return bytes.withUnsafeBufferPointer { (b: UnsafeBufferPointer<UInt8>) -> Int? in
      let from = start - base
      guard from < b.count, let origin = b.baseAddress else { return nil }
      guard let found = memchr(origin + from, 0x0A, b.count - from) else { return nil }
      let distance: Int = UnsafeRawPointer(found) - UnsafeRawPointer(origin)
      return base + distance
    }
  }

  /// The questionnaire whose sequence a record belongs to: its case's, or the station's latest.
  mutating func questionnaire(of record: some LogRecord) -> String {
    questionnaire(station: record.station, caseID: record.caseID, started: record.startedQuestionnaireID)
  }

  /// The questionnaire of a record of `station` and `caseID`; `started` is that of a `start`.
  mutating func questionnaire(station: String, caseID: String, started: String?) -> String {
    if let started {
      caseQuestionnaires[CaseKey(questionnaireID: "", station: station, caseID: caseID)] = started
      position.currentQuestionnaire[station] = started
      stationQuestionnaires[station, default: []].insert(started)
      lastStationSeveral = nil
      return started
    }
    // The station's state, looked up once per run of its records.
    if lastStationSeveral == nil || lastStation != station {
      lastStation = station
      lastStationCurrent = position.currentQuestionnaire[station] ?? ""
      lastStationSeveral = (stationQuestionnaires[station]?.count ?? 0) > 1
    }
    guard lastStationSeveral == true else { return lastStationCurrent }
    return caseQuestionnaires[CaseKey(questionnaireID: "", station: station, caseID: caseID)] ?? lastStationCurrent
  }

  /// Marks the lines each seal covers (from its offset up to the seal) as sealed fragments.
  /// Only lines that do not verify are sealed: a seal never hides a record (the writer ends a
  /// fragment with `~`, so even a whole torn record does not verify); one that claims records is
  /// reported, and they are read.
  private static func applySeals<Record>(_ entries: inout [Entry<Record>]) -> [LogProblem] {
    var problems: [LogProblem] = []
    for k in entries.indices {
      guard case .record(let seal) = entries[k], let from = seal.record.sealedFromOffset else { continue }
      var claimed = 0
      var j = k - 1
      while j >= 0 {
        switch entries[j] {
        case .record(let r):
          guard r.offset >= from else { j = -1; continue }
          claimed += 1
        case .bad(let p):
          guard p.offset >= from else { j = -1; continue }
          entries[j] = .sealed(.init(line: p.line, offset: p.offset, length: p.length))
        case .sealed: break
        }
        j -= 1
      }
      if claimed > 0 {
        problems.append(LogProblem(line: seal.line, offset: seal.offset, length: 0, kind: .sealCoversRecords(claimed)))
      }
    }
    return problems
  }

  /// Checks sequence numbers per station and sorts entries into records, problems and fragments.
  private mutating func check<Record>(_ entries: [Entry<Record>], into contents: inout LogContents<Record>) {
    contents.records.reserveCapacity(entries.count)
    // The stream of the records being read, taken out of the tables while it lasts (a run of
    // one stream's records costs no table lookups).
    var current: StreamCursor?
    var run: LogProblem?
    func flush(_ contents: inout LogContents<Record>) {
      if let r = run { contents.problems.append(r) }
      run = nil
    }
    for entry in entries {
      switch entry {
      case .sealed(let fragment):
        contents.sealedFragments.append(fragment)
      case .bad(let problem):
        flush(&contents)
        contents.problems.append(problem)
        damagedSinceGood += 1
      case .record(let located):
        let record = located.record
        let station = record.station
        if current == nil || current!.station != station || current!.questionnaireID != located.questionnaireID {
          store(&current)
          current = openStream(station: station, questionnaireID: located.questionnaireID)
        }
        let expected = current!.expected
        let s = record.sequence
        if s < expected {
          let earlier = current!.checksums.checksum(of: s)
          let identical = earlier == located.checksum
          if case .repeatedRecords(let st, let seqs, let same)? = run?.kind, st == station, same == identical,
            seqs.upperBound + 1 == s
          {
            run!.kind = .repeatedRecords(station: station, sequences: seqs.lowerBound...s, identical: identical)
            run!.lastLine = located.line
            run!.length = located.offset - run!.offset
          } else {
            flush(&contents)
            run = LogProblem(
              line: located.line, offset: located.offset, length: 0,
              kind: .repeatedRecords(station: station, sequences: s...s, identical: identical))
          }
          continue
        }
        flush(&contents)
        if s > expected && s - expected > damagedSinceGood {
          contents.problems.append(
            LogProblem(
              line: located.line, offset: located.offset, length: 0,
              kind: .missingRecords(station: station, sequences: expected...(s - 1))))
        }
        damagedSinceGood = 0
        current!.expected = s + 1
        current!.checksums.record(s, located.checksum)
        contents.records.append(located)
      }
    }
    store(&current)
    flush(&contents)
    contents.problems.sort { ($0.line, $0.offset) < ($1.line, $1.offset) }
  }
  /// The state of a stream, taken out of the reader's tables while its records are read (a run
  /// of one stream's records costs no table lookups); `store` puts it back.
  mutating func openStream(station: String, questionnaireID: String) -> StreamCursor {
    let stream = Self.stream(station: station, questionnaireID: questionnaireID)
    if !questionnaireID.isEmpty, position.expectedSequence[stream] == nil,
      let before = position.expectedSequence.removeValue(forKey: Self.stream(station: station, questionnaireID: ""))
    {
      // Records read before the station's first start belong to that start's questionnaire.
      position.expectedSequence[stream] = before
      checksums[stream] = checksums.removeValue(forKey: Self.stream(station: station, questionnaireID: ""))
    }
    return StreamCursor(
      station: station, questionnaireID: questionnaireID, key: stream,
      expected: position.expectedSequence[stream] ?? 1,
      checksums: checksums.removeValue(forKey: stream) ?? StreamChecksums())
  }

  mutating func store(_ cursor: inout StreamCursor?) {
    guard let c = cursor else { return }
    position.expectedSequence[c.key] = c.expected
    checksums[c.key] = c.checksums
    cursor = nil
  }
}

/// The stream being read, with its state out of the reader's tables.
struct StreamCursor {
  var station: String
  var questionnaireID: String
  var key: String
  var expected: Int
  var checksums: StreamChecksums
}

/// The checksum of each record of one stream, by sequence number: an array while the numbers run
/// on one by one (as a writer numbers them), a dictionary for the rest.
struct StreamChecksums: Sendable {
  private var first = 0
  private var dense: [UInt32] = []
  private var sparse: [Int: UInt32] = [:]

  mutating func record(_ sequence: Int, _ checksum: UInt32) {
    if dense.isEmpty { first = sequence }
    if sequence == first + dense.count {
      dense.append(checksum)
    } else {
      sparse[sequence] = checksum
    }
  }

  func checksum(of sequence: Int) -> UInt32? {
    if sequence >= first && sequence < first + dense.count { return dense[sequence - first] }
    return sparse[sequence]
  }
}
