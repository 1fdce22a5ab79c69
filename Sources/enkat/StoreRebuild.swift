import ArgumentParser
import EnkatCollector
import EnkatModel
import EnkatTerminal
import Glibc

/// `enkat collect --rebuild`: the store made again from the files it was made from (the files are
/// the truth, the store never the only copy), with the definitions it keeps. The new store is
/// built beside the old one and takes its name only when complete; while it is built, the old
/// store stays locked. A file the store was made from that is gone stops the rebuild: its records
/// would be lost.
struct StoreRebuild {
  var store: String
  var inputs: [String]
  var definitions: [String]

  func run() throws {
    // Held open (and locked) until the new store has taken its name.
    let old = try StoreFile.openExisting(store)
    defer { withExtendedLifetime(old) {} }
    let files = try old.collectedFiles()
    let missing = files.filter { access($0, R_OK) != 0 }
    guard missing.isEmpty else {
      for path in missing { printError("error: \(path): the store was made from it, and it cannot be read now") }
      printError(
        "error: the rebuild would lose those files' records, so the store is unchanged; put the files back, or keep the store as it is"
      )
      throw ExitCode(1)
    }
    let kept = try old.definitionSources()
    let temporary = store + ".rebuild"
    unlink(temporary)
    unlink(temporary + "-journal")
    let fresh: Store
    do { fresh = try Store(path: temporary) } catch {
      printError("error: \(error)")
      throw ExitCode(74)
    }
    let now = SystemClock().timestamp()
    for (source, bytes) in kept {
      guard let questionnaire = QuestionnaireLoader.load(bytes, file: source).questionnaire else { continue }
      try fresh.addDefinition(questionnaire, source: source, json: bytes, now: now)
    }
    var failed = false
    for (path, bytes, questionnaire) in try CollectCommand.loadDefinitions(definitions, failed: &failed) {
      try fresh.addDefinition(questionnaire, source: path, json: bytes, now: now)
    }
    do {
      let report = try Collector.collect(files + inputs, into: fresh, now: now)
      guard report.unreadable.isEmpty else {
        for path in report.unreadable { printError("error: \(path): cannot be read") }
        unlink(temporary)
        printError("error: the rebuild was abandoned; the store is unchanged")
        throw ExitCode(1)
      }
      guard rename(temporary, store) == 0 else {
        printError("error: cannot replace \(store): \(String(cString: strerror(errno))); the store is unchanged")
        throw ExitCode(74)
      }
      unlink(temporary + ".lock")
      print("rebuilt \(store) from \(files.count + inputs.count) files and paths")
      print(report.summary)
      for line in try CollectCommand.versionLines(fresh) { print(line) }
      if failed { throw ExitCode(1) }
    } catch let error as StoreError {
      unlink(temporary)
      printError("error: \(error)")
      throw ExitCode(74)
    }
  }
}
