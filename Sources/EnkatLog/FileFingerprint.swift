import Glibc

/// What tells a file that grew (appended to) from one that changed: the CRC-32 of its first and
/// last 4 KiB before a length. The station index and the collector keep these for where they
/// stopped reading.
public enum FileFingerprint {
  public static let window = 4096

  /// The checksums of the first and last `window` bytes before `length` of the open file `fd`
  /// (nil when the file is shorter).
  public static func checksums(fd: Int32, length: Int) -> (head: UInt32, tail: UInt32)? {
    func crc(at offset: Int, count: Int) -> UInt32? {
      var buffer = [UInt8](repeating: 0, count: count)
      let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(offset)) }
      return n == count ? CRC32.checksum(buffer) : nil
    }
    let count = min(window, length)
    guard let head = crc(at: 0, count: count), let tail = crc(at: length - count, count: count) else { return nil }
    return (head, tail)
  }
}
