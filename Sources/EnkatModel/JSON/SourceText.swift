/// The bytes of a source file, with what diagnostics need: line text and positions inside strings.
public struct SourceText: Sendable {
  public let file: String
  public let bytes: [UInt8]
  private let lineStarts: [Int]

  public init(file: String, bytes: [UInt8]) {
    self.file = file
    self.bytes = bytes
    var starts = [0]
    for (i, b) in bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
    lineStarts = starts
  }

  /// The text of a 1-based line, without its line break.
  public func line(_ number: Int) -> String? {
    guard number >= 1, number <= lineStarts.count else { return nil }
    let start = lineStarts[number - 1]
    var end = number < lineStarts.count ? lineStarts[number] - 1 : bytes.count
    if end > start, bytes[end - 1] == 0x0D { end -= 1 }
    return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
  }

  /// The position of the decoded scalar at `scalarOffset` inside the JSON string whose opening
  /// quote is at `string`, following escapes, so an expression's error lands on the right column.
  public func position(ofScalar scalarOffset: Int, inStringAt string: SourcePosition) -> SourcePosition {
    var offset = string.offset + 1
    var column = string.column + 1
    var decoded = 0
    while decoded < scalarOffset, offset < bytes.count, bytes[offset] != UInt8(ascii: "\"") {
      var width = 1
      if bytes[offset] == UInt8(ascii: "\\") {
        width = offset + 1 < bytes.count && bytes[offset + 1] == UInt8(ascii: "u") ? 6 : 2
        column += width
      } else {
        let lead = bytes[offset]
        width = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        column += 1
      }
      offset += width
      decoded += 1
    }
    return SourcePosition(line: string.line, column: column, offset: min(offset, bytes.count))
  }
}
