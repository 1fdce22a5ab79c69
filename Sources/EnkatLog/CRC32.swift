/// CRC-32 (IEEE 802.3, the one zlib's `crc32()` and Python's `zlib.crc32` compute), eight bytes
/// at a time ("slicing by 8"), so checking every record of a long file costs little.
public enum CRC32 {
  /// `tables[k][b]`: the CRC of byte `b` followed by `k` zero bytes.
  private static let tables: [[UInt32]] = {
    var first = [UInt32](repeating: 0, count: 256)
    for n in 0..<256 {
      var c = UInt32(n)
      for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
      first[n] = c
    }
    var all = [first]
    for k in 1..<8 {
      all.append((0..<256).map { n in (all[k - 1][n] >> 8) ^ first[Int(all[k - 1][n] & 0xFF)] })
    }
    return all
  }()
  /// The eight tables in one array, table k at `k * 256`.
  private static let flat: [UInt32] = tables.flatMap { $0 }

  /// The checksum of `bytes`.
  public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
    if let result = bytes.withContiguousStorageIfAvailable({ update(0xFFFF_FFFF, UnsafeRawBufferPointer($0)) }) {
      return result ^ 0xFFFF_FFFF
    }
    return Array(bytes).withUnsafeBytes { update(0xFFFF_FFFF, $0) } ^ 0xFFFF_FFFF
  }

  /// The checksum of `bytes` followed by `extra` (a line's body and its closing brace).
  static func checksum(_ bytes: UnsafeRawBufferPointer, then extra: UInt8) -> UInt32 {
    let crc = update(0xFFFF_FFFF, bytes)
    return flat.withUnsafeBufferPointer { t in (crc >> 8) ^ t[Int((crc ^ UInt32(extra)) & 0xFF)] } ^ 0xFFFF_FFFF
  }

  /// Runs the (pre-inverted) register `crc` over `bytes`.
  private static func update(_ start: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
    flat.withUnsafeBufferPointer { t in
      var crc = start
      var i = 0
      let n = bytes.count
      while i + 8 <= n {
        let a =
          crc ^ (UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24)
        let b =
          UInt32(bytes[i + 4]) | UInt32(bytes[i + 5]) << 8 | UInt32(bytes[i + 6]) << 16 | UInt32(bytes[i + 7]) << 24
        crc =
          t[7 * 256 + Int(a & 0xFF)] ^ t[6 * 256 + Int((a >> 8) & 0xFF)] ^ t[5 * 256 + Int((a >> 16) & 0xFF)]
          ^ t[4 * 256 + Int(a >> 24)] ^ t[3 * 256 + Int(b & 0xFF)] ^ t[2 * 256 + Int((b >> 8) & 0xFF)]
          ^ t[256 + Int((b >> 16) & 0xFF)] ^ t[Int(b >> 24)]
        i += 8
      }
      while i < n {
        crc = (crc >> 8) ^ t[Int((crc ^ UInt32(bytes[i])) & 0xFF)]
        i += 1
      }
      return crc
    }
  }

  /// Eight lowercase hex digits.
  public static func hex(_ value: UInt32) -> String {
    let s = String(value, radix: 16)
    return String(repeating: "0", count: 8 - s.count) + s
  }
}
