import Glibc

/// A failure of the response file, for the operator: what failed, on which file, why, and what
/// to do.
public enum LogError: Error, Equatable, Sendable, CustomStringConvertible {
  case cannotCreateDirectory(String, errno: Int32)
  case cannotOpen(String, errno: Int32)
  /// Another process has the station's file open.
  case stationBusy(String)
  case cannotRead(String, errno: Int32)
  case writeFailed(String, errno: Int32)
  case syncFailed(String, errno: Int32)

  public var description: String {
    switch self {
    case .cannotCreateDirectory(let path, let e):
      return
        "cannot create the data directory \(path): \(Self.reason(e)). Check the path and its permissions, or pass another --data directory."
    case .cannotOpen(let path, let e):
      return
        "cannot open the response file \(path): \(Self.reason(e)). Check its permissions and that the disk is mounted."
    case .stationBusy(let path):
      return
        "the response file \(path) is in use by another enkat process. Each station writes with one process at a time: finish the other interview, or use another --station."
    case .cannotRead(let path, let e):
      return "cannot read the response file \(path): \(Self.reason(e))."
    case .writeFailed(let path, let e):
      return
        "could not write to the response file \(path): \(Self.reason(e)). The last answer was NOT saved; free disk space or fix the disk, then resume the interview with --resume."
    case .syncFailed(let path, let e):
      return
        "could not flush the response file \(path) to disk: \(Self.reason(e)). The last answer may not be saved; check the disk, then resume with --resume."
    }
  }

  static func reason(_ e: Int32) -> String {
    String(cString: strerror(e)) + " (errno \(e))"
  }
}
