import EnkatExpressions

/// The record time format, `2019-10-01T08:05:00.000Z` (UTC, milliseconds), as milliseconds since
/// 1970 and back. Anything not exactly in that form is kept as text by the history codec.
public enum Timestamp {
  public static func milliseconds(_ text: String) -> Int? {
    var copy = text
    return copy.withUTF8 { milliseconds(bytes: $0) }
  }

  /// The milliseconds of a time given as its UTF-8 bytes.
  public static func milliseconds(bytes b: UnsafeBufferPointer<UInt8>) -> Int? {
    guard b.count == 24, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x2E,
      b[23] == 0x5A
    else { return nil }
    func digits(_ from: Int, _ count: Int) -> Int? {
      var v = 0
      for k in from..<from + count {
        let d = Int(b[k]) - 48
        guard d >= 0, d <= 9 else { return nil }
        v = v * 10 + d
      }
      return v
    }
    guard let y = digits(0, 4), let mo = digits(5, 2), let d = digits(8, 2), let h = digits(11, 2),
      let mi = digits(14, 2), let s = digits(17, 2), let ms = digits(20, 3), h < 24, mi < 60, s < 60,
      let day = CalendarDay.number(year: y, month: mo, day: d)
    else { return nil }
    // Only a day that exists (no 31 February): such a time formats back to the same text.
    return ((day * 24 + h) * 60 + mi) * 60_000 + s * 1000 + ms
  }

  /// Reads times in a row, remembering the last day: records of one station come a day at a
  /// time, so its calendar arithmetic is done once a day rather than once a record.
  public struct Reader {
    private var lastDate: (UInt64, UInt16) = (0, 0)
    private var lastDay: Int?
    /// The last time read, whole (its 24 bytes as three words), and its value: records written
    /// within the same millisecond repeat it.
    private var lastTime: (UInt64, UInt64, UInt64) = (0, 0, 0)
    private var lastMillis: Int?

    public init() {}

    /// The same as `Timestamp.milliseconds(bytes:)`.
    public mutating func milliseconds(bytes b: UnsafeBufferPointer<UInt8>) -> Int? {
      guard b.count == 24, let base = b.baseAddress else { return nil }
      let raw = UnsafeRawPointer(base)
      let whole = (
        raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
        raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
      )
      if let lastMillis, whole == lastTime { return lastMillis }
      let millis = read(b, raw)
      if let millis {
        lastTime = whole
        lastMillis = millis
      }
      return millis
    }

    private mutating func read(_ b: UnsafeBufferPointer<UInt8>, _ raw: UnsafeRawPointer) -> Int? {
      let date = (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
      guard let day = lastDay, date == lastDate else {
        let millis = Timestamp.milliseconds(bytes: b)
        if let millis {
          lastDate = date
          lastDay = (millis - ((millis % 86_400_000) + 86_400_000) % 86_400_000) / 86_400_000
        }
        return millis
      }
      guard b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x2E, b[23] == 0x5A else { return nil }
      func digits(_ from: Int, _ count: Int) -> Int? {
        var v = 0
        for k in from..<from + count {
          let d = b[k] &- 48
          guard d <= 9 else { return nil }
          v = v &* 10 &+ Int(d)
        }
        return v
      }
      guard let h = digits(11, 2), let mi = digits(14, 2), let s = digits(17, 2), let ms = digits(20, 3), h < 24,
        mi < 60, s < 60
      else { return nil }
      return ((day * 24 + h) * 60 + mi) * 60_000 + s * 1000 + ms
    }
  }

  public static func format(_ millis: Int) -> String {
    let ms = ((millis % 86_400_000) + 86_400_000) % 86_400_000
    let day = (millis - ms) / 86_400_000
    let (y, m, d) = CalendarDay.components(day)
    guard (0...9999).contains(y) else {
      func pad(_ v: Int, _ n: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, n - s.count)) + s
      }
      return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(ms / 3_600_000, 2)):\(pad(ms / 60_000 % 60, 2)):"
        + "\(pad(ms / 1000 % 60, 2)).\(pad(ms % 1000, 3))Z"
    }
    // The usual years, digit by digit into the 24 bytes (an interpolated string cost a
    // collect about a microsecond a case).
    return String(unsafeUninitializedCapacity: 24) { b in
      func put(_ v: Int, _ at: Int, _ n: Int) {
        var v = v
        for k in stride(from: at + n - 1, through: at, by: -1) {
          b[k] = UInt8(48 + v % 10)
          v /= 10
        }
      }
      put(y, 0, 4)
      b[4] = 0x2D
      put(m, 5, 2)
      b[7] = 0x2D
      put(d, 8, 2)
      b[10] = 0x54
      put(ms / 3_600_000, 11, 2)
      b[13] = 0x3A
      put(ms / 60_000 % 60, 14, 2)
      b[16] = 0x3A
      put(ms / 1000 % 60, 17, 2)
      b[19] = 0x2E
      put(ms % 1000, 20, 3)
      b[23] = 0x5A
      return 24
    }
  }
}
