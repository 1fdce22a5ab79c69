import Glibc

/// Process-wide terminal set-up for the interviewer.
public enum TerminalSetup {
  /// Makes sure the C library (and so readline) uses UTF-8, so å, ä, ö are read and shown as
  /// characters. readline reads the locale from the environment, so a non-UTF-8 environment is
  /// switched to `C.UTF-8`. Installs the signal handlers. Call once, first thing.
  public static func prepare() {
    setlocale(LC_ALL, "")
    if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" {
      setenv("LC_ALL", "C.UTF-8", 1)
      setlocale(LC_ALL, "C.UTF-8")
    }
    Signals.install()
  }

  /// The terminal's width in columns (80 when standard output is not a terminal).
  public static var columns: Int {
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
  }

  /// Whether both standard input and standard output are terminals (then readline is used).
  public static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

  /// Whether to emphasise text: a terminal that is not `dumb`, and `NO_COLOR` not set.
  public static var allowsEmphasis: Bool {
    guard isatty(STDOUT_FILENO) == 1, getenv("NO_COLOR") == nil else { return false }
    return getenv("TERM").map { String(cString: $0) != "dumb" } ?? false
  }
}
