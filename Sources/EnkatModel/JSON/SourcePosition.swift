/// A place in a source file: 1-based line and column, and the 0-based byte offset.
///
/// Columns count Unicode scalars (characters as editors show them for Swedish text),
/// not bytes: in `"frågan": x`, `x` is at column 11.
public struct SourcePosition: Equatable, Hashable, Sendable, Comparable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  public var offset: Int

  public init(line: Int, column: Int, offset: Int) {
    self.line = line
    self.column = column
    self.offset = offset
  }

  public static func < (a: SourcePosition, b: SourcePosition) -> Bool { a.offset < b.offset }

  public var description: String { "\(line):\(column)" }
}
