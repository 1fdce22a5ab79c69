import ArgumentParser
import EnkatCollector
import EnkatModel
import Foundation

/// Opening a store that must already exist, for the commands that read one.
enum StoreFile {
  /// The store at `path`; prints what is wrong and exits 1 (no store) or 74 (cannot open, in use).
  static func openExisting(_ path: String) throws -> Store {
    guard FileManager.default.fileExists(atPath: path) else {
      printError("error: there is no store at \(path). Make one with: enkat collect FILES --into \(path)")
      throw ExitCode(1)
    }
    do { return try Store(path: path) } catch {
      printError("error: \(error)")
      throw ExitCode(74)
    }
  }

  /// The questionnaire version a command reads from `store` (at `path`): the file given with
  /// `--questionnaire`, else the latest definition the store keeps when it keeps one
  /// questionnaire's; prints what is wrong and exits 1 (none kept) or 64 (several).
  static func questionnaire(_ file: String?, in store: Store, path: String) throws -> Questionnaire {
    if let file { return try QuestionnaireFile.loadValid(file) }
    let definitions = try store.definitions()
    let ids = Set(definitions.map(\.questionnaire.id))
    guard let latest = definitions.last?.questionnaire else {
      printError(
        "error: the store \(path) keeps no questionnaire definition; give one with --questionnaire FILE (or collect with it)"
      )
      throw ExitCode(1)
    }
    guard ids.count == 1 else {
      printError(
        "error: the store \(path) keeps several questionnaires (\(ids.sorted().joined(separator: ", "))); choose one with --questionnaire FILE"
      )
      throw ExitCode(64)
    }
    return latest
  }
}
