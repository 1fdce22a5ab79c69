import EnkatModel
@preconcurrency import Glibc

/// Reads a questionnaire file from disk and loads it.
enum QuestionnaireFile {
  /// The loaded outcome, or an error message when the file cannot be read at all.
  static func load(_ path: String) -> Result<QuestionnaireLoader.Outcome, FileReadError> {
    guard let file = fopen(path, "rb") else { return .failure(FileReadError(path: path, errno: errno)) }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = fread(&buffer, 1, buffer.count, file)
      if n > 0 { bytes.append(contentsOf: buffer[0..<n]) }
      if n < buffer.count {
        if ferror(file) != 0 { return .failure(FileReadError(path: path, errno: errno)) }
        break
      }
    }
    return .success(QuestionnaireLoader.load(bytes, file: path))
  }
}

/// A questionnaire file that could not be read.
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
