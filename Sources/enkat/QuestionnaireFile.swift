import ArgumentParser
import EnkatModel
@preconcurrency import Glibc

/// Reads questionnaire (and profile) files from disk for the commands.
enum QuestionnaireFile {
  /// The bytes of a file.
  static func read(_ path: String) -> Result<[UInt8], FileReadError> {
    guard let file = fopen(path, "rb") else { return .failure(FileReadError(path: path, errno: errno)) }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = fread(&buffer, 1, buffer.count, file)
      bytes.append(contentsOf: buffer[0..<n])
      if n < buffer.count {
        if ferror(file) != 0 { return .failure(FileReadError(path: path, errno: errno)) }
        return .success(bytes)
      }
    }
  }

  /// The loaded outcome, or the error when the file cannot be read at all.
  static func load(_ path: String) -> Result<QuestionnaireLoader.Outcome, FileReadError> {
    read(path).map { QuestionnaireLoader.load($0, file: path) }
  }

  /// The bytes of a file, or the error on standard error and exit status 1.
  static func bytes(_ path: String) throws -> [UInt8] {
    switch read(path) {
    case .success(let bytes): return bytes
    case .failure(let error):
      printError(error.description)
      throw ExitCode(1)
    }
  }

  /// A questionnaire without errors, or its diagnostics on standard error and exit status 1.
  static func loadValid(_ path: String) throws -> Questionnaire {
    try loadValidOutcome(path).questionnaire!
  }

  /// The outcome of loading a questionnaire without errors (its questionnaire is set).
  static func loadValidOutcome(_ path: String) throws -> QuestionnaireLoader.Outcome {
    let outcome = QuestionnaireLoader.load(try bytes(path), file: path)
    guard outcome.questionnaire != nil else {
      for d in outcome.diagnostics { printError(d.rendered(source: outcome.source)) }
      printError("\(path): the questionnaire has errors (run: enkat check \(path)).")
      throw ExitCode(1)
    }
    return outcome
  }
}

/// A file that could not be read.
struct FileReadError: Error, CustomStringConvertible {
  var path: String
  var errno: Int32
  var description: String {
    "\(path): error: cannot read the file: \(String(cString: strerror(errno))). Check the path."
  }
}

/// Writes to standard error.
func printError(_ text: String) {
  fputs(text + "\n", stderr)
}
