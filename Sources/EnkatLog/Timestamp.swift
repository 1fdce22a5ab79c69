import EnkatModel

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
      let mi = digits(14, 2), let s = digits(17, 2), let ms = digits(20, 3), (1...12).contains(mo),
      d >= 1, d <= daysInMonth(y, mo), h < 24, mi < 60, s < 60
    else { return nil }
    // Only a day that exists (no 31 February): such a time formats back to the same text.
    return ((days(y, mo, d) * 24 + h) * 60 + mi) * 60_000 + s * 1000 + ms
  }

  public static func format(_ millis: Int) -> String {
    let ms = ((millis % 86_400_000) + 86_400_000) % 86_400_000
    let day = (millis - ms) / 86_400_000
    let (y, m, d) = civil(day)
    func pad(_ v: Int, _ n: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, n - s.count)) + s
    }
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(ms / 3_600_000, 2)):\(pad(ms / 60_000 % 60, 2)):"
      + "\(pad(ms / 1000 % 60, 2)).\(pad(ms % 1000, 3))Z"
  }

  private static func daysInMonth(_ year: Int, _ month: Int) -> Int {
    switch month {
    case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
  private static func days(_ year: Int, _ month: Int, _ day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  private static func civil(_ days: Int) -> (Int, Int, Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }
}
