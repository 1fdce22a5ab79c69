import EnkatLog
import EnkatModel

/// One record of a case as the store keeps it: the record less what its case row says (station,
/// case id), with where it was first read.
public struct StoredRecord: Equatable, Sendable {
  public var sequence: Int
  public var time: String
  /// The record's `qd`, the short digest of the questionnaire version it was written with.
  public var questionnaireDigest: String
  public var payload: ResponseRecord.Payload
  /// The `files` row of the file it was first read from, and its line there.
  public var fileID: Int
  public var line: Int
}

/// The compact binary form of a case's records (`histories.history`, docs/collector.md): about
/// 14.5 bytes a record instead of about 190 in a response file, so a store of 500,000 cases stays a
/// few hundred megabytes and is written at disk speed.
///
/// Per record, in sequence order: a head byte (the record type in the low four bits; 0x10 the
/// answer is a revision; 0x20 `at` is kept as text; 0x40 `at` equals the previous record's;
/// 0x80 `qd` differs from the previous record's), the sequence number as the difference to the
/// previous one (an unsigned LEB128 varint), `at` as the signed difference in milliseconds to the
/// previous record's (zigzag varint) or as text, `qd` as text when it changed, the file id and
/// line as signed differences to the previous record's (zigzag varints; the first record's to
/// 0), then the type's members (`CompactPayloadCodec`). A case's records mostly come one line
/// after another from one file, so its file and line cost a byte each, not two and three.
public enum CaseHistoryCodec {
  /// Appends records to a history, each relative to the one before.
  public struct Writer {
    /// Room written through a pointer (zeros past `used`, made larger in steps): a record costs
    /// no append of its bytes.
    private var storage: [UInt8] = []
    private var used = 0
    private var sequence = 0
    private var millis: Int?
    private var digest: [UInt8] = []
    private var fileID = 0
    private var line = 0
    private var first = true

    public init(capacity: Int = 0) { storage = [UInt8](repeating: 0, count: capacity) }

    /// The history written, handed over without a copy (the writer is left empty).
    public mutating func finish() -> [UInt8] {
      storage.removeSubrange(used...)
      used = 0
      defer { storage = [] }
      return storage
    }

    /// Appends a record's head; its members follow (`CompactPayloadCodec`). `rawTime` is `at`
    /// when `millis` is nil.
    mutating func head(
      type: UInt8, revision: Bool, sequence: Int, millis: Int?, rawTime: UnsafeBufferPointer<UInt8>,
      digest: UnsafeBufferPointer<UInt8>, fileID: Int, line: Int,
      members: UnsafeBufferPointer<UInt8> = .init(start: nil, count: 0)
    ) {
      var head = type
      if revision { head |= 0x10 }
      let sameTime = !first && millis != nil && millis == self.millis
      if millis == nil { head |= 0x20 } else if sameTime { head |= 0x40 }
      let sameDigest = digest.hasSameBytes(as: self.digest)
      if !sameDigest { head |= 0x80 }
      // The record is written through a pointer into the room past `used`.
      let most = 60 + rawTime.count + digest.count + members.count
      if used + most > storage.count {
        storage.append(contentsOf: repeatElement(0, count: max(most, storage.count, 256)))
      }
      used += storage.withUnsafeMutableBufferPointer { room in
        var out = ByteSink(room.baseAddress! + used)
        out.put(head)
        out.varint(UInt64(sequence - self.sequence))
        if let millis {
          if !sameTime { out.varint(CompactPayloadCodec.zigzag(millis - (self.millis ?? 0))) }
        } else {
          out.varint(UInt64(rawTime.count))
          out.put(rawTime)
        }
        if !sameDigest {
          out.varint(UInt64(digest.count))
          out.put(digest)
        }
        out.varint(CompactPayloadCodec.zigzag(fileID &- self.fileID))
        out.varint(CompactPayloadCodec.zigzag(line &- self.line))
        out.put(members)
        assert(out.count <= most, "a history record longer than the room made for it")
        return out.count
      }
      if !sameDigest { self.digest = Array(digest) }
      self.sequence = sequence
      self.fileID = fileID
      self.line = line
      first = false
      self.millis = millis
    }

    public mutating func append(_ record: StoredRecord) {
      var revision = false
      if case .answer(_, _, _, true) = record.payload { revision = true }
      let millis = Timestamp.milliseconds(record.time)
      var time = record.time
      var digest = record.questionnaireDigest
      var members: [UInt8] = []
      CompactPayloadCodec.encode(record.payload, into: &members)
      time.withUTF8 { t in
        digest.withUTF8 { d in
          members.withUnsafeBufferPointer { m in
            head(
              type: CompactPayloadCodec.typeCode(record.payload), revision: revision, sequence: record.sequence,
              millis: millis, rawTime: t, digest: d, fileID: record.fileID, line: record.line, members: m)
          }
        }
      }
    }

    /// Appends a record as the reader hands it over.
    public mutating func append(_ record: borrowing RecordInStretch, fileID: Int) {
      head(
        type: record.type, revision: record.revision, sequence: record.sequence, millis: record.milliseconds,
        rawTime: record.rawTime, digest: record.digest, fileID: fileID, line: record.line, members: record.members)
    }
  }

  /// The history of `records`, which are in sequence order.
  public static func encode(_ records: [StoredRecord]) -> [UInt8] {
    var writer = Writer(capacity: records.count * 16)
    for r in records { writer.append(r) }
    return writer.finish()
  }

  /// Calls `body` for each answer (with its value) and clear (with nil) of a history whose
  /// question `questions` knows (by its index there), in order, skipping every other record
  /// without decoding it; false when the bytes are not a history.
  public static func visitResponses(
    _ bytes: [UInt8], questions: QuestionTable, _ body: (Int, RecordedResponse?) -> Void
  ) -> Bool {
    visitAnswersAndClears(
      bytes, questions: questions,
      answer: { index, r in
        guard let value = CompactPayloadCodec.answerValue(&r) else { return false }
        if let index { body(index, value) }
        return true
      },
      clear: { body($0, nil) })
  }

  /// Like `visitResponses`, with where each answer's value begins in `bytes` (its tag, for
  /// `CompactPayloadCodec.answerValue`), and -1 for a clear: no value is made.
  static func visitAnswers(_ bytes: [UInt8], questions: QuestionTable, _ body: (Int, Int) -> Void) -> Bool {
    visitAnswersAndClears(
      bytes, questions: questions,
      answer: { index, r in
        let at = r.position
        guard CompactPayloadCodec.skipAnswerValue(&r) else { return false }
        if let index { body(index, at) }
        return true
      },
      clear: { body($0, -1) })
  }

  /// The walk of both visits: `answer` gets each answer's question index (nil when `questions`
  /// does not know it) and a reader at its value, to move past the value (false when it is not
  /// one); `clear` gets each known clear's.
  private static func visitAnswersAndClears(
    _ bytes: [UInt8], questions: QuestionTable, answer: (Int?, inout CompactReader) -> Bool, clear: (Int) -> Void
  ) -> Bool {
    var r = CompactReader(bytes)
    while !r.atEnd {
      guard let head = r.byte(), r.varint() != nil else { return false }
      if head & 0x20 != 0 {
        guard r.skipText() else { return false }
      } else if head & 0x40 == 0 {
        guard r.varint() != nil else { return false }
      }
      if head & 0x80 != 0 {
        guard r.skipText() else { return false }
      }
      guard r.varint() != nil, r.varint() != nil else { return false }
      let type = head & 0x0F
      guard type == CompactPayloadCodec.answerType || type == CompactPayloadCodec.clearType else {
        guard CompactPayloadCodec.skip(type, &r) else { return false }
        continue
      }
      guard let q = r.textRange() else { return false }
      let index = bytes.withUnsafeBufferPointer { questions.index(of: UnsafeBufferPointer(rebasing: $0[q])) }
      if type == CompactPayloadCodec.clearType {
        if let index { clear(index) }
        continue
      }
      guard answer(index, &r), r.varint() != nil else { return false }
    }
    return true
  }

  /// The records of a history, or nil when the bytes are not one (a damaged store).
  /// `placesAsDifferences` false reads the form stores had before the v4 migration, with each
  /// record's file id and line as they are.
  public static func decode(_ bytes: [UInt8], placesAsDifferences: Bool = true) -> [StoredRecord]? {
    var reader = CompactReader(bytes)
    var records: [StoredRecord] = []
    var sequence = 0
    var fileID = 0
    var line = 0
    var millis: Int?
    var time = ""
    var digest = ""
    while !reader.atEnd {
      guard let head = reader.byte(), Int(head & 0x0F) < CompactPayloadCodec.typeNames.count,
        let delta = reader.varint(), delta <= UInt64(ResponseRecord.sequenceRange.upperBound)
      else { return nil }
      sequence += Int(delta)
      if head & 0x20 != 0 {
        guard let t = reader.text() else { return nil }
        time = t
        millis = nil
      } else if head & 0x40 != 0 {
        guard !records.isEmpty else { return nil }
      } else {
        guard let z = reader.varint() else { return nil }
        let m = (millis ?? 0) &+ CompactPayloadCodec.unzigzag(z)
        time = Timestamp.format(m)
        millis = m
      }
      if head & 0x80 != 0 {
        guard let d = reader.text() else { return nil }
        digest = d
      }
      guard let fileValue = reader.varint(), let lineValue = reader.varint() else { return nil }
      if placesAsDifferences {
        fileID = fileID &+ CompactPayloadCodec.unzigzag(fileValue)
        line = line &+ CompactPayloadCodec.unzigzag(lineValue)
      } else {
        guard fileValue <= UInt64(Int.max), lineValue <= UInt64(Int.max) else { return nil }
        fileID = Int(fileValue)
        line = Int(lineValue)
      }
      guard fileID >= 0, line >= 0,
        let payload = CompactPayloadCodec.decode(head & 0x0F, revision: head & 0x10 != 0, &reader)
      else { return nil }
      records.append(
        StoredRecord(
          sequence: sequence, time: time, questionnaireDigest: digest, payload: payload, fileID: fileID, line: line))
    }
    return records
  }
}
