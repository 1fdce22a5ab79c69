import EnkatLog
import EnkatModel
import Foundation
import GRDB

/// A questionnaire version's definition kept in the store (`definitions`), so later collects and
/// exports know what the version's records mean without the file.
public struct StoredDefinition: Sendable {
  public var digest: String
  public var questionnaire: Questionnaire
  public var source: String
  /// The `qd` records of this version carry.
  public var shortDigest: String { ResponseRecord.shortDigest(digest) }
}

/// How many cases a store holds of each questionnaire version, by the `qd` of their records.
public struct VersionCount: Equatable, Sendable {
  public var questionnaireID: String
  public var shortDigest: String
  /// The version named by the cases' start records (nil when none was read).
  public var version: String?
  public var cases: Int
}

extension Store {
  /// Keeps `questionnaire` (read from `source`, whose bytes are `json`) as a known version.
  public func addDefinition(_ questionnaire: Questionnaire, source: String, json: [UInt8], now: String) throws {
    try database.write { db in
      try db.execute(
        sql: """
          INSERT INTO definitions (digest, qd, questionnaire, version, source, definition, added_at)
          VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (digest) DO UPDATE SET source = excluded.source
          """,
        arguments: [
          questionnaire.digest, ResponseRecord.shortDigest(questionnaire.digest), questionnaire.id,
          questionnaire.version, source, Data(json), now,
        ])
    }
  }

  /// The versions the store knows, each loaded again from its kept bytes, in the order they were
  /// given (the last is the latest).
  public func definitions() throws -> [StoredDefinition] {
    try database.read { db in try Self.definitions(db) }
  }

  static func definitions(_ db: Database) throws -> [StoredDefinition] {
    let rows = try Row.fetchAll(db, sql: "SELECT digest, source, definition FROM definitions ORDER BY added_at, rowid")
    return rows.compactMap { row in
      let source: String = row["source"]
      let bytes = [UInt8](row["definition"] as Data)
      guard let questionnaire = QuestionnaireLoader.load(bytes, file: source).questionnaire else { return nil }
      return StoredDefinition(digest: row["digest"], questionnaire: questionnaire, source: source)
    }
  }

  /// The cases of each questionnaire version in the store (conflicting cases left out).
  public func versionCounts() throws -> [VersionCount] {
    try database.read { db in try Self.versionCounts(db) }
  }

  static func versionCounts(_ db: Database) throws -> [VersionCount] {
    return try Row.fetchAll(
      db,
      sql: """
        SELECT questionnaire, qd, version, cases FROM version_counts WHERE cases > 0 ORDER BY questionnaire, qd
        """
    ).map { row in
      VersionCount(
        questionnaireID: row["questionnaire"], shortDigest: row["qd"], version: row["version"], cases: row["cases"])
    }
  }
}

/// Which versions' cases go into an export for a target version (docs/collector.md, "Versions"):
/// the target's own; another version whose definition the store holds and whose answers fit the
/// target (`Compatibility` finds no error); nothing else. The others are listed with the reason.
public struct VersionSelection: Sendable {
  /// The `qd`s whose cases are exported.
  public var included: [String] = []
  /// One line per version left out: which, how many cases, why, and what to do.
  public var excluded: [String] = []

  public init(target: Questionnaire, counts: [VersionCount], definitions: [StoredDefinition]) {
    let own = ResponseRecord.shortDigest(target.digest)
    included.append(own)
    let known = Dictionary(definitions.map { ($0.shortDigest, $0) }, uniquingKeysWith: { a, _ in a })
    for count in counts where count.questionnaireID == target.id && count.shortDigest != own {
      let name = "\(count.cases) cases recorded with version \(count.version ?? "?") (\(count.shortDigest))"
      guard let definition = known[count.shortDigest] else {
        excluded.append(
          "\(name) are not exported: the store has no definition of that version; collect with --questionnaire FILE of it"
        )
        continue
      }
      let errors = Compatibility.compare(old: definition.questionnaire, new: target).filter { $0.severity == .error }
      if errors.isEmpty {
        included.append(count.shortDigest)
      } else {
        let first = errors[0]
        excluded.append(
          "\(name) are kept apart: their answers do not fit version \(target.version) (\(first.code) \(first.subject): \(first.message)); export them with --questionnaire \(definition.source)"
        )
      }
    }
  }
}

extension Store {
  /// The definitions as kept: where each was read from, and its bytes.
  public func definitionSources() throws -> [(source: String, bytes: [UInt8])] {
    try database.read { db in
      try Row.fetchAll(db, sql: "SELECT source, definition FROM definitions ORDER BY added_at, rowid").map {
        (source: $0["source"], bytes: [UInt8]($0["definition"] as Data))
      }
    }
  }

  /// The short digests (`qd`) of the versions whose definitions the store keeps.
  public func definedVersions() throws -> Set<String> {
    try database.read { db in Set(try String.fetchAll(db, sql: "SELECT qd FROM definitions")) }
  }

  /// The paths of the files the store was made from, in path order.
  public func collectedFiles() throws -> [String] {
    try database.read { db in try String.fetchAll(db, sql: "SELECT path FROM files ORDER BY path") }
  }
}
