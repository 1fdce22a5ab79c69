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

  /// `--data` names a directory: not empty, no line breaks or control characters.
  static func validate(data: String) throws {
    guard !data.isEmpty else { throw ValidationError("--data must name a directory (default: data).") }
    guard !data.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
      throw ValidationError("--data may not contain line breaks or other control characters.")
    }
  }

  /// A case id given with `--case`: 1 to 64 letters, digits, - and _, and not another station's
  /// numbering (`OTHER-0012`), which would read as that station's case.
  static func validate(caseID: String, station: String) throws {
    guard caseID.range(of: #"^[A-Za-z0-9_-]{1,64}$"#, options: .regularExpression) != nil else {
      throw ValidationError(
        "--case must be 1 to 64 letters, digits, - and _ (no spaces, line breaks or other characters).")
    }
    if let dash = caseID.lastIndex(of: "-"), caseID[caseID.index(after: dash)...].allSatisfy(\.isNumber),
      caseID.index(after: dash) != caseID.endIndex, caseID[..<dash] != station
    {
      throw ValidationError(
        "--case \(caseID) looks like case \(caseID[caseID.index(after: dash)...]) of station \(caseID[..<dash]), but this is station \(station). Case ids numbered STATION-N belong to their station; choose another id."
      )
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
