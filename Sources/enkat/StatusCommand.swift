import ArgumentParser
import EnkatCollector
import EnkatModel
import Foundation

/// `enkat status`: field progress from a collected store.
struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract:
      "Field progress from a store: cases by outcome, interview length, last activity; by station, interviewer and day.",
    discussion: """
      Interview length is the time spent on the answers of a complete case (pauses between \
      sessions left out), in minutes: the median and the quartiles around it (R's default \
      quantile). Days are the UTC day a case started.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Argument(help: "The store made by enkat collect.")
  var store: String?

  @Option(help: "A CATI sample: calls, completes, refusals and appointments per interviewer and stratum.")
  var sample: String?

  @Option(help: "With --sample: the quota file, to show each stratum's target and fill.")
  var quotas: String?

  @Option(help: "Only the cases of this questionnaire id.")
  var questionnaire: String?

  @Option(help: "Output format: text (80 columns) or json.")
  var format: Format = .text

  func validate() throws {
    guard store != nil || sample != nil else { throw ValidationError("give a store, a --sample, or both") }
    if quotas != nil && sample == nil { throw ValidationError("--quotas goes with --sample") }
  }

  func run() throws {
    if let store {
      let opened = try StoreFile.openExisting(store)
      let status = try FieldStatus(opened, questionnaireID: questionnaire)
      print(format == .text ? Self.text(status) : Self.json(status), terminator: "")
    }
    if let sample {
      let cati = try CatiStatusOutput.status(sample: sample, quotas: quotas)
      print(format == .text ? CatiStatusOutput.text(cati) : CatiStatusOutput.json(cati), terminator: "")
    }
  }

  static func text(_ s: FieldStatus) -> String {
    let t = s.total
    var out =
      "\(t.cases) cases: \(t.complete) complete, \(t.open) open, \(t.suspended) suspended, \(t.breakOff) broken off"
    out += "\n"
    if let l = t.length {
      out += "median length \(minutes(l.median)) min (quartiles \(minutes(l.lower))–\(minutes(l.upper))); "
    }
    out += "last activity \(display(t.lastActivity))\n"
    for duplicate in s.onSeveralStations {
      out +=
        "warning: case \(duplicate.caseID) was interviewed on several stations: "
        + duplicate.stations.joined(separator: ", ") + "; both are kept (docs/cati.md)\n"
    }
    for (title, groups) in [("station", s.byStation), ("interviewer", s.byInterviewer), ("day", s.byDay)] {
      out += "\n" + row([title, "cases", "compl", "open", "susp", "break", "median min (IQR)", "last"])
      for g in groups {
        let length = g.length.map { "\(minutes($0.median)) (\(minutes($0.lower))–\(minutes($0.upper)))" } ?? "–"
        out += row([
          g.key, "\(g.cases)", "\(g.complete)", "\(g.open)", "\(g.suspended)", "\(g.breakOff)", length,
          String(display(g.lastActivity).dropFirst(5)),
        ])
      }
    }
    return out
  }

  /// One line: a name column of 14 and right-aligned figures, 78 columns at most.
  static func row(_ cells: [String]) -> String {
    let widths = [14, 6, 6, 5, 5, 6, 18, 12]
    var line = ""
    for (i, cell) in cells.enumerated() {
      var text = cell
      if text.count > widths[i] { text = String(text.prefix(widths[i] - 1)) + "…" }
      let pad = String(repeating: " ", count: widths[i] - text.count)
      line += i == 0 ? text + pad : " " + (i == 6 ? text + pad : pad + text)
    }
    return String(line.reversed().drop { $0 == " " }.reversed()) + "\n"
  }

  static func minutes(_ m: Double) -> String { String(format: "%.1f", m) }

  /// `2026-11-29T17:29:03.120Z` as `2026-11-29 17:29`.
  static func display(_ at: String) -> String {
    at.count >= 16 ? at.prefix(10) + " " + at.dropFirst(11).prefix(5) : at
  }

  static func json(_ s: FieldStatus) -> String {
    func group(_ g: FieldStatus.Group) -> String {
      var bytes: [UInt8] = []
      CanonicalJSON.writeString(g.key, into: &bytes)
      var text = "{\"key\":\(String(decoding: bytes, as: UTF8.self)),\"cases\":\(g.cases),\"complete\":\(g.complete)"
      text += ",\"open\":\(g.open),\"suspended\":\(g.suspended),\"breakOff\":\(g.breakOff)"
      if let l = g.length {
        text += ",\"medianMinutes\":\(l.median),\"lowerQuartileMinutes\":\(l.lower),\"upperQuartileMinutes\":\(l.upper)"
      }
      return text + ",\"lastActivity\":\"\(g.lastActivity)\"}"
    }
    func list(_ groups: [FieldStatus.Group]) -> String { "[" + groups.map(group).joined(separator: ",\n  ") + "]" }
    return
      "{\"total\":\(group(s.total)),\n\"byStation\":\(list(s.byStation)),\n\"byInterviewer\":\(list(s.byInterviewer)),\n\"byDay\":\(list(s.byDay))}\n"
  }
}
