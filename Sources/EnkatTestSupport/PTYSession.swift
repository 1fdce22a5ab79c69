import Glibc

/// Runs a program on a fresh pseudo-terminal, as a person at a terminal would: the program gets
/// the pty as its controlling terminal, so Ctrl-C written to it really raises SIGINT.
public final class PTYSession {
  /// A failure while driving the program; `timeout` carries what the screen showed.
  public enum Failure: Error, CustomStringConvertible {
    case system(String, Int32)
    case timeout(String, sawSoFar: String)

    public var description: String {
      switch self {
      case .system(let call, let e): return "\(call) failed: errno \(e)"
      case .timeout(let needle, let seen):
        // The end of the screen is what matters; control characters are shown, not sent to the
        // test log (where they can swallow the whole message).
        let screen = String(PTYSession.stripANSI(seen).suffix(2000)).unicodeScalars.map { c -> String in
          c == "\n" || c.properties.generalCategory != .control ? String(c) : "^" + String(c.value, radix: 16)
        }.joined()
        return "timed out waiting for \(needle.debugDescription); the screen ended with:\n\(screen)"
      }
    }
  }

  public let pid: pid_t
  public let master: Int32
  private(set) var bytes: [UInt8] = []
  private var cursor = 0
  public private(set) var exitStatus: Int32?
  private var hungUp = false

  /// Starts `path` with `arguments`; `environment` replaces the parent's entirely.
  public init(
    _ path: String, _ arguments: [String] = [], environment: [String] = PTYSession.defaultEnvironment,
    columns: UInt16 = 100, rows: UInt16 = 40
  ) throws {
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup($0) } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
    let m = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
    if m < 0 { throw Failure.system("open /dev/ptmx", errno) }
    let TIOCGPTN: UInt = 0x8004_5430
    let TIOCSPTLCK: UInt = 0x4004_5431
    var unlock: Int32 = 0
    var number: UInt32 = 0
    guard ioctl(m, TIOCSPTLCK, &unlock) == 0, ioctl(m, TIOCGPTN, &number) == 0,
      ioctl(m, UInt(TIOCSWINSZ), &size) == 0
    else {
      close(m)
      throw Failure.system("pty ioctl", errno)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/pts/\(number)", O_RDWR, 0)
    posix_spawn_file_actions_adddup2(&actions, 0, 1)
    posix_spawn_file_actions_adddup2(&actions, 0, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var mask = sigset_t()
    sigemptyset(&mask)
    posix_spawnattr_setsigmask(&attributes, &mask)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for s in [SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGWINCH, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU] {
      sigaddset(&defaults, s)
    }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    let POSIX_SPAWN_SETSID: Int32 = 0x80
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var child: pid_t = 0
    let rc = posix_spawn(&child, path, &actions, &attributes, argv, envp)
    if rc != 0 {
      close(m)
      throw Failure.system("posix_spawn \(path)", rc)
    }
    master = m
    pid = child
  }

  /// `TERM=dumb` (no cursor movement), UTF-8, no user readline configuration.
  public static let defaultEnvironment = [
    "TERM=dumb", "LANG=C.UTF-8", "INPUTRC=/dev/null", "HOME=/tmp", "PATH=/usr/bin:/bin", "USER=tester",
  ]

  deinit {
    if exitStatus == nil {
      Glibc.kill(pid, SIGKILL)
      var status: Int32 = 0
      waitpid(pid, &status, 0)
    }
    if !hungUp { close(master) }
  }

  /// Closes the terminal, as when its window is closed: the kernel hangs up the program's
  /// controlling terminal (SIGHUP). Returns the exit code, or 128 + signal.
  public func hangUp(timeout: Double = 20) throws -> Int32 {
    close(master)
    hungUp = true
    return try reap(by: Self.now() + timeout, waitingFor: "<exit after hang-up>")
  }

  private func reap(by deadline: Double, waitingFor what: String) throws -> Int32 {
    var status: Int32 = 0
    while waitpid(pid, &status, WNOHANG) == 0 {
      if Self.now() > deadline { throw Failure.timeout(what, sawSoFar: text) }
      usleep(10_000)
    }
    let code = Shell.exitCode(fromWaitStatus: status)
    exitStatus = code
    return code
  }

  /// Types keys: "\t" TAB, "\r" Enter, "\u{03}" Ctrl-C, "\u{04}" Ctrl-D, "\u{1b}[A" Up.
  public func send(_ keys: String) {
    let data = Array(keys.utf8)
    var offset = 0
    while offset < data.count {
      let n = data.withUnsafeBytes { write(master, $0.baseAddress! + offset, $0.count - offset) }
      if n < 0 {
        if errno == EINTR { continue }
        return
      }
      offset += n
    }
  }

  @discardableResult
  private func pump(ms: Int32) -> Bool {
    var fd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
    guard poll(&fd, 1, ms) > 0 else { return true }
    var buffer = [UInt8](repeating: 0, count: 4096)
    let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
    if n <= 0 { return false }
    bytes.append(contentsOf: buffer[0..<n])
    return true
  }

  /// Waits until `needle` appears after the previous match; returns the text up to it.
  @discardableResult
  public func expect(_ needle: String, timeout: Double = 10) throws -> String {
    let deadline = Self.now() + timeout
    let pattern = Array(needle.utf8)
    while true {
      if let range = Self.find(pattern, in: bytes, from: cursor) {
        let seen = String(decoding: bytes[cursor..<range.upperBound], as: UTF8.self)
        cursor = range.upperBound
        return seen
      }
      if Self.now() > deadline || (!pump(ms: 50) && Self.find(pattern, in: bytes, from: cursor) == nil) {
        throw Failure.timeout(needle, sawSoFar: text)
      }
    }
  }

  /// Waits until one of `needles` appears after the previous match; returns the one that appears
  /// first.
  public func expectAny(_ needles: [String], timeout: Double = 10) throws -> String {
    let deadline = Self.now() + timeout
    let patterns = needles.map { Array($0.utf8) }
    while true {
      let found = zip(needles, patterns).compactMap { needle, pattern in
        Self.find(pattern, in: bytes, from: cursor).map { (needle, $0) }
      }
      if let first = found.min(by: { $0.1.lowerBound < $1.1.lowerBound }) {
        cursor = first.1.upperBound
        return first.0
      }
      if Self.now() > deadline || !pump(ms: 50) {
        throw Failure.timeout(needles.joined(separator: " | "), sawSoFar: text)
      }
    }
  }

  /// Reads until the program exits, then reaps it; returns its exit code, or 128 + signal.
  public func waitExit(timeout: Double = 20) throws -> Int32 {
    let deadline = Self.now() + timeout
    while pump(ms: 50), Self.now() < deadline {}
    return try reap(by: deadline, waitingFor: "<exit>")
  }

  /// Kills the program with `signal` and reaps it.
  public func kill(signal: Int32) throws -> Int32 {
    Glibc.kill(pid, signal)
    return try waitExit()
  }

  /// Everything the program printed.
  public var text: String { String(decoding: bytes, as: UTF8.self) }
  /// The output without escape sequences and carriage returns.
  public var plainText: String { Self.stripANSI(text) }

  public static func stripANSI(_ s: String) -> String {
    var out = ""
    var it = s.unicodeScalars.makeIterator()
    while let c = it.next() {
      if c == "\u{1b}" {
        guard let n = it.next() else { break }
        if n == "[" {
          while let d = it.next(), !(0x40...0x7e).contains(d.value) {}
        } else if n == "]" {
          while let d = it.next(), d != "\u{07}" {}
        }
      } else if c != "\r" {
        out.unicodeScalars.append(c)
      }
    }
    return out
  }

  private static func find(_ pattern: [UInt8], in bytes: [UInt8], from: Int) -> Range<Int>? {
    guard !pattern.isEmpty, bytes.count - from >= pattern.count else { return nil }
    for i in from...(bytes.count - pattern.count)
    where bytes[i] == pattern[0] && Array(bytes[i..<i + pattern.count]) == pattern {
      return i..<i + pattern.count
    }
    return nil
  }

  private static func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }
}
