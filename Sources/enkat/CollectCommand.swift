import ArgumentParser
import EnkatCollector
import EnkatModel
import EnkatTerminal
import Foundation

/// `enkat collect`: merge the field's response files into one store.
struct CollectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "collect",
    abstract: "Merge response files (files, or folders searched for *.jsonl) into one SQLite store.",
    discussion: """
      Incremental: files already collected cost a look at their size and first bytes, grown ones \
      only their new bytes. The same record read twice (a copy) is merged once; a different record \
      under one identity is a conflict, kept and excluded. Lines that are not records are kept in \
      quarantine (list them with --quarantine). One collect is one transaction. \
      Questionnaire versions are told apart by the digest every record carries; --questionnaire \
      gives their definitions (kept in the store), which exports use to check and label each \
      version's cases. --rebuild makes the store again from the files it was made from. \
      See docs/collector.md.
      """)

  @Argument(help: "Response files and folders.", completion: .file(extensions: ["jsonl"]))
  var inputs: [String] = []

  @Option(help: "The store (an SQLite file), created when missing.")
  var into: String

  @Option(
    name: .customLong("questionnaire"),
    help: "A questionnaire version's definition (a file, or a folder of *.json); may be given several times.",
    completion: .file(extensions: ["json"]))
  var definitions: [String] = []

  @Flag(help: "List what the store holds in quarantine, and collect nothing.")
  var quarantine = false

  @Flag(help: "Make the store again from the files it was made from (and any named), with its definitions.")
  var rebuild = false

  func validate() throws {
    if !quarantine && !rebuild && inputs.isEmpty {
      throw ValidationError("name the response files or folders to collect.")
    }
  }

  func run() throws {
    if rebuild { return try StoreRebuild(store: into, inputs: inputs, definitions: definitions).run() }
    let store: Store
    do { store = try Store(path: into) } catch {
      printError("error: \(error)")
      throw ExitCode(74)
    }
    if quarantine {
      for line in try store.quarantineListing() { print(line) }
      return
    }
    MemorySettings.apply()
    let now = SystemClock().timestamp()
    var failed = false
    for (path, bytes, questionnaire) in try Self.loadDefinitions(definitions, failed: &failed) {
      try store.addDefinition(questionnaire, source: path, json: bytes, now: now)
    }
    do {
      let report = try Collector.collect(inputs, into: store, now: now, progress: CollectProgress().show)
      for path in report.unreadable { printError("warning: \(path): cannot be read; the other files were collected") }
      print(report.summary)
      for line in try Self.versionLines(store) { print(line) }
      if !report.unreadable.isEmpty || failed { throw ExitCode(1) }
    } catch let error as StoreError {
      printError("error: \(error)")
      throw ExitCode(74)
    }
  }

  /// The questionnaire definitions named (files, and folders searched for `*.json`) that pass
  /// `enkat check`; the others are reported and `failed` is set.
  static func loadDefinitions(
    _ paths: [String], failed: inout Bool
  ) throws -> [(String, [UInt8], Questionnaire)] {
    var files: [String] = []
    for path in paths {
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
        let names = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String]) ?? []
        files += names.filter { $0.hasSuffix(".json") }.sorted().map { path + "/" + $0 }
      } else {
        files.append(path)
      }
    }
    var loaded: [(String, [UInt8], Questionnaire)] = []
    for file in files {
      guard case .success(let bytes) = QuestionnaireFile.read(file),
        let questionnaire = QuestionnaireLoader.load(bytes, file: file).questionnaire
      else {
        printError("warning: \(file): not a valid questionnaire (see enkat check \(file)); not used")
        failed = true
        continue
      }
      loaded.append((file, bytes, questionnaire))
    }
    return loaded
  }

  /// One line per questionnaire version in the store: its cases, and whether its definition is kept.
  static func versionLines(_ store: Store) throws -> [String] {
    let known = try store.definedVersions()
    return try store.versionCounts().map { count in
      let name = "\(count.questionnaireID) \(count.version.map { "version \($0)" } ?? "(no start record)")"
      let definition =
        known.contains(count.shortDigest)
        ? "definition kept" : "no definition (give it with --questionnaire FILE to check and export this version)"
      return "version: \(name) (\(count.shortDigest)): \(count.cases) cases, \(definition)"
    }
  }
}

/// A line on a terminal's standard error that says how far a collect is, redrawn at most five
/// times a second and cleared at the end; nothing when standard error is not a terminal.
final class CollectProgress {
  private let enabled = isatty(STDERR_FILENO) == 1
  private var last = 0.0

  func show(done: Int, total: Int, bytes: Int) {
    guard enabled else { return }
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    let seconds = Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    if done < total && seconds - last < 0.2 { return }
    last = seconds
    let line = done < total ? "collecting: \(done) of \(total) files, \(bytes / 1_000_000) MB read" : ""
    let padded = line + String(repeating: " ", count: max(0, 60 - line.count))
    let bytes = Array(("\r" + padded + "\r").utf8)
    _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
  }
}
