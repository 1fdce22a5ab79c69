import ArgumentParser
import EnkatFieldwork
import EnkatTerminal
import Foundation

/// `enkat sample`: the sample a CATI team calls (docs/cati.md).
struct SampleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sample",
    abstract: "Import and show the sample (member register) a telephone team calls.",
    subcommands: [SampleImportCommand.self, SampleShowCommand.self])
}

/// `enkat sample import FILE.csv --into SAMPLE`.
struct SampleImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import a CSV register as a sample: one respondent per row.",
    discussion: """
      The CSV file (UTF-8; comma, semicolon or tab separated; a header line) has a column of \
      respondent ids (--id), which become the interviews' case ids; contact columns (--contact: \
      names, phone numbers), kept apart from the answers and never exported; stratum columns \
      (--strata: work area, region), for quotas and status; every other column is a sample \
      variable kept with the sample. Or give the roles in a JSON file (--mapping): \
      {"id": "member", "contact": ["name", "phone"], "strata": ["area", "region"]}. A file with a \
      problem is not imported at all; every problem is named with its line.
      """)

  @Argument(help: "The register as CSV.", completion: .file(extensions: ["csv"]))
  var file: String

  @Option(help: "The sample file to make (SQLite).")
  var into: String

  @Option(help: "The column of respondent ids.")
  var id: String?

  @Option(parsing: .upToNextOption, help: "Contact columns (names, phone numbers), comma or space separated.")
  var contact: [String] = []

  @Option(parsing: .upToNextOption, help: "Stratum columns (for quotas and status), comma or space separated.")
  var strata: [String] = []

  @Option(help: "A JSON file of column roles instead of the flags.", completion: .file(extensions: ["json"]))
  var mapping: String?

  func run() throws {
    let roles = try self.roles()
    guard let data = FileManager.default.contents(atPath: file) else {
      printError("error: \(file): no such file")
      throw ExitCode(66)
    }
    let table: SampleTable
    switch SampleTable.parse(Array(data), roles: roles) {
    case .success(let t): table = t
    case .failure(let problems):
      printError(problems.rendered(file: file))
      printError("nothing was imported.")
      throw ExitCode(65)
    }
    do {
      try SampleStore.create(table, source: file, at: into, now: SystemClock().timestamp())
    } catch let failure as SampleStore.Failure {
      printError("error: \(failure)")
      throw ExitCode(73)
    } catch {
      printError("error: \(into): \(error)")
      throw ExitCode(74)
    }
    func names(_ role: SampleTable.Role) -> String {
      let list = table.columns.filter { $0.role == role }.map(\.name)
      return list.isEmpty ? "none" : list.joined(separator: ", ")
    }
    print(
      """
      Imported \(table.rows.count) respondents from \(file) into \(into).
        id: \(roles.id)
        contact (never exported): \(names(.contact))
        strata: \(names(.stratum))
        other variables: \(names(.variable))
      """)
  }

  /// The roles from the flags or the mapping file.
  private func roles() throws -> SampleTable.Roles {
    func split(_ list: [String]) -> [String] {
      list.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
    guard let mapping else {
      guard let id else {
        printError("error: say which column holds the respondent ids: --id COLUMN (or --mapping FILE.json)")
        throw ExitCode(64)
      }
      return SampleTable.Roles(id: id, contact: split(contact), strata: split(strata))
    }
    guard let data = FileManager.default.contents(atPath: mapping) else {
      printError("error: \(mapping): no such file")
      throw ExitCode(66)
    }
    switch SampleMapping.parse(Array(data), file: mapping) {
    case .success(let roles): return roles
    case .failure(let problems):
      printError(problems.description)
      throw ExitCode(65)
    }
  }
}

/// `enkat sample show SAMPLE`: what a sample holds.
struct SampleShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show", abstract: "Show a sample's columns, their roles and its number of respondents.")

  @Argument(help: "The sample file.")
  var sample: String

  func run() throws {
    do {
      let store = try SampleStore(opening: sample)
      print("\(sample): \(try store.count()) respondents")
      for column in try store.columns() { print("  \(column.name): \(column.role.rawValue)") }
    } catch {
      printError("error: \(error)")
      throw ExitCode(66)
    }
  }
}
