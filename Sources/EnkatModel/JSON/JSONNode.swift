/// A JSON value with the source position of every node, so that diagnostics can point at the
/// exact line and column of what they are about.
public struct JSONNode: Equatable, Sendable {
  /// The value itself.
  public enum Kind: Equatable, Sendable {
    case object([JSONMember])
    case array([JSONNode])
    case string(String)
    /// A number, kept as its literal text so nothing is lost to rounding.
    case number(String)
    case bool(Bool)
    case null
  }

  public var kind: Kind
  /// Where the value starts (for strings: the opening quote).
  public var position: SourcePosition

  public init(_ kind: Kind, at position: SourcePosition) {
    self.kind = kind
    self.position = position
  }

  /// A short name of the value's JSON type, for messages: "a string", "an object".
  public var typeDescription: String {
    switch kind {
    case .object: return "an object"
    case .array: return "an array"
    case .string: return "a string"
    case .number: return "a number"
    case .bool: return "a boolean"
    case .null: return "null"
    }
  }
}

/// One `"key": value` pair of a JSON object, in source order.
public struct JSONMember: Equatable, Sendable {
  public var key: String
  public var keyPosition: SourcePosition
  public var value: JSONNode
}
