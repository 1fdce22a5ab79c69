import EnkatModel

extension Codebook {
  /// The codebook as a Markdown document: one table row per variable, texts in `language`.
  public func markdown(language: String) -> String {
    var out = "# Codebook: \(questionnaireID) \(version)\n\n"
    out += "\(title.text(in: language)). \(variables.count) variables; texts in \(language); digest `\(digest)`.\n\n"
    out += "| variable | question | label | type | measure | values | missing | asked when |\n"
    out += "| --- | --- | --- | --- | --- | --- | --- | --- |\n"
    for v in variables {
      let values = v.valueLabels.map { "\($0.code) \($0.label.text(in: language))" }.joined(separator: "; ")
      let missing = v.missingCodes.map { "\($0.code) \($0.label.text(in: language))" }.joined(separator: "; ")
      let cells = [
        v.name, v.questionID, v.label.text(in: language), Self.describe(v.type), v.measure.rawValue, values, missing,
        v.condition ?? "",
      ]
      out += "| " + cells.map(Self.cell).joined(separator: " | ") + " |\n"
    }
    return out
  }

  /// The codebook as JSON (every language), for programs.
  public func json() -> String {
    var out: [UInt8] = []
    func string(_ s: String) { CanonicalJSON.writeString(s, into: &out) }
    func raw(_ s: String) { out += Array(s.utf8) }
    func localized(_ t: LocalizedText) {
      raw("{")
      for (i, language) in languages.enumerated() {
        if i > 0 { raw(",") }
        string(language)
        raw(":")
        string(t.text(in: language))
      }
      raw("}")
    }
    raw("{\"questionnaire\":")
    string(questionnaireID)
    raw(",\"version\":")
    string(version)
    raw(",\"digest\":")
    string(digest)
    raw(",\"variables\":[")
    for (i, v) in variables.enumerated() {
      raw(i == 0 ? "\n" : ",\n")
      raw("{\"name\":")
      string(v.name)
      raw(",\"question\":")
      string(v.questionID)
      switch v.content {
      case .answer: raw(",\"content\":\"answer\"")
      case .computed: raw(",\"content\":\"computed\"")
      case .option(let code): raw(",\"content\":\"option\",\"option\":\(code)")
      }
      raw(",\"label\":")
      localized(v.label)
      switch v.type {
      case .numeric(let decimals): raw(",\"type\":\"numeric\",\"decimals\":\(decimals)")
      case .text(let maxLength): raw(",\"type\":\"text\"" + (maxLength.map { ",\"maxLength\":\($0)" } ?? ""))
      case .date: raw(",\"type\":\"date\"")
      }
      raw(",\"measure\":\"\(v.measure.rawValue)\",\"values\":[")
      for (k, value) in v.valueLabels.enumerated() {
        raw(k == 0 ? "{\"code\":\(value.code),\"label\":" : ",{\"code\":\(value.code),\"label\":")
        localized(value.label)
        raw("}")
      }
      raw("],\"missing\":[")
      for (k, m) in v.missingCodes.enumerated() {
        raw(k == 0 ? "{\"kind\":" : ",{\"kind\":")
        string(m.kind.rawValue)
        raw(",\"code\":\(m.code),\"label\":")
        localized(m.label)
        raw("}")
      }
      raw("],\"condition\":")
      if let condition = v.condition { string(condition) } else { raw("null") }
      raw("}")
    }
    raw("\n]}\n")
    return String(decoding: out, as: UTF8.self)
  }

  static func describe(_ type: Variable.ValueType) -> String {
    switch type {
    case .numeric(let decimals): return decimals == 0 ? "numeric" : "numeric (\(decimals) decimals)"
    case .text(let maxLength): return maxLength.map { "text (at most \($0))" } ?? "text"
    case .date: return "date"
    }
  }

  /// A Markdown table cell: no line breaks, `|` escaped.
  static func cell(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).joined(separator: " ").replacing("|", with: "\\|")
  }
}
