import ArgumentParser

/// The options of a command that interviews at a station: `enkat interview`, `enkat cati`.
struct StationOptions: ParsableArguments {
  @Option(help: "Directory of the response files.")
  var data = "data"

  @Option(
    help:
      "This station's id (letters, digits, - and _); one response file per station. Default: the host name (enkat cati: and the interviewer)."
  )
  var station: String?

  @Option(help: "The interviewer's name or id, recorded with each interview. Default: $USER.")
  var interviewer: String?

  @Option(name: .customLong("lang"), help: "Interview language (one the questionnaire declares). Default: its first.")
  var language: String?

  func validate() throws {
    if let station { try CommandLineChecks.validate(station: station) }
    try CommandLineChecks.validate(data: data)
  }
}
