import Crypto

/// The canonical form of a JSON document, and its digest.
///
/// Canonical form: no insignificant white space, object members sorted by the UTF-8 bytes of
/// their keys, strings with only the escapes JSON requires (`\"`, `\\`, and `\u00XX` for control
/// characters, with `\b \f \n \r \t` for those five), numbers as written in the source.
/// Two files that differ only in layout or key order have the same digest.
public enum CanonicalJSON {
  /// The canonical bytes of `node`.
  public static func bytes(of node: JSONNode) -> [UInt8] {
    var out: [UInt8] = []
    write(node, into: &out)
    return out
  }

  /// `sha256:` followed by the lowercase hex SHA-256 of the canonical bytes.
  public static func digest(of node: JSONNode) -> String {
    "sha256:"
      + SHA256.hash(data: bytes(of: node)).map { byte in
        let hex = String(byte, radix: 16)
        return byte < 16 ? "0" + hex : hex
      }.joined()
  }

  private static func write(_ node: JSONNode, into out: inout [UInt8]) {
    switch node.kind {
    case .object(let members):
      out.append(UInt8(ascii: "{"))
      let sorted = members.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
      for (i, member) in sorted.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        writeString(member.key, into: &out)
        out.append(UInt8(ascii: ":"))
        write(member.value, into: &out)
      }
      out.append(UInt8(ascii: "}"))
    case .array(let items):
      out.append(UInt8(ascii: "["))
      for (i, item) in items.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        write(item, into: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .string(let s): writeString(s, into: &out)
    case .number(let literal): out.append(contentsOf: literal.utf8)
    case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
    case .null: out.append(contentsOf: "null".utf8)
    }
  }

  /// Appends `s` as a JSON string literal with the minimal escapes.
  public static func writeString(_ s: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for b in s.utf8 {
      switch b {
      case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
      case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
      case 0x08: out.append(contentsOf: Array("\\b".utf8))
      case 0x0C: out.append(contentsOf: Array("\\f".utf8))
      case 0x0A: out.append(contentsOf: Array("\\n".utf8))
      case 0x0D: out.append(contentsOf: Array("\\r".utf8))
      case 0x09: out.append(contentsOf: Array("\\t".utf8))
      case 0x00..<0x20:
        let hex = String(b, radix: 16)
        out.append(contentsOf: Array(("\\u00" + (hex.count == 1 ? "0" : "") + hex).utf8))
      default: out.append(b)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}
