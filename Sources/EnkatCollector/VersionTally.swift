import GRDB

/// The changes a collect makes to `version_counts` (the cases of each questionnaire version,
/// conflicting cases left out; docs/collector.md): counted as the collect writes cases, so that
/// `enkat collect` can say how many cases each version has without counting all of them.
///
/// A version's name comes from the start records of its cases; every case of one `qd` (the short
/// digest, which covers the version) names the same one.
struct VersionTally {
  private struct Version: Hashable {
    var questionnaireID: String
    var shortDigest: String
  }

  private var changes: [Version: (cases: Int, version: String?)] = [:]

  /// A case of the version now counts.
  mutating func add(_ questionnaireID: String, _ shortDigest: String, version: String?) {
    // Changed in place: the key is hashed once (this runs for every case a collect adds).
    let key = Version(questionnaireID: questionnaireID, shortDigest: shortDigest)
    Self.count(&changes[key, default: (0, nil)], version: version)
  }

  private static func count(_ change: inout (cases: Int, version: String?), version: String?) {
    change.cases += 1
    if change.version == nil { change.version = version }
  }

  /// A case of the version no longer counts (removed, changed version, or set aside by a conflict).
  mutating func remove(_ questionnaireID: String, _ shortDigest: String) {
    let key = Version(questionnaireID: questionnaireID, shortDigest: shortDigest)
    let earlier = changes[key] ?? (0, nil)
    changes[key] = (earlier.cases - 1, earlier.version)
  }

  /// Adds the changes to the store's counts, in the collect's transaction.
  mutating func save(_ db: Database) throws {
    for (key, change) in changes.sorted(by: {
      ($0.key.questionnaireID, $0.key.shortDigest) < ($1.key.questionnaireID, $1.key.shortDigest)
    })
    where change.cases != 0 || change.version != nil {
      try db.execute(
        sql: """
          INSERT INTO version_counts (questionnaire, qd, version, cases) VALUES (?, ?, ?, ?)
          ON CONFLICT (questionnaire, qd) DO UPDATE SET cases = cases + excluded.cases,
            version = coalesce(version, excluded.version)
          """, arguments: [key.questionnaireID, key.shortDigest, change.version, change.cases])
    }
    changes = [:]
  }
}
