import CDeflate

/// CRC-32 (IEEE 802.3, the one zlib's `crc32()` and Python's `zlib.crc32` compute), by
/// libdeflate's `libdeflate_crc32` (carry-less multiplication where the processor has it), so
/// checking every record of a long file costs little.
public enum CRC32 {
  /// The checksum of `bytes`.
  public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
    if let result = bytes.withContiguousStorageIfAvailable({ libdeflate_crc32(0, $0.baseAddress, $0.count) }) {
      return result
    }
    return Array(bytes).withUnsafeBytes { libdeflate_crc32(0, $0.baseAddress, $0.count) }
  }

  /// The checksum of `bytes` followed by `extra` (a line's body and its closing brace).
  static func checksum(_ bytes: UnsafeRawBufferPointer, then extra: UInt8) -> UInt32 {
    var last = extra
    return libdeflate_crc32(libdeflate_crc32(0, bytes.baseAddress, bytes.count), &last, 1)
  }

  /// Eight lowercase hex digits.
  public static func hex(_ value: UInt32) -> String {
    let s = String(value, radix: 16)
    return String(repeating: "0", count: 8 - s.count) + s
  }
}
