import ArgumentParser
import EnkatCollector
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
}
