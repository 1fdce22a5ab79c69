import ArgumentParser
import EnkatFieldwork
import EnkatModel
import Foundation

/// The CATI part of `enkat status --sample`.
enum CatiStatusOutput {
  static func status(sample: String, quotas: String?) throws -> CatiStatus {
    let store: SampleStore
    do { store = try SampleStore(opening: sample) } catch {
      printError("error: \(error)")
      throw ExitCode(66)
    }
    let targets = try quotas.map { try QuotaFile.read($0, sample: store) }
    return try CatiStatus(store, quotas: targets, now: FieldTime.now())
  }

  static func text(_ s: CatiStatus) -> String {
    var out = "\ncalls: \(s.attempts); appointments due now: \(s.appointmentsDue)\n"
    out +=
      "dispositions: "
      + ["I", "P", "R", "NC", "O", "UH", "UO", "NE", "notCalled"].map {
        "\($0) \(s.dispositions[$0] ?? 0)"
      }.joined(separator: ", ") + "\n"
    out += "\n" + StatusCommand.row(["interviewer", "cases", "calls", "compl", "refus"])
    for g in s.byInterviewer {
      out += StatusCommand.row([g.key, "\(g.cases)", "\(g.attempts)", "\(g.completes)", "\(g.refusals)"])
    }
    let title = s.stratumVariables.isEmpty ? "stratum" : s.stratumVariables.joined(separator: "/")
    out += "\n" + StatusCommand.row([title, "cases", "calls", "compl", "refus", "appts", "quota"])
    for g in s.byStratum {
      let quota = g.target.map { "\(g.completes)/\($0)\(g.completes >= $0 ? " full" : "")" } ?? "–"
      out += StatusCommand.row([
        g.key, "\(g.cases)", "\(g.attempts)", "\(g.completes)", "\(g.refusals)", "\(g.appointments)", quota,
      ])
    }
    return out
  }

  static func json(_ s: CatiStatus) -> String {
    func group(_ g: CatiStatus.Group) -> String {
      "{\"key\":\(quoted(g.key)),\"cases\":\(g.cases),\"calls\":\(g.attempts),\"completes\":\(g.completes),"
        + "\"refusals\":\(g.refusals),\"appointments\":\(g.appointments),\"target\":\(g.target.map(String.init) ?? "null")}"
    }
    let dispositions = s.dispositions.sorted { $0.key < $1.key }.map { "\(quoted($0.key)):\($0.value)" }
    return "{\"calls\":\(s.attempts),\"appointmentsDue\":\(s.appointmentsDue),"
      + "\"dispositions\":{\(dispositions.joined(separator: ","))},"
      + "\"byInterviewer\":[\(s.byInterviewer.map(group).joined(separator: ","))],"
      + "\"byStratum\":[\(s.byStratum.map(group).joined(separator: ","))]}\n"
  }

  private static func quoted(_ s: String) -> String { JSONText.quoted(s) }

}
