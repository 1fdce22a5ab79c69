import EnkatModel
import Glibc

/// A record read by `ResponseLogReader.readInOrder`, handed over while its line is read: the
/// buffers point into the stretch and into the compact members, and are valid only during the
/// call. Every stored member is a number or a pointer, so handing a record on copies no
/// reference-counted value (the questionnaire id and the payload are reached through pointers).
public struct RecordInStretch {
  public var sequence: Int
  /// The stored CRC-32 (verified).
  public var checksum: UInt32
  public var line: Int
  public var offset: Int
  private var questionnaireIDPointer: UnsafePointer<String>
  public var station: UnsafeBufferPointer<UInt8>
  public var caseID: UnsafeBufferPointer<UInt8>
  /// `qd`, the short digest of the questionnaire version.
  public var digest: UnsafeBufferPointer<UInt8>
  /// `at` in milliseconds since 1970, or nil when it is not in the usual form (then `rawTime`).
  public var milliseconds: Int?
  public var rawTime: UnsafeBufferPointer<UInt8>
  /// The type code (`CompactPayloadCodec`).
  public var type: UInt8
  public var revision: Bool
  /// An answer's `ms`.
  public var answerMilliseconds: Int
  /// The type's members in compact form (`CompactPayloadCodec`).
  public var members: UnsafeBufferPointer<UInt8>
  private var detailPointer: UnsafePointer<ResponseRecord.Payload>?
  /// Whether the record handed over just before this one, in the same call, has the same
  /// station, case and `qd` (the bytes were compared once, by the scan): a run of one case's
  /// records needs no look at them again. False whenever that is not known.
  public var sameCaseAsPrevious = false

  /// The questionnaire whose sequence the record belongs to (as `LocatedRecord.questionnaireID`).
  public var questionnaireID: String { questionnaireIDPointer.pointee }
  /// The payload, for the types a case has few of (start, resume, language, end).
  public var detail: ResponseRecord.Payload? { detailPointer?.pointee }

  /// A record whose questionnaire id and payload are at `questionnaireID` and `detail`, which
  /// must stay valid while the record is used.
  public init(
    sequence: Int, checksum: UInt32, line: Int, offset: Int, questionnaireID: UnsafePointer<String>,
    station: UnsafeBufferPointer<UInt8>, caseID: UnsafeBufferPointer<UInt8>, digest: UnsafeBufferPointer<UInt8>,
    milliseconds: Int?, rawTime: UnsafeBufferPointer<UInt8>, type: UInt8, revision: Bool, answerMilliseconds: Int,
    members: UnsafeBufferPointer<UInt8>, detail: UnsafePointer<ResponseRecord.Payload>?
  ) {
    self.sequence = sequence
    self.checksum = checksum
    self.line = line
    self.offset = offset
    self.questionnaireIDPointer = questionnaireID
    self.station = station
    self.caseID = caseID
    self.digest = digest
    self.milliseconds = milliseconds
    self.rawTime = rawTime
    self.type = type
    self.revision = revision
    self.answerMilliseconds = answerMilliseconds
    self.members = members
    self.detailPointer = detail
  }
}

/// Calls `body` with a pointer to `detail`'s payload, or nil when it has none.
@inline(__always)
func withDetailPointer<R>(
  _ detail: ResponseRecord.Payload?, _ body: (UnsafePointer<ResponseRecord.Payload>?) -> R
) -> R {
  guard let payload = detail else { return body(nil) }
  return withUnsafePointer(to: payload) { body($0) }
}

extension ResponseLogReader {
  /// Reads `bytes` (which continue the file at `position.offset`) when they are as a writer
  /// leaves them — every line verifies, ends in LF alone, and continues its stream's numbering —
  /// calling `visit` for each record, in file order, and returning true; the reader then stands
  /// where `readCompact` would leave it. Returns false, with the reader unchanged, at the first
  /// line that needs the reading rules (a damaged or torn line, a repeated or missing record, a
  /// seal, Windows line endings, a byte-order mark); the caller then reads the stretch with
  /// `readCompact`, and what `visit` was given does not count.
  ///
  /// One pass, no value per record: what lets a collect keep up with the disk (docs/collector.md).
  public mutating func readInOrder(
    _ bytes: ArraySlice<UInt8>, atEnd: Bool, payloads: CompactPayloads, visit: (borrowing RecordInStretch) -> Void
  ) -> Bool {
    bytes.withUnsafeBufferPointer { readInOrder(stretch: $0, atEnd: atEnd, payloads: payloads, visit: visit) }
  }

  /// `readInOrder(_:atEnd:payloads:visit:)` of bytes in memory the caller owns.
  public mutating func readInOrder(
    stretch bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool, payloads: CompactPayloads,
    visit: (borrowing RecordInStretch) -> Void
  ) -> Bool {
    var trial = self
    guard trial.readInOrder(bytes, atEnd: atEnd, payloads: payloads, visit: visit) else { return false }
    self = trial
    return true
  }

  /// `readInOrder(stretch:atEnd:payloads:visit:)` without a copy of the reader to go back to:
  /// when it returns false the reader is in no usable state, and the caller puts back a copy it
  /// kept. For a caller that reads many small stretches and keeps one copy for all of them (a
  /// copy per call would copy each stream's checksums on its next record).
  public mutating func readInOrderInPlace(
    stretch bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool, payloads: CompactPayloads,
    visit: (borrowing RecordInStretch) -> Void
  ) -> Bool {
    readInOrder(bytes, atEnd: atEnd, payloads: payloads, visit: visit)
  }

  private mutating func readInOrder(
    _ b: UnsafeBufferPointer<UInt8>, atEnd: Bool, payloads: CompactPayloads,
    visit: (borrowing RecordInStretch) -> Void
  ) -> Bool {
    guard let origin = b.baseAddress else { return true }
    let base = position.offset
    var line = position.line
    var k = 0
    var cursor: StreamCursor?
    var records = 0
    // The station of the records being read, as bytes, so a run of its records makes no string.
    var stationBytes: [UInt8] = []
    var stationQuestionnaire = ""
    var members: [UInt8] = []  // a record the general decoder reads, in compact form
    // Where the scan writes a line's members: enough for the usual line, made larger for a long one.
    var roomSize = 4096
    var room = UnsafeMutablePointer<UInt8>.allocate(capacity: roomSize)
    defer { room.deallocate() }
    var scanState = CompactPayloads.ScanState()
    var previousScanned = false  // the line before was scanned (not decoded) and handed over
    var scanned = CompactPayloads.ScannedLine()
    defer { store(&cursor) }
    while k < b.count {
      guard let found = memchr(origin + k, 0x0A, b.count - k) else {
        if atEnd { return false }  // a torn last line: the reading rules report it
        break  // the rest of a line, read with what follows
      }
      let end: Int = UnsafeRawPointer(found) - UnsafeRawPointer(origin)
      if end == k {  // an empty line, skipped as the rules skip it
        k += 1
        line += 1
        continue
      }
      if b[end - 1] == 0x0D { return false }
      if base + k == 0, end - k >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { return false }
      let text = UnsafeBufferPointer(rebasing: b[k..<end])
      guard case .success(let checksum) = RecordCodec.verify(text) else { return false }
      let offset = base + k
      let membersEnd = text.count - RecordCodec.suffixLength
      if CompactPayloads.roomNeeded(membersEnd) > roomSize {
        room.deallocate()
        roomSize = max(roomSize * 2, CompactPayloads.roomNeeded(membersEnd))
        room = .allocate(capacity: roomSize)
      }
      if payloads.scan(text, end: membersEnd, into: room, state: &scanState, line: &scanned) {
        let station = UnsafeBufferPointer(rebasing: text[scanned.station])
        let caseID = UnsafeBufferPointer(rebasing: text[scanned.caseID])
        // The scan found the identity of the line before, and that line was scanned and handed over.
        let sameCase = scanned.sameIdentity && previousScanned
        let sameStation = sameCase || station.hasSameBytes(as: stationBytes)
        let detail = scanned.hasDetail ? scanState.detail : nil
        if case .start(let started)? = detail {
          // A start says the questionnaire of its case and, from now on, of its station.
          stationQuestionnaire = questionnaire(
            station: String(decoding: station, as: UTF8.self), caseID: String(decoding: caseID, as: UTF8.self),
            started: started.questionnaireID)
          if !sameStation { stationBytes = Array(station) }
        } else if !sameStation || lastStationSeveral != false {
          let name = String(decoding: station, as: UTF8.self)
          stationQuestionnaire = questionnaire(
            station: name, caseID: String(decoding: caseID, as: UTF8.self), started: nil)
          if !sameStation { stationBytes = Array(station) }
        }
        guard
          advance(
            &cursor, station: stationBytes, sameStation: sameStation, questionnaireID: stationQuestionnaire,
            sequence: scanned.sequence, checksum: checksum)
        else { return false }
        withUnsafePointer(to: &stationQuestionnaire) { q in
          withDetailPointer(detail) { d in
            var record = RecordInStretch(
              sequence: scanned.sequence, checksum: checksum, line: line, offset: offset, questionnaireID: q,
              station: station, caseID: caseID, digest: UnsafeBufferPointer(rebasing: text[scanned.digest]),
              milliseconds: scanned.milliseconds, rawTime: UnsafeBufferPointer(rebasing: text[scanned.at]),
              type: scanned.type, revision: scanned.revision, answerMilliseconds: scanned.answerMilliseconds,
              members: UnsafeBufferPointer(start: room, count: scanned.payload.count), detail: d)
            record.sameCaseAsPrevious = sameCase
            visit(record)
          }
        }
        previousScanned = true
      } else {
        previousScanned = false
        // Any other form (questionOrder, a seal, members in another order): the general decoder,
        // then the compact form.
        guard case .success(let decoded) = RecordCodec.decodeVerified(text), decoded.sealedFromOffset == nil
        else { return false }
        let questionnaireID = questionnaire(of: decoded)
        stationBytes = Array(decoded.station.utf8)
        stationQuestionnaire = questionnaireID
        guard
          advance(
            &cursor, station: stationBytes, sameStation: false, questionnaireID: questionnaireID,
            sequence: decoded.sequence, checksum: checksum)
        else { return false }
        members.removeAll(keepingCapacity: true)
        let record = payloads.convert(decoded, into: &members)
        record.visit(
          checksum: checksum, line: line, offset: offset, questionnaireID: questionnaireID, payloads: members, visit)
      }
      records += 1
      k = end + 1
      line += 1
    }
    position.offset = base + k
    position.line = line
    if records > 0 { damagedSinceGood = 0 }
    return true
  }

  /// Moves the stream of `station` and `questionnaireID` on by the record `sequence`; false when
  /// the record does not continue it (a repeat or a gap: the reading rules decide). `sameStation`:
  /// the station is known to be the previous record's.
  private mutating func advance(
    _ cursor: inout StreamCursor?, station: [UInt8], sameStation: Bool, questionnaireID: String, sequence: Int,
    checksum: UInt32
  ) -> Bool {
    if cursor == nil || cursor!.questionnaireID != questionnaireID
      || (!sameStation && !cursor!.station.utf8.elementsEqual(station))
    {
      store(&cursor)
      cursor = openStream(station: String(decoding: station, as: UTF8.self), questionnaireID: questionnaireID)
    }
    guard sequence == cursor!.expected else { return false }
    cursor!.expected = sequence + 1
    cursor!.checksums.record(sequence, checksum)
    return true
  }
}

extension CompactRecord {
  /// Hands the record to `body` as a `RecordInStretch`, its members at `payload` in `payloads`:
  /// how a record read by the reading rules joins what `readInOrder` hands over.
  public func visit(
    checksum: UInt32, line: Int, offset: Int, questionnaireID: String, payloads: [UInt8],
    _ body: (borrowing RecordInStretch) -> Void
  ) {
    var station = station
    var caseID = caseID
    var digest = questionnaireDigest
    var time = rawTime ?? ""
    station.withUTF8 { s in
      caseID.withUTF8 { c in
        digest.withUTF8 { d in
          time.withUTF8 { t in
            payloads.withUnsafeBufferPointer { p in
              withUnsafePointer(to: questionnaireID) { q in
                withDetailPointer(detail) { detailPointer in
                  body(
                    RecordInStretch(
                      sequence: sequence, checksum: checksum, line: line, offset: offset, questionnaireID: q,
                      station: s, caseID: c, digest: d, milliseconds: milliseconds, rawTime: t, type: type,
                      revision: revision, answerMilliseconds: answerMilliseconds,
                      members: UnsafeBufferPointer(rebasing: p[payload]), detail: detailPointer))
                }
              }
            }
          }
        }
      }
    }
  }
}
