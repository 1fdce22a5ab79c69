import EnkatDataset
import EnkatModel
import Foundation

extension ResultTable {
  /// The table for a terminal: a title, the base, aligned columns within `width` characters
  /// (labels cut with … when they do not fit), the statistics and notes.
  public func text(width: Int = 80) -> String {
    let cells = rows.map { row in row.values.enumerated().map { Self.formatted($1, format(row, $0)) } }
    func widths(_ headers: [String]) -> [Int] {
      columns.indices.map { c in max(headers[c].count, cells.map { $0[c].count }.max() ?? 0) }
    }
    var headers = columns.map(\.name)
    var legend: [String] = []
    // Too wide with the columns' names: their codes instead, named below the table.
    if widths(headers).reduce(0, { $0 + $1 + 2 }) + 12 > width, columns.contains(where: { $0.code != nil }) {
      legend = columns.compactMap { c in c.code.map { "\(Self.full($0)) = \(c.name)" } }
      headers = columns.map { c in c.code.map(Self.full) ?? c.name }
    }
    let widths = widths(headers)
    let numbers = widths.reduce(0) { $0 + $1 + 2 }
    let labelWidth = max(12, min(rows.map(\.label.count).max() ?? 0, width - numbers))
    func pad(_ s: String, _ n: Int, left: Bool) -> String {
      let fitted = s.count > n ? String(s.prefix(max(0, n - 1))) + "…" : s
      let space = String(repeating: " ", count: max(0, n - fitted.count))
      return left ? fitted + space : space + fitted
    }
    var lines = Self.wrapped(title, width) + Self.wrapped(base, width) + [""]
    lines.append(
      pad("", labelWidth, left: true) + zip(headers, widths).map { "  " + pad($0, $1, left: false) }.joined())
    for (row, values) in zip(rows, cells) {
      lines.append(
        pad(row.label, labelWidth, left: true) + zip(values, widths).map { "  " + pad($0, $1, left: false) }.joined())
    }
    if !legend.isEmpty { lines += [""] + legend.flatMap { Self.wrapped($0, width) } }
    if !statistics.isEmpty { lines += ["", statisticsLine] }
    lines += notes.flatMap { Self.wrapped($0, width) }
    return lines.map { $0.replacing(/\s+$/, with: "") }.joined(separator: "\n") + "\n"
  }

  /// `text` in lines of at most `width` characters, broken between words (a longer word alone).
  static func wrapped(_ text: String, _ width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
      if !line.isEmpty && line.count + 1 + word.count > width {
        lines.append(line)
        line = "  " + word
      } else {
        line += (line.isEmpty ? "" : " ") + word
      }
    }
    return lines + [line]
  }

  /// The statistics as people write them: `chi-square 12.34, df 4, p 0.015`.
  public var statisticsLine: String {
    statistics.map { "\($0.name) \(Self.formattedStatistic($0.name, $0.value))" }.joined(separator: ", ")
  }

  /// The table as CSV (RFC 4180): `label,kind,code`, then a column each, numbers in full.
  public func csv() -> String {
    var lines = [CSVText.line(["label", "kind", "code"] + columns.map(\.name))]
    for row in rows {
      lines.append(
        CSVText.line(
          [row.label, row.kind.rawValue, row.code.map(Self.full) ?? ""] + row.values.map { $0.map(Self.full) ?? "" }))
    }
    return lines.joined()
  }

  /// The table as one JSON object, numbers in full (NaN and missing as null).
  public func json() -> String {
    func string(_ s: String) -> String { JSONText.quoted(s) }
    func number(_ v: Double?) -> String { v.map { $0.isFinite ? Self.full($0) : "null" } ?? "null" }
    let columnsJSON = columns.map {
      "{\"name\":\(string($0.name)),\"format\":\"\($0.format.rawValue)\",\"code\":\(number($0.code))}"
    }
    let rowsJSON = rows.map { row in
      "{\"label\":\(string(row.label)),\"kind\":\"\(row.kind.rawValue)\",\"code\":\(number(row.code)),"
        + "\"values\":[\(row.values.map(number).joined(separator: ","))]}"
    }
    let statisticsJSON = statistics.map { "\(string($0.name)):\(number($0.value))" }
    return "{\"title\":\(string(title)),\"base\":\(string(base)),\"columns\":[\(columnsJSON.joined(separator: ","))],"
      + "\"rows\":[\(rowsJSON.joined(separator: ","))],\"statistics\":{\(statisticsJSON.joined(separator: ","))},"
      + "\"notes\":[\(notes.map(string).joined(separator: ","))]}\n"
  }

  /// The table as Markdown: a heading, the base, a table, the statistics and notes.
  /// The table as a self-contained HTML page: title, base, the table, its statistics and notes.
  public func html() -> String {
    func escaped(_ text: String) -> String { Report.escaped(text) }
    var body = "<h1>\(escaped(title))</h1>\n<p>\(escaped(base))</p>\n" + htmlTable()
    if !statistics.isEmpty {
      body +=
        "<p>"
        + statistics.map { "\(escaped($0.0)) \(escaped(Self.formattedStatistic($0.0, $0.1)))" }.joined(
          separator: "; ") + "</p>\n"
    }
    body += notes.map { "<p class=\"note\">\(escaped($0))</p>\n" }.joined()
    return """
      <!DOCTYPE html>
      <html>
      <head>
      <meta charset="utf-8">
      <title>\(escaped(title))</title>
      <style>
      body { font-family: system-ui, sans-serif; margin: 2rem; color: #1b1f24; }
      h1 { font-size: 1.2rem; }
      table { border-collapse: collapse; font-size: .9rem; }
      th, td { padding: .2rem .6rem; border-bottom: 1px solid #d0d7de; text-align: right; }
      th:first-child, td:first-child { text-align: left; }
      tr.missing td, tr.total td, tr.base td, .note { color: #57606a; }
      </style>
      </head>
      <body>
      \(body)</body>
      </html>

      """
  }

  /// The table alone as an HTML `<table>` (rows classed by kind).
  func htmlTable() -> String {
    func escaped(_ text: String) -> String { Report.escaped(text) }
    var html = "<table>\n<tr><th></th>" + columns.map { "<th>\(escaped($0.name))</th>" }.joined() + "</tr>\n"
    for row in rows {
      let cells = row.values.enumerated().map { c, v in
        "<td>\(escaped(Self.formatted(v, format(row, c))))</td>"
      }
      html += "<tr class=\"\(row.kind.rawValue)\"><td>\(escaped(row.label))</td>" + cells.joined() + "</tr>\n"
    }
    return html + "</table>\n"
  }

  public func markdown() -> String {
    func escaped(_ s: String) -> String { s.replacing("|", with: "\\|") }
    var lines = ["### \(escaped(title))", "", escaped(base), ""]
    lines.append("| | " + columns.map { escaped($0.name) }.joined(separator: " | ") + " |")
    lines.append("| --- |" + String(repeating: " ---: |", count: columns.count))
    for row in rows {
      let values = row.values.enumerated().map { Self.formatted($1, format(row, $0)) }
      lines.append("| \(escaped(row.label)) | " + values.joined(separator: " | ") + " |")
    }
    if !statistics.isEmpty { lines += ["", statisticsLine] }
    if !notes.isEmpty { lines += [""] + notes }
    return lines.joined(separator: "\n") + "\n"
  }

  /// How a cell is written: by its column, but a base row's as counts.
  private func format(_ row: Row, _ column: Int) -> Format { row.kind == .base ? .count : columns[column].format }

  /// A number at full precision (the shortest text that reads back the same).
  static func full(_ v: Double) -> String {
    if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
    return "\(v)"
  }

  static func formatted(_ v: Double?, _ format: Format) -> String {
    guard let v, v.isFinite else { return "" }
    switch format {
    case .count: return v == v.rounded() ? String(Int64(v)) : String(format: "%.1f", v)
    case .percent: return String(format: "%.1f", v)
    case .number: return String(format: "%.2f", v)
    case .probability: return v < 0.001 ? "<0.001" : String(format: "%.3f", v)
    }
  }

  static func formattedStatistic(_ name: String, _ v: Double) -> String {
    if name == "p" { return v < 0.001 ? "<0.001" : String(format: "%.3f", v) }
    if name == "df" { return full(v) }
    return String(format: "%.2f", v)
  }
}
