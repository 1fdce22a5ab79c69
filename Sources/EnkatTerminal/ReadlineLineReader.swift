@preconcurrency import CReadline
@preconcurrency import Glibc
import Synchronization

/// GNU readline through its callback API: line editing, per-question history, TAB completion of
/// option labels, and Ctrl-C, SIGTERM, SIGHUP and window resizes handled between keystrokes.
///
/// readline calls back into C function pointers that cannot capture context, so the completion
/// candidates and the finished line pass through `Mutex`-guarded globals; readline only calls
/// back on the thread that drives it.
public struct ReadlineLineReader: LineReader {
  public init() {
    rl_readline_name = ReadlineState.programName
    rl_attempted_completion_function = attemptedCompletion
    rl_basic_word_break_characters = ReadlineState.noBreaks
    rl_completer_word_break_characters = ReadlineState.noBreaks
    rl_catch_sigwinch = 0
  }

  public mutating func readLine(prompt: String, completions: [String], history: [String], listSeparator: Character?)
    -> ReadResult
  {
    completion.withLock {
      $0.options = completions
      $0.listMode = listSeparator != nil
    }
    rl_completer_word_break_characters = listSeparator == nil ? ReadlineState.noBreaks : ReadlineState.commaBreaks
    clear_history()
    for entry in history { add_history(entry) }
    finishedLine.withLock { $0 = nil }
    rl_callback_handler_install(prompt, lineHandler)
    while true {
      if Signals.interrupt.exchange(false, ordering: .relaxed) { return abandon(.interrupted) }
      if Signals.terminate.load(ordering: .relaxed) { return abandon(.terminated) }
      if Signals.resize.exchange(false, ordering: .relaxed) { rl_resize_terminal() }
      var fds = [
        pollfd(fd: rl_instream.map(fileno) ?? STDIN_FILENO, events: Int16(POLLIN), revents: 0),
        pollfd(fd: Signals.wakeRead.load(ordering: .relaxed), events: Int16(POLLIN), revents: 0),
      ]
      let ready = poll(&fds, 2, -1)
      if ready < 0 {
        if errno == EINTR { continue }
        return abandon(.terminated)
      }
      if fds[1].revents != 0 {
        Signals.drain()
        continue
      }
      if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
        return abandon(.terminated)  // the terminal was closed: a hang-up, whatever is left unread
      }
      rl_callback_read_char()
      if let done = finishedLine.withLock({ $0 }) { return done }
    }
  }

  /// Cleans up after an interrupted line, as CPython's readline module does.
  private func abandon(_ result: ReadResult) -> ReadResult {
    rl_point = rl_end
    rl_redisplay()
    if result == .interrupted { fputs("^C", rl_outstream) }
    rl_free_line_state()
    rl_callback_sigcleanup()
    rl_cleanup_after_signal()
    rl_callback_handler_remove()
    fputs("\n", rl_outstream)
    fflush(rl_outstream)
    return result
  }
}

private struct CompletionState: ~Copyable {
  var options: [String] = []
  var listMode = false
  var matches: [String] = []
  var next = 0
}

private let completion = Mutex(CompletionState())
private let finishedLine = Mutex<ReadResult?>(nil)

private enum ReadlineState {
  nonisolated(unsafe) static let programName = UnsafePointer(strdup("enkat")!)
  nonisolated(unsafe) static let noBreaks = UnsafePointer(strdup("")!)
  nonisolated(unsafe) static let commaBreaks = UnsafePointer(strdup(",")!)
}

private let lineHandler: @convention(c) (UnsafeMutablePointer<CChar>?) -> Void = { pointer in
  rl_callback_handler_remove()
  if let pointer {
    finishedLine.withLock { $0 = .line(String(cString: pointer)) }
    free(pointer)
  } else {
    finishedLine.withLock { $0 = .endOfInput }
  }
}

private let generator: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { text, state in
  completion.withLock { st in
    if state == 0 {
      var typed = String(cString: text!)
      if st.listMode { typed = String(typed.drop { $0 == " " }) }
      let lower = typed.lowercased()
      st.matches = st.options.filter { $0.lowercased().hasPrefix(lower) }
      st.next = 0
    }
    guard st.next < st.matches.count else { return nil }
    defer { st.next += 1 }
    return strdup(st.matches[st.next])
  }
}

private let attemptedCompletion:
  @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = {
    text, _, _ in
    rl_attempted_completion_over = 1
    rl_completion_append_character = 0
    return rl_completion_matches(text, generator)
  }
