/// A span of an expression's source text, in Unicode scalars from the start of the expression.
///
/// Ranges are offsets into the expression string itself; the questionnaire layer maps them to
/// FILE:LINE:COLUMN in the JSON file that holds the expression.
public struct SourceRange: Equatable, Hashable, Sendable, CustomStringConvertible {
  /// Offset of the first scalar (0-based).
  public var start: Int
  /// Offset one past the last scalar.
  public var end: Int

  public init(_ start: Int, _ end: Int) {
    self.start = start
    self.end = max(start, end)
  }

  /// The smallest range that covers both.
  public func union(_ other: SourceRange) -> SourceRange {
    SourceRange(min(start, other.start), max(end, other.end))
  }

  public var description: String { "\(start)..<\(end)" }
}
