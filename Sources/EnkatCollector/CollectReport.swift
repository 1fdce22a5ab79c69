import EnkatLog

/// What one collect did, for its summary.
public struct CollectReport: Sendable {
  public var filesRead = 0
  public var newFiles = 0
  public var grownFiles = 0
  public var unchangedFiles = 0
  /// Files replaced or cut short since the last collect, read again from their start.
  public var rereadFiles = 0
  public var unreadable: [String] = []
  public var bytesRead = 0
  public var recordsMerged = 0
  /// Records already in the store, or read twice in this collect (copies).
  public var recordsDuplicate = 0
  public var recordsConflicting = 0
  /// Lines kept in quarantine, by kind.
  public var quarantined: [String: Int] = [:]
  public var casesNew = 0
  public var casesUpdated = 0

  /// The summary, one line per subject.
  public var summary: String {
    var lines = [
      "files: \(filesRead) read (\(newFiles) new, \(grownFiles) grown, \(rereadFiles) replaced or cut short), \(unchangedFiles) unchanged"
        + (unreadable.isEmpty ? "" : ", \(unreadable.count) could not be read"),
      "bytes read: \(bytesRead)",
      "records: \(recordsMerged) merged, \(recordsDuplicate) already known (copies), \(recordsConflicting) conflicting",
      "cases: \(casesNew) new, \(casesUpdated) updated",
    ]
    let total = quarantined.values.reduce(0, +)
    lines.append(
      "quarantined: \(total)"
        + (total == 0
          ? ""
          : " (" + quarantined.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + ")")
    )
    return lines.joined(separator: "\n")
  }
}
