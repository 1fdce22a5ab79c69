import EnkatModel

extension Codebook {
  /// The codebook as a Markdown document: one table row per variable, texts in `language`; with
  /// `counts`, a last column of what the cases hold.
  public func markdown(language: String, counts: VariableCounts? = nil) -> String {
    var out = "# Codebook: \(questionnaireID) \(version)\n\n"
    out += "\(title.text(in: language)). \(variables.count) variables; texts in \(language); digest `\(digest)`."
    if let counts { out += " Counts of \(counts.cases) cases." }
    out += "\n\n| variable | question | label | type | measure | values | missing | asked when |"
    out += counts == nil ? "\n" : " counts |\n"
    out += "| --- | --- | --- | --- | --- | --- | --- | --- |" + (counts == nil ? "\n" : " --- |\n")
    for (k, v) in variables.enumerated() {
      let values = v.valueLabels.map { "\($0.code) \($0.label.text(in: language))" }.joined(separator: "; ")
      let missing = v.missingCodes.map { "\($0.code) \($0.label.text(in: language))" }.joined(separator: "; ")
      let cells = [
        v.name, v.questionID, v.label.text(in: language), Self.describe(v.type), v.measure.rawValue, values, missing,
        v.condition ?? "",
      ]
      let counted = counts.map { [$0.summary(k, of: v, language: language)] } ?? []
      out += "| " + (cells + counted).map(Self.cell).joined(separator: " | ") + " |\n"
    }
    return out
  }

  /// The codebook as a self-contained HTML page (no scripts, fonts or styles from elsewhere):
  /// every variable with its texts in each language, type, codes, missing codes, condition and,
  /// with `counts`, what the cases hold (labels in `language`).
  public func html(language: String, counts: VariableCounts? = nil) -> String {
    func e(_ s: String) -> String {
      s.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
        .replacing("\"", with: "&quot;")
    }
    func localized(_ t: LocalizedText) -> String {
      languages.map { "<span lang=\"\(e($0))\">\(e(t.text(in: $0)))</span>" }.joined(separator: "<br>")
    }
    var out = """
      <!DOCTYPE html>
      <html lang="\(e(language))"><head><meta charset="utf-8">
      <title>Codebook: \(e(questionnaireID)) \(e(version))</title>
      <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;\
      padding:4px 6px;vertical-align:top;text-align:left}th{background:#eee}code{font-size:90%}</style>
      </head><body>
      <h1>Codebook: \(e(questionnaireID)) \(e(version))</h1>
      <p>\(localized(title))</p>
      <p>\(variables.count) variables; digest <code>\(e(digest))</code>\(counts.map { "; counts of \($0.cases) cases" } ?? "").</p>
      <table><thead><tr><th>variable</th><th>question</th><th>label</th><th>type</th><th>measure</th>\
      <th>values</th><th>missing</th><th>asked when</th>\(counts == nil ? "" : "<th>counts</th>")</tr></thead><tbody>

      """
    for (k, v) in variables.enumerated() {
      let values = v.valueLabels.map { "\($0.code) \(e($0.label.text(in: language)))" }.joined(separator: "<br>")
      let missing = v.missingCodes.map { "\($0.code) \(e($0.label.text(in: language)))" }.joined(separator: "<br>")
      out +=
        "<tr><td><code>\(e(v.name))</code></td><td><code>\(e(v.questionID))</code></td><td>\(localized(v.label))</td>"
      out += "<td>\(e(Self.describe(v.type)))</td><td>\(v.measure.rawValue)</td><td>\(values)</td><td>\(missing)</td>"
      out += "<td><code>\(e(v.condition ?? ""))</code></td>"
      if let counts { out += "<td>\(e(counts.summary(k, of: v, language: language)))</td>" }
      out += "</tr>\n"
    }
    out += "</tbody></table>\n</body></html>\n"
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
