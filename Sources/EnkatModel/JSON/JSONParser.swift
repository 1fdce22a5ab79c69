/// Parses JSON text (RFC 8259) into `JSONNode`s that remember where each value stands.
///
/// It stops at the first syntax error and reports it with its position and a hint. It never
/// traps: nesting deeper than `maximumDepth` is an error, not a stack overflow.
public struct JSONParser {
  /// A JSON syntax error at a position.
  public struct SyntaxError: Error, Equatable, Sendable {
    public var message: String
    public var position: SourcePosition
    public var hint: String?
  }

  public static let maximumDepth = 200

  private let bytes: [UInt8]
  private var offset = 0
  private var line = 1
  private var lineStart = 0
  private var depth = 0

  private init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// Parses a whole document: exactly one value, surrounded by optional white space.
  public static func parse(_ bytes: [UInt8]) -> Result<JSONNode, SyntaxError> {
    var parser = JSONParser(bytes)
    do throws(SyntaxError) {
      if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.offset = 3; parser.lineStart = 3 }
      parser.skipWhitespace()
      let value = try parser.parseValue()
      parser.skipWhitespace()
      if parser.offset < bytes.count {
        throw parser.error(
          "unexpected text after the end of the JSON document",
          hint: "a questionnaire file holds one object; check for a stray '}' or a missing '{'")
      }
      return .success(value)
    } catch {
      return .failure(error)
    }
  }

  /// The position of the byte at `offset`.
  private var position: SourcePosition { mutating get { position(at: offset) } }

  /// The last column computed: positions are asked for in increasing order, so each is counted on
  /// from the one before, and a line of any length costs O(1) per node (a minified file is one line).
  private var columnMark = (offset: 0, column: 1)

  private mutating func position(at offset: Int) -> SourcePosition {
    var (i, column) = columnMark
    if i < lineStart || i > offset { (i, column) = (lineStart, 1) }
    while i < offset && i < bytes.count {
      if bytes[i] & 0xC0 != 0x80 { column += 1 }
      i += 1
    }
    columnMark = (i, column)
    return SourcePosition(line: line, column: column, offset: offset)
  }

  private mutating func error(_ message: String, hint: String? = nil) -> SyntaxError {
    SyntaxError(message: message, position: position, hint: hint)
  }

  private mutating func skipWhitespace() {
    while offset < bytes.count {
      switch bytes[offset] {
      case 0x20, 0x09, 0x0D: offset += 1
      case 0x0A:
        offset += 1
        line += 1
        lineStart = offset
      default: return
      }
    }
  }

  private var describeCurrent: String {
    guard offset < bytes.count else { return "the end of the file" }
    let b = bytes[offset]
    if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
    return "byte 0x" + String(b, radix: 16)
  }

  private mutating func parseValue() throws(SyntaxError) -> JSONNode {
    guard offset < bytes.count else {
      throw error("the file ends where a value was expected", hint: "the file may be truncated")
    }
    let start = position
    switch bytes[offset] {
    case UInt8(ascii: "{"): return try nested { (p: inout JSONParser) throws(SyntaxError) in try p.parseObject(start) }
    case UInt8(ascii: "["): return try nested { (p: inout JSONParser) throws(SyntaxError) in try p.parseArray(start) }
    case UInt8(ascii: "\""): return JSONNode(.string(try parseString()), at: start)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return JSONNode(.number(try parseNumber()), at: start)
    case UInt8(ascii: "t"): try literal("true"); return JSONNode(.bool(true), at: start)
    case UInt8(ascii: "f"): try literal("false"); return JSONNode(.bool(false), at: start)
    case UInt8(ascii: "n"): try literal("null"); return JSONNode(.null, at: start)
    case UInt8(ascii: "'"):
      throw error("strings must be in double quotes", hint: "replace ' with \"")
    case UInt8(ascii: "}"), UInt8(ascii: "]"):
      throw error(
        "expected a value but found \(describeCurrent)",
        hint: "remove the trailing comma before it")
    default:
      throw error(
        "expected a value but found \(describeCurrent)",
        hint: "values are strings in double quotes, numbers, true, false, null, objects or arrays")
    }
  }

  private mutating func nested(_ body: (inout JSONParser) throws(SyntaxError) -> JSONNode) throws(SyntaxError)
    -> JSONNode
  {
    depth += 1
    defer { depth -= 1 }
    if depth > Self.maximumDepth {
      throw error("values are nested more than \(Self.maximumDepth) deep")
    }
    return try body(&self)
  }

  private mutating func literal(_ word: String) throws(SyntaxError) {
    let expected = Array(word.utf8)
    guard bytes.count - offset >= expected.count,
      Array(bytes[offset..<offset + expected.count]) == expected
    else {
      throw error(
        "expected a value but found \(describeCurrent)",
        hint: "strings must be in double quotes; true, false and null are lowercase")
    }
    offset += expected.count
  }

  private mutating func parseObject(_ start: SourcePosition) throws(SyntaxError) -> JSONNode {
    offset += 1
    var members: [JSONMember] = []
    skipWhitespace()
    if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
      offset += 1
      return JSONNode(.object([]), at: start)
    }
    while true {
      skipWhitespace()
      guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
          throw error(
            "expected a key in double quotes but found '}'",
            hint: "remove the comma after the last member")
        }
        throw error(
          "expected a key in double quotes but found \(describeCurrent)",
          hint: "object keys are strings, as in \"id\": \"q1\"")
      }
      let keyPosition = position
      let key = try parseString()
      skipWhitespace()
      guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else {
        throw error("expected ':' after the key \"\(key)\" but found \(describeCurrent)")
      }
      offset += 1
      skipWhitespace()
      let value = try parseValue()
      members.append(JSONMember(key: key, keyPosition: keyPosition, value: value))
      skipWhitespace()
      guard offset < bytes.count else {
        throw error(
          "the file ends inside an object that starts at \(start)",
          hint: "add the missing '}'; the file may be truncated")
      }
      if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
      if bytes[offset] == UInt8(ascii: "}") { offset += 1; return JSONNode(.object(members), at: start) }
      throw error(
        "expected ',' or '}' after the value of \"\(key)\" but found \(describeCurrent)",
        hint: "add a comma between members")
    }
  }

  private mutating func parseArray(_ start: SourcePosition) throws(SyntaxError) -> JSONNode {
    offset += 1
    var items: [JSONNode] = []
    skipWhitespace()
    if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
      offset += 1
      return JSONNode(.array([]), at: start)
    }
    while true {
      skipWhitespace()
      items.append(try parseValue())
      skipWhitespace()
      guard offset < bytes.count else {
        throw error(
          "the file ends inside an array that starts at \(start)",
          hint: "add the missing ']'; the file may be truncated")
      }
      if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
      if bytes[offset] == UInt8(ascii: "]") { offset += 1; return JSONNode(.array(items), at: start) }
      throw error(
        "expected ',' or ']' in the array but found \(describeCurrent)",
        hint: "add a comma between items")
    }
  }

  private mutating func parseString() throws(SyntaxError) -> String {
    let start = position
    offset += 1
    var out: [UInt8] = []
    while true {
      guard offset < bytes.count else {
        throw SyntaxError(
          message: "the string that starts at \(start) is not closed",
          position: start, hint: "add the closing \"")
      }
      let b = bytes[offset]
      switch b {
      case UInt8(ascii: "\""):
        offset += 1
        guard let s = String(validating: out, as: UTF8.self) else {
          throw SyntaxError(
            message: "the string is not valid UTF-8", position: start,
            hint: "save the file as UTF-8")
        }
        return s
      case UInt8(ascii: "\\"):
        try parseEscape(into: &out)
      case 0x0A:
        throw error("a line break inside a string", hint: "close the string or write \\n")
      case 0x00..<0x20:
        throw error("a control character inside a string", hint: "write it as an escape such as \\t")
      default:
        out.append(b)
        offset += 1
      }
    }
  }

  private mutating func parseEscape(into out: inout [UInt8]) throws(SyntaxError) {
    offset += 1
    guard offset < bytes.count else { throw error("the file ends inside an escape") }
    let simple: [UInt8: UInt8] = [
      UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F,
      UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A,
      UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
    ]
    if let c = simple[bytes[offset]] {
      out.append(c)
      offset += 1
      return
    }
    guard bytes[offset] == UInt8(ascii: "u") else {
      throw error(
        "unknown escape \\\(describeCurrent)", hint: "valid escapes: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
    }
    offset += 1
    var scalar = try hex4()
    if (0xD800..<0xDC00).contains(scalar) {
      guard bytes.count - offset >= 6, bytes[offset] == UInt8(ascii: "\\"),
        bytes[offset + 1] == UInt8(ascii: "u")
      else { throw error("a lone surrogate in a \\u escape") }
      offset += 2
      let low = try hex4()
      guard (0xDC00..<0xE000).contains(low) else { throw error("a lone surrogate in a \\u escape") }
      scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
    }
    guard let u = Unicode.Scalar(scalar) else { throw error("an invalid \\u escape") }
    out.append(contentsOf: Array(String(Character(u)).utf8))
  }

  private mutating func hex4() throws(SyntaxError) -> UInt32 {
    guard bytes.count - offset >= 4 else { throw error("\\u needs four hex digits") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let digit = Self.hexValue(bytes[offset]) else {
        throw error("\\u needs four hex digits")
      }
      value = value * 16 + digit
      offset += 1
    }
    return value
  }

  private static func hexValue(_ b: UInt8) -> UInt32? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b - UInt8(ascii: "A") + 10)
    default: return nil
    }
  }

  private mutating func parseNumber() throws(SyntaxError) -> String {
    let start = offset
    func digits(_ p: inout JSONParser) -> Int {
      let s = p.offset
      while p.offset < p.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(p.bytes[p.offset]) {
        p.offset += 1
      }
      return p.offset - s
    }
    if bytes[offset] == UInt8(ascii: "-") { offset += 1 }
    let intStart = offset
    let intDigits = digits(&self)
    guard intDigits > 0 else { throw error("expected a digit after '-'") }
    if intDigits > 1 && bytes[intStart] == UInt8(ascii: "0") {
      throw SyntaxError(
        message: "numbers cannot start with 0", position: position(at: intStart),
        hint: "write 7, not 07")
    }
    if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
      offset += 1
      guard digits(&self) > 0 else { throw error("expected a digit after the decimal point") }
    }
    if offset < bytes.count, bytes[offset] | 0x20 == UInt8(ascii: "e") {
      offset += 1
      if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
      guard digits(&self) > 0 else { throw error("expected a digit in the exponent") }
    }
    return String(decoding: bytes[start..<offset], as: UTF8.self)
  }
}
