/// The result of reading one line from the interviewer.
public enum ReadResult: Equatable, Sendable {
  case line(String)
  /// Ctrl-D on an empty line, or the end of piped input.
  case endOfInput
  /// Ctrl-C: the line being typed is discarded.
  case interrupted
  /// SIGTERM or SIGHUP (a closed terminal): the interview must stop now.
  case terminated
}

/// Where the interviewer loop gets its lines: readline on a terminal, plain lines from a pipe, or
/// a script in tests.
public protocol LineReader {
  /// Reads one line. `completions` are what TAB completes; `history` is this question's earlier
  /// entries (Up arrow); `listSeparator`, when set, makes completion work per list item.
  mutating func readLine(prompt: String, completions: [String], history: [String], listSeparator: Character?)
    -> ReadResult
}
