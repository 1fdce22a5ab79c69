import ArgumentParser
import EnkatCollector
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
      quarantine (list them with --quarantine). One collect is one transaction. See docs/collector.md.
      """)

  @Argument(help: "Response files and folders.", completion: .file(extensions: ["jsonl"]))
  var inputs: [String] = []

  @Option(help: "The store (an SQLite file), created when missing.")
  var into: String

  @Flag(help: "List what the store holds in quarantine, and collect nothing.")
  var quarantine = false

  func validate() throws {
    if !quarantine && inputs.isEmpty { throw ValidationError("name the response files or folders to collect.") }
  }

  func run() throws {
    let store: Store
    do { store = try Store(path: into) } catch {
      printError("error: \(error)")
      throw ExitCode(74)
    }
    if quarantine {
      for line in try store.quarantineListing() { print(line) }
      return
    }
    do {
      let report = try Collector.collect(inputs, into: store, now: SystemClock().timestamp())
      for path in report.unreadable { printError("warning: \(path): cannot be read; the other files were collected") }
      print(report.summary)
      if !report.unreadable.isEmpty { throw ExitCode(1) }
    } catch let error as StoreError {
      printError("error: \(error)")
      throw ExitCode(74)
    }
  }
}
