import Foundation

/// An interviewer process's hold on the cases it claims (docs/cati.md, "Several interviewers"): a
/// lock file beside the sample, locked with `flock` for as long as the process lives. A claim row
/// names the holder's token; a claim whose holder's lock can be taken is from a process that has
/// died (the kernel released its lock), so it is released, never lost.
public final class Claimant: @unchecked Sendable {
  public let token: String
  let directory: String
  private let descriptor: Int32

  /// Takes a new token's lock in `SAMPLE.claims/`.
  public init(sample: String) throws {
    directory = sample + ".claims"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    token = UUID().uuidString
    descriptor = open(directory + "/" + token, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard descriptor >= 0, flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
      throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: directory])
    }
  }

  deinit {
    unlink(directory + "/" + token)
    close(descriptor)
  }

  /// Whether the process holding `token` is alive: its lock is still held. A dead holder's file is
  /// removed.
  public static func isAlive(_ token: String, sample: String) -> Bool {
    let path = sample + ".claims/" + token
    let fd = open(path, O_RDWR | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    if flock(fd, LOCK_EX | LOCK_NB) == 0 {
      unlink(path)
      return false
    }
    return true
  }
}
