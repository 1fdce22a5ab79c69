import Glibc

/// The durable append-only file both the response log and the CATI call files are written
/// through: opened `O_APPEND` (never a link, always a regular file) and locked with an exclusive
/// `flock` (one writer per file); each append is whole `write`s followed by `fdatasync`, and is
/// acknowledged only when both succeeded.
public enum DurableFile {
  /// Why a file could not be opened for appending.
  public enum OpenFailure: Error, Equatable {
    case symbolicLink
    case notARegularFile
    case cannotOpen(errno: Int32)
    /// Another process holds the lock.
    case busy
  }

  /// Why an append was not acknowledged: `written` bytes reached the file before `write` failed,
  /// or all of them did and the sync failed.
  public enum AppendFailure: Error, Equatable {
    case write(errno: Int32, written: Int)
    case sync(errno: Int32)
  }

  /// Opens (creating when needed, mode 0600) and locks `path`; its descriptor and size.
  public static func openLocked(_ path: String) -> Result<(fd: Int32, size: Int), OpenFailure> {
    let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      switch errno {
      case ELOOP: return .failure(.symbolicLink)
      case EISDIR: return .failure(.notARegularFile)
      case let e: return .failure(.cannotOpen(errno: e))
      }
    }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
      close(fd)
      return .failure(.notARegularFile)
    }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
      close(fd)
      return .failure(.busy)
    }
    return .success((fd, Int(info.st_size)))
  }

  /// Writes all of `bytes` at the end of the file and syncs them; nil when they are on disk.
  public static func append(_ bytes: [UInt8], to fd: Int32) -> AppendFailure? {
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
      if n < 0 {
        if errno == EINTR { continue }
        return .write(errno: errno, written: offset)
      }
      offset += n
    }
    while fdatasync(fd) != 0 {
      if errno == EINTR { continue }
      if errno == EINVAL { break }  // not a regular file (a device or pipe): nothing to flush
      return .sync(errno: errno)
    }
    return nil
  }
}
