import Glibc

/// Where an export goes: standard output, or a file written as `NAME.partial` and renamed to its
/// name only when complete, through a large buffer (a few hundred writes for a big table).
final class ExportOutput {
  let path: String
  private let fd: Int32
  private var buffer: [UInt8] = []
  private var failed: Int32 = 0

  /// Opens `path` (`-` is standard output).
  init(_ path: String) throws(ExportOutputError) {
    self.path = path
    if path == "-" {
      fd = STDOUT_FILENO
    } else {
      fd = open(path + ".partial", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
      guard fd >= 0 else { throw ExportOutputError(path: path, reason: String(cString: strerror(errno))) }
    }
    buffer.reserveCapacity(1 << 20)
  }

  func append(_ bytes: some Sequence<UInt8>) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 20 { flush() }
  }

  func append(_ text: String) {
    var copy = text
    copy.withUTF8 { append($0) }
  }

  private func flush() {
    var offset = 0
    while offset < buffer.count && failed == 0 {
      let n = buffer.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
      if n < 0 {
        if errno != EINTR { failed = errno }
      } else {
        offset += n
      }
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Writes what is left and gives the file its name; on any failure removes it.
  func finish() throws(ExportOutputError) {
    flush()
    guard path != "-" else { return }
    if failed == 0, fsync(fd) != 0 { failed = errno }
    close(fd)
    if failed == 0, rename(path + ".partial", path) != 0 { failed = errno }
    if failed != 0 {
      unlink(path + ".partial")
      throw ExportOutputError(path: path, reason: String(cString: strerror(failed)))
    }
  }

  /// Removes the partial file after an error elsewhere.
  func abandon() {
    guard path != "-" else { return }
    close(fd)
    unlink(path + ".partial")
  }
}

/// An export that could not be written.
struct ExportOutputError: Error, CustomStringConvertible {
  var path: String
  var reason: String
  var description: String { "cannot write \(path): \(reason)" }
}
