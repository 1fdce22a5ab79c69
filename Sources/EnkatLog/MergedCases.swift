/// The cases of several response files, merged by the identity rule of docs/response-log.md:
///
/// - a record is identified by its questionnaire, station and sequence number (a station numbers
///   the records of each questionnaire's file on its own); the same record read again (the same
///   checksum) from another file or a copy is one record;
/// - two different records with one identity are a conflict (two stations wrote under one
///   station id, e.g. cloned laptops): both are set aside, and every case they belong to is
///   reported as conflicting instead of being merged;
/// - a case is identified by its questionnaire, station and case id: its records are those of
///   all files, in sequence order.
public struct MergedCases: Sendable {
  /// Records of one file that an earlier file already had.
  public struct Duplicates: Equatable, Sendable {
    public var file: Int
    public var earlierFile: Int
    public var records: Int
  }

  /// Two different records under one station and sequence number.
  public struct Conflict: Equatable, Sendable {
    public var questionnaireID: String
    public var station: String
    public var sequence: Int
    public var first: (file: Int, line: Int, caseID: String)
    public var second: (file: Int, line: Int, caseID: String)

    public static func == (a: Conflict, b: Conflict) -> Bool {
      a.questionnaireID == b.questionnaireID && a.station == b.station && a.sequence == b.sequence && a.first == b.first
        && a.second == b.second
    }
  }

  /// The merged cases that are not in conflict, in order of their first appearance.
  public var cases: [CaseHistory] = []
  /// The cases with conflicting records, left out of `cases`.
  public var conflictingCases: [CaseKey] = []
  public var duplicates: [Duplicates] = []
  public var conflicts: [Conflict] = []

  /// Merges the contents of files given in order (indices into that order are used in reports).
  public init(_ files: [ResponseLogContents]) {
    struct Seen { var checksum: UInt32; var file: Int; var line: Int; var caseID: String }
    var seen: [String: [Int: Seen]] = [:]
    var kept: [(file: Int, record: ResponseRecord, questionnaireID: String)] = []
    var duplicateCounts: [[Int]: Int] = [:]
    for (f, contents) in files.enumerated() {
      for located in contents.records {
        let r = located.record
        let stream = ResponseLogReader.stream(station: r.station, questionnaireID: located.questionnaireID)
        if let earlier = seen[stream]?[r.sequence] {
          if earlier.checksum == located.checksum {
            duplicateCounts[[f, earlier.file], default: 0] += 1
          } else {
            conflicts.append(
              Conflict(
                questionnaireID: located.questionnaireID, station: r.station, sequence: r.sequence,
                first: (earlier.file, earlier.line, earlier.caseID),
                second: (f, located.line, r.caseID)))
          }
          continue
        }
        seen[stream, default: [:]][r.sequence] = Seen(
          checksum: located.checksum, file: f, line: located.line, caseID: r.caseID)
        kept.append((f, r, located.questionnaireID))
      }
    }
    duplicates = duplicateCounts.map { Duplicates(file: $0.key[0], earlierFile: $0.key[1], records: $0.value) }
      .sorted { ($0.file, $0.earlierFile) < ($1.file, $1.earlierFile) }
    let conflicted = Set(
      conflicts.map {
        "\(ResponseLogReader.stream(station: $0.station, questionnaireID: $0.questionnaireID))\u{0}\($0.sequence)"
      })
    var badCases = Set<CaseKey>()
    for c in conflicts {
      badCases.insert(CaseKey(questionnaireID: c.questionnaireID, station: c.station, caseID: c.first.caseID))
      badCases.insert(CaseKey(questionnaireID: c.questionnaireID, station: c.station, caseID: c.second.caseID))
    }
    var order: [CaseKey] = []
    var byKey: [CaseKey: CaseHistory] = [:]
    for (_, r, questionnaireID) in kept {
      if case .tornTailSealed = r.payload { continue }
      let key = CaseKey(questionnaireID: questionnaireID, station: r.station, caseID: r.caseID)
      let stream = ResponseLogReader.stream(station: r.station, questionnaireID: questionnaireID)
      if conflicted.contains("\(stream)\u{0}\(r.sequence)") || badCases.contains(key) { continue }
      if byKey[key] == nil {
        order.append(key)
        byKey[key] = CaseHistory(questionnaireID: questionnaireID, station: r.station, caseID: r.caseID)
      }
      byKey[key]!.records.append(r)
    }
    cases = order.map { key in
      var history = byKey[key]!
      history.records.sort { $0.sequence < $1.sequence }
      return history
    }
    conflictingCases = badCases.sorted()
  }
}
