import Glibc

/// A failure of the response file, for the operator: what failed, on which file, why, and what
/// to do.
public enum LogError: Error, Equatable, Sendable, CustomStringConvertible {
  case cannotCreateDirectory(String, errno: Int32)
  case cannotOpen(String, errno: Int32)
  /// Another process has the station's file open.
  case stationBusy(String)
  case cannotRead(String, errno: Int32)
  case writeFailed(String, errno: Int32, unsaved: Unsaved)
  case syncFailed(String, errno: Int32, unsaved: Unsaved)
  /// `--data` was empty.
  case noDirectory
  /// The response file's path is a symbolic link: it is not followed.
  case symbolicLink(String)
  /// The response file's path is not a regular file (a folder, a device, a pipe).
  case notARegularFile(String)
  /// The file holds lines the writer does not fully understand; nothing was written to it.
  case notAppendable(String, reasons: [String])

  /// What a failed write was carrying, so the operator is told exactly what was not saved.
  public enum Unsaved: Equatable, Sendable, CaseIterable {
    // Most important first: a write is named by the most important record it carries.
    case answer, start, resume, end, seal, step

    /// What a write of `payloads` carries, by its most important record.
    public init(_ payloads: [ResponseRecord.Payload]) {
      let carried = payloads.map { payload -> Unsaved in
        switch payload {
        case .answer, .clear: return .answer
        case .start: return .start
        case .resume: return .resume
        case .end: return .end
        case .tornTailSealed: return .seal
        case .order, .questionOrder, .confirm, .language: return .step
        }
      }
      self = Self.allCases.first { carried.contains($0) } ?? .step
    }

    var consequence: String {
      switch self {
      case .answer:
        return
          "The last answer was NOT saved; free disk space or fix the disk, then resume the interview with --resume."
      case .start:
        return "The new case was NOT started (no answer was lost); free disk space or fix the disk, then start again."
      case .resume:
        return
          "The resumption was NOT recorded (no answer was lost); free disk space or fix the disk, then --resume again."
      case .end:
        return
          "The end of the interview was NOT recorded (its answers are saved); free disk space or fix the disk, then --resume and end it."
      case .seal:
        return
          "The line that seals off a record torn by an earlier crash was NOT written (no answer was lost); free disk space or fix the disk, then start enkat again."
      case .step:
        return
          "The last step was NOT saved (the answers before it are); free disk space or fix the disk, then resume with --resume."
      }
    }
  }

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
    case .writeFailed(let path, let e, let unsaved):
      return "could not write to the response file \(path): \(Self.reason(e)). \(unsaved.consequence)"
    case .syncFailed(let path, let e, let unsaved):
      return
        "could not flush the response file \(path) to disk: \(Self.reason(e)). It may not be on disk: \(unsaved.consequence)"
    case .noDirectory:
      return "the data directory is empty: pass --data DIRECTORY (default ./data)."
    case .symbolicLink(let path):
      return
        "the response file \(path) is a symbolic link; enkat does not follow links to response files. Remove the link, or pass another --data directory."
    case .notARegularFile(let path):
      return
        "\(path) is not a regular file, so it cannot be a response file. Move it aside, or pass another --data directory."
    case .notAppendable(let path, let reasons):
      let shown = reasons.prefix(5).map { "  " + $0 }.joined(separator: "\n")
      let more = reasons.count > 5 ? "\n  … and more" : ""
      return """
        the response file \(path) holds lines this station's writer does not fully understand, so nothing was written to it:
        \(shown)\(more)
        enkat appends only to a file it can continue safely (no damaged, repeated, foreign or Windows-converted lines). \
        Move the file aside (enkat replay and the collector still read it and report these lines), then start again; \
        or use another --station.
        """
    }
  }

  static func reason(_ e: Int32) -> String {
    String(cString: strerror(e)) + " (errno \(e))"
  }
}
