@preconcurrency import Glibc

/// Reads lines from standard input when it is not a terminal (a pipe or a file): prints the
/// prompt, reads a line, no editing or completion.
public struct PlainLineReader: LineReader {
  public init() {}

  public mutating func readLine(prompt: String, completions: [String], history: [String], listSeparator: Character?)
    -> ReadResult
  {
    fputs(prompt, stdout)
    fflush(stdout)
    if Signals.terminate.load(ordering: .relaxed) { return .terminated }
    guard let line = Swift.readLine(strippingNewline: true) else {
      return Signals.terminate.load(ordering: .relaxed) ? .terminated : .endOfInput
    }
    print("")
    return .line(line)
  }
}
