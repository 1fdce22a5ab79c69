import ArgumentParser
import EnkatAnalysis
import EnkatCollector
import EnkatModel
import Foundation

/// `enkat rates`: AAPOR's response, cooperation, refusal and contact rates of a store's cases
/// (docs/analysis.md, "Response rates").
struct RatesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rates",
    abstract: "AAPOR response, cooperation, refusal and contact rates (RR1–RR6, COOP1–4, REF1–3, CON1–3).",
    discussion: """
      The store's interviews give the complete (I) and partial (P) interviews and the break-offs \
      (R); cases without an interview — not reached, refused before starting, not eligible — come \
      from a dispositions file ({"NC": 612, "R": 40, "UO": 95, "NE": 12}). e, the share eligible \
      among the cases of unknown eligibility, is estimated from those of known eligibility unless \
      given. See docs/analysis.md.
      """)

  @Argument(help: "The store made by enkat collect.")
  var store: String?

  @Option(help: "A CATI sample: the dispositions come from its calls (docs/cati.md).")
  var sample: String?

  @Option(help: "A JSON file of counts by AAPOR category for cases without an interview in the store.")
  var dispositions: String?

  @Option(help: "The share eligible among the cases of unknown eligibility (0–1). Default: estimated.")
  var e: Double?

  @Option(
    help:
      "A break-off is a partial interview (P) when it answered at least this share of the questions a complete one did."
  )
  var partial: Double = 0.5

  @Option(help: "Output format.")
  var format: TabCommand.Format = .text

  @Option(name: .customLong("lang"), help: "Language of the table's words (sv, en).")
  var language: String = "sv"

  func validate() throws {
    guard (store == nil) != (sample == nil) else {
      throw ValidationError("give a store (interviews) or --sample (CATI calls), one of them")
    }
    if let e, !(0...1).contains(e) { throw ValidationError("--e must be between 0 and 1, not \(e)") }
    guard (0...1).contains(partial) else { throw ValidationError("--partial must be between 0 and 1, not \(partial)") }
    guard ["sv", "en"].contains(language) else { throw ValidationError("--lang must be sv or en, not '\(language)'") }
  }

  func run() throws {
    var counts: Dispositions
    if let store {
      counts = Dispositions.interviews(try StoreFile.openExisting(store).interviewOutcomes(), partialShare: partial)
    } else {
      let status = try CatiStatusOutput.status(sample: sample!, quotas: nil)
      counts = Dispositions(
        Dictionary(
          uniqueKeysWithValues: status.rateCounts.compactMap { key, n in
            Dispositions.Code(rawValue: key).map { ($0, Double(n)) }
          }))
    }
    if let dispositions {
      let bytes: [UInt8]
      do { bytes = try QuestionnaireFile.bytes(dispositions) } catch {
        printError("error: \(error)")
        throw ExitCode(66)
      }
      switch Dispositions.parse(bytes, file: dispositions) {
      case .success(let more): counts = counts.adding(more)
      case .failure(let problems):
        printError(problems.description)
        throw ExitCode(65)
      }
    }
    let table = ResponseRates(counts, e: e).table(Words(language: language))
    print(format.rendered(table), terminator: "")
  }
}
