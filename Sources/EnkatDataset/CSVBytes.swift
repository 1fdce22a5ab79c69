/// CSV fields appended as bytes (the rules of `CSVText`), for exports of many rows.
public enum CSVBytes {
  /// A field, quoted when it holds a comma, a quote or a line break.
  public static func appendField(_ text: String, to line: inout [UInt8]) {
    var copy = text
    copy.withUTF8 { bytes in
      if bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
        line.append(contentsOf: CSVText.field(text).utf8)
      } else {
        line.append(contentsOf: bytes)
      }
    }
  }

  /// A whole number's digits.
  public static func appendInteger(_ value: Int, to line: inout [UInt8]) {
    if value < 0 { line.append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    var divisor: UInt = 1
    while magnitude / divisor >= 10 { divisor *= 10 }
    repeat {
      line.append(UInt8(ascii: "0") + UInt8(magnitude / divisor))
      magnitude %= divisor
      divisor /= 10
    } while divisor > 0
  }
}
