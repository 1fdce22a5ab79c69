import EnkatModel
import Foundation

extension Report {
  /// The report as one self-contained HTML page: inline styles and SVG charts, no scripts, fonts
  /// or files from elsewhere, so it opens offline and can be mailed as it is.
  public func html() -> String {
    let words = Words(language: language)
    var body = "<h1>\(Self.escaped(title))</h1>\n"
    for (k, finding) in findings.enumerated() {
      body += "<section>\n<h2>\(Self.escaped(finding.sentence))</h2>\n"
      body += String(
        format: "<p class=\"share\">%.1f %% <span>(%@ %.1f–%.1f; %@)</span></p>\n", 100 * finding.share,
        Self.escaped(words[.interval]), 100 * finding.interval.lowerBound, 100 * finding.interval.upperBound,
        Self.escaped(finding.base))
      if let change = finding.change {
        body += "<p class=\"change\">\(Self.escaped(change.prefix(1).uppercased() + change.dropFirst()))</p>\n"
      }
      body += Self.chart(finding.bars, id: k)
      body += "<p class=\"note\">\(Self.escaped(words[.chartNote]))</p>\n"
      body += Self.table(finding.table)
      body += "</section>\n"
    }
    body += "<footer><h3>\(Self.escaped(words[.madeFrom]))</h3>\n<ul>\n"
    body += provenance.map { "<li>\(Self.escaped($0))</li>" }.joined(separator: "\n")
    body += "\n</ul></footer>\n"
    return """
      <!DOCTYPE html>
      <html lang="\(Self.escaped(language))">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(Self.escaped(title))</title>
      <style>
      body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #1b1f24; line-height: 1.45; }
      h1 { font-size: 1.7rem; border-bottom: 2px solid #1f5fa8; padding-bottom: .4rem; }
      h2 { font-size: 1.2rem; margin-top: 2.2rem; }
      section { page-break-inside: avoid; }
      .share { font-size: 1.1rem; font-weight: 600; margin: .2rem 0; }
      .share span, .note { font-weight: normal; color: #57606a; font-size: .9rem; }
      .change { color: #1f5fa8; margin: .2rem 0; }
      svg { display: block; margin: .6rem 0; }
      table { border-collapse: collapse; font-size: .85rem; margin: .6rem 0 1rem; }
      th, td { padding: .2rem .6rem; border-bottom: 1px solid #d0d7de; text-align: right; }
      th:first-child, td:first-child { text-align: left; }
      tr.missing td, tr.total td, tr.base td { color: #57606a; }
      footer { margin-top: 3rem; font-size: .8rem; color: #57606a; border-top: 1px solid #d0d7de; }
      </style>
      </head>
      <body>
      \(body)</body>
      </html>

      """
  }

  /// A horizontal bar chart with a 95 % whisker on each bar, 0–100 %.
  static func chart(_ bars: [Bar], id: Int) -> String {
    let labelWidth = 230.0
    let plotWidth = 380.0
    let row = 26.0
    let height = Double(bars.count) * row + 24
    func x(_ percent: Double) -> Double { labelWidth + plotWidth * max(0, min(100, percent)) / 100 }
    var svg = String(
      format:
        "<svg role=\"img\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" xmlns=\"http://www.w3.org/2000/svg\">\n",
      labelWidth + plotWidth + 60, height, labelWidth + plotWidth + 60, height)
    for tick in stride(from: 0, through: 100, by: 25) {
      svg += String(
        format:
          "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d0d7de\"/><text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\" fill=\"#57606a\">%d %%</text>\n",
        x(Double(tick)), x(Double(tick)), height - 16, x(Double(tick)), height - 4, tick)
    }
    for (k, bar) in bars.enumerated() {
      let y = Double(k) * row + 4
      let label = bar.label.count > 34 ? String(bar.label.prefix(33)) + "…" : bar.label
      svg += String(
        format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\" fill=\"#1b1f24\">%@</text>\n",
        labelWidth - 8, y + 14, escaped(label))
      svg += String(
        format:
          "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"18\" fill=\"%@\"><title>%@: %.1f %%</title></rect>\n",
        labelWidth, y, x(bar.percent) - labelWidth, bar.highlighted ? "#1f5fa8" : "#9bbbe0", escaped(bar.label),
        bar.percent)
      svg += String(
        format:
          "<path d=\"M%.1f %.1fV%.1fM%.1f %.1fH%.1fM%.1f %.1fV%.1f\" stroke=\"#1b1f24\" stroke-width=\"1.2\" fill=\"none\"/>\n",
        x(bar.low), y + 5, y + 13, x(bar.low), y + 9, x(bar.high), x(bar.high), y + 5, y + 13)
      svg += String(
        format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#1b1f24\">%.1f</text>\n", x(bar.high) + 5, y + 13,
        bar.percent)
    }
    return svg + "</svg>\n"
  }

  static func table(_ table: ResultTable) -> String { table.htmlTable() }

  static func escaped(_ text: some StringProtocol) -> String {
    var out = ""
    for c in text {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(c)
      }
    }
    return out
  }
}
