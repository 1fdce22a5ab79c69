extension Diagnostic {
  /// The diagnostic as one JSON object, for editors and other tools:
  /// `{"file":…,"line":…,"column":…,"length":…,"severity":…,"code":…,"message":…,"hint":…,"path":…,"question":…}`.
  /// `line`, `column`, `hint` and `question` are null when unknown.
  public func json(file: String) -> String {
    var out: [UInt8] = Array("{\"file\":".utf8)
    CanonicalJSON.writeString(file, into: &out)
    func member(_ key: String, _ value: String?) {
      out.append(contentsOf: Array(",\"\(key)\":".utf8))
      if let value { CanonicalJSON.writeString(value, into: &out) } else { out.append(contentsOf: Array("null".utf8)) }
    }
    func number(_ key: String, _ value: Int?) {
      out.append(contentsOf: Array(",\"\(key)\":\(value.map(String.init) ?? "null")".utf8))
    }
    number("line", position?.line)
    number("column", position?.column)
    number("length", length)
    member("severity", severity.rawValue)
    member("code", code)
    member("message", message)
    member("hint", hint)
    member("path", path)
    member("question", questionID)
    out.append(UInt8(ascii: "}"))
    return String(decoding: out, as: UTF8.self)
  }
}
