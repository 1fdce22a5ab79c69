import ArgumentParser
import EnkatModel
import Foundation

/// Checks of options that several commands share.
enum CommandLineChecks {
  /// A station id names a file: letters, digits, - and _, at most 64.
  static func validate(station: String) throws {
    guard station.range(of: #"^[A-Za-z0-9_-]{1,64}$"#, options: .regularExpression) != nil else {
      throw ValidationError("--station '\(station)' may only hold letters, digits, - and _ (at most 64).")
    }
  }

  /// The interview language: the one asked for, which the questionnaire must declare, or its first.
  static func language(_ requested: String?, of questionnaire: Questionnaire) throws -> String {
    let language = requested ?? questionnaire.languages[0]
    guard questionnaire.languages.contains(language) else {
      printError(
        "--lang \(language): the questionnaire's languages are \(questionnaire.languages.joined(separator: ", ")).")
      throw ExitCode(1)
    }
    return language
  }
}
