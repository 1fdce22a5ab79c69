import Foundation
import Glibc

/// Runs shell commands from tests.
public enum Shell {
  /// The result of a command: its exit status and what it printed (stdout and stderr).
  public struct Output: Sendable {
    public var status: Int32
    public var text: String
  }

  /// Runs `command` with /bin/sh, standard error merged into the output.
  public static func run(_ command: String) throws -> Output {
    guard let pipe = popen(command + " 2>&1", "r") else { throw ShellError.cannotStart(command) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = fread(&buffer, 1, buffer.count, pipe)
      if n > 0 { bytes.append(contentsOf: buffer[0..<n]) }
      if n < buffer.count { break }
    }
    return Output(status: exitCode(fromWaitStatus: pclose(pipe)), text: String(decoding: bytes, as: UTF8.self))
  }

  /// The exit code in a `waitpid` status, or 128 + the signal that ended the process
  /// (`WIFEXITED` and `WEXITSTATUS` are macros that do not import into Swift).
  public static func exitCode(fromWaitStatus status: Int32) -> Int32 {
    (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
  }

  /// Quotes `s` for the shell.
  public static func quote(_ s: String) -> String {
    "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}

/// A command that could not be started.
public enum ShellError: Error {
  case cannotStart(String)
}
