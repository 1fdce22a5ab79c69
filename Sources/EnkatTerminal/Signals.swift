import Glibc
import Synchronization

/// Signal flags for the interviewer loop. Handlers only set an atomic flag and write one byte to a
/// self-pipe (async-signal-safe), so a `poll()` loop never misses a signal that lands just before
/// it blocks.
enum Signals {
  static let interrupt = Atomic<Bool>(false)
  static let resize = Atomic<Bool>(false)
  static let terminate = Atomic<Bool>(false)
  static let wakeRead = Atomic<Int32>(-1)
  static let wakeWrite = Atomic<Int32>(-1)

  /// Installs the handlers for SIGINT, SIGWINCH, SIGTERM and SIGHUP. Call once, before reading.
  static func install() {
    var fds: [Int32] = [-1, -1]
    _ = pipe(&fds)
    for fd in fds {
      _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
      _ = fcntl(fd, F_SETFL, O_NONBLOCK)
    }
    // Touch every static now, so no lazy initialisation ever runs inside a handler.
    wakeRead.store(fds[0], ordering: .relaxed)
    wakeWrite.store(fds[1], ordering: .relaxed)
    _ = interrupt.load(ordering: .relaxed)
    _ = resize.load(ordering: .relaxed)
    _ = terminate.load(ordering: .relaxed)
    set(SIGINT) { _ in
      Signals.interrupt.store(true, ordering: .relaxed); Signals.wake()
    }
    set(SIGWINCH) { _ in
      Signals.resize.store(true, ordering: .relaxed); Signals.wake()
    }
    set(SIGTERM) { _ in
      Signals.terminate.store(true, ordering: .relaxed); Signals.wake()
    }
    set(SIGHUP) { _ in
      Signals.terminate.store(true, ordering: .relaxed); Signals.wake()
    }
    signal(SIGPIPE, SIG_IGN)
    // A file-size limit (ulimit -f) then fails the write with EFBIG, reported like a full disk,
    // instead of killing the process mid-write.
    signal(SIGXFSZ, SIG_IGN)
  }

  static func wake() {
    let saved = errno
    var b: UInt8 = 1
    _ = write(wakeWrite.load(ordering: .relaxed), &b, 1)
    errno = saved
  }

  static func drain() {
    var buffer = [UInt8](repeating: 0, count: 64)
    while buffer.withUnsafeMutableBytes({ read(wakeRead.load(ordering: .relaxed), $0.baseAddress, 64) }) > 0 {}
  }

  private static func set(_ signal: Int32, _ handler: @convention(c) (Int32) -> Void) {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = handler
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0  // no SA_RESTART: blocking calls return EINTR
    sigaction(signal, &action, nil)
  }
}
