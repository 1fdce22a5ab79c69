import EnkatModel

/// The final dispositions of a survey's cases in the categories of the AAPOR Standard
/// Definitions: interviews (I complete, P partial), eligible non-interviews (R refusals and
/// break-offs, NC non-contacts, O other), unknown eligibility (UH unknown if eligible household or
/// person reached, UO unknown, other) and not eligible (NE).
public struct Dispositions: Equatable, Sendable {
  /// An AAPOR category.
  public enum Code: String, CaseIterable, Sendable {
    case I, P, R, NC, O, UH, UO, NE
  }

  public var counts: [Code: Double] = [:]

  public init(_ counts: [Code: Double] = [:]) { self.counts = counts }

  public subscript(_ code: Code) -> Double {
    get { counts[code] ?? 0 }
    set { counts[code] = newValue }
  }

  /// The categories of the interviews a store holds: a complete interview is I; an interview that
  /// broke off, was suspended or is still open is P when it answered at least `partialShare` of
  /// the questions the complete interviews answered (their median), and R (a break-off) when
  /// fewer — or when there is no complete interview to measure by.
  public static func interviews(_ cases: [(outcome: InterviewOutcome?, answered: Int)], partialShare: Double)
    -> Dispositions
  {
    let completes = cases.filter { $0.outcome == .complete }.map { Double($0.answered) }
    let threshold = Statistics.median(completes).map { partialShare * $0 }
    var result = Dispositions()
    for c in cases {
      if c.outcome == .complete {
        result[.I] += 1
      } else if let threshold, Double(c.answered) >= threshold {
        result[.P] += 1
      } else {
        result[.R] += 1
      }
    }
    return result
  }

  /// These dispositions with `other`'s added.
  public func adding(_ other: Dispositions) -> Dispositions {
    Dispositions(counts.merging(other.counts, uniquingKeysWith: +))
  }

  /// Reads counts of non-interviews kept outside the store (a call log, a mail-out list):
  /// `{ "NC": 612, "R": 40, "UO": 95, "NE": 12 }`, every problem with its place.
  public static func parse(_ bytes: [UInt8], file: String) -> Result<Dispositions, SpecProblems> {
    SpecReader.read(bytes, file: file) { root, reader in
      let members = reader.members(
        root, "the dispositions", allowed: Set(Code.allCases.map(\.rawValue) + ["comment"]))
      var result = Dispositions()
      for (key, node) in members {
        guard let code = Code(rawValue: key) else { continue }
        if case .number(let text) = node.kind, let n = Double(text), n >= 0, n == n.rounded() {
          result[code] = n
        } else {
          reader.problem(node, "'\(key)' must be a number of cases (a whole number, 0 or more)")
        }
      }
      return result
    }
  }

}

/// AAPOR's outcome rates of a survey's final dispositions (Standard Definitions): response rates
/// RR1–RR6, cooperation rates COOP1–COOP4, refusal rates REF1–REF3 and contact rates CON1–CON3,
/// with `e`, the estimated share of eligible cases among those of unknown eligibility.
public struct ResponseRates: Sendable {
  public let dispositions: Dispositions
  public let e: Double
  /// Whether `e` was given rather than estimated.
  public let eGiven: Bool

  /// With `e` nil, e is estimated as the eligible share of the cases whose eligibility is known:
  /// (I + P + R + NC + O) / (I + P + R + NC + O + NE) (1 when none is known).
  public init(_ dispositions: Dispositions, e: Double? = nil) {
    self.dispositions = dispositions
    let d = dispositions
    let eligible = d[.I] + d[.P] + d[.R] + d[.NC] + d[.O]
    eGiven = e != nil
    self.e = e ?? (eligible + d[.NE] > 0 ? eligible / (eligible + d[.NE]) : 1)
  }

  /// The rates by name, in AAPOR's order; nil where the denominator is 0.
  public var rates: [(name: String, value: Double?)] {
    let d = dispositions
    let interviews = d[.I] + d[.P]
    let eligibleNon = d[.R] + d[.NC] + d[.O]
    let unknown = d[.UH] + d[.UO]
    func rate(_ numerator: Double, _ denominator: Double) -> Double? { denominator > 0 ? numerator / denominator : nil }
    let contacted = interviews + d[.R] + d[.O]
    return [
      ("RR1", rate(d[.I], interviews + eligibleNon + unknown)),
      ("RR2", rate(interviews, interviews + eligibleNon + unknown)),
      ("RR3", rate(d[.I], interviews + eligibleNon + e * unknown)),
      ("RR4", rate(interviews, interviews + eligibleNon + e * unknown)),
      ("RR5", rate(d[.I], interviews + eligibleNon)),
      ("RR6", rate(interviews, interviews + eligibleNon)),
      ("COOP1", rate(d[.I], interviews + d[.R] + d[.O])),
      ("COOP2", rate(interviews, interviews + d[.R] + d[.O])),
      ("COOP3", rate(d[.I], interviews + d[.R])),
      ("COOP4", rate(interviews, interviews + d[.R])),
      ("REF1", rate(d[.R], interviews + eligibleNon + unknown)),
      ("REF2", rate(d[.R], interviews + eligibleNon + e * unknown)),
      ("REF3", rate(d[.R], interviews + eligibleNon)),
      ("CON1", rate(contacted, contacted + d[.NC] + unknown)),
      ("CON2", rate(contacted, contacted + d[.NC] + e * unknown)),
      ("CON3", rate(contacted, contacted + d[.NC])),
    ]
  }

  /// The dispositions and the rates as one table: counts, then rates in per cent.
  public func table(_ words: Words) -> ResultTable {
    let labels: [Dispositions.Code: Words.Key] = [
      .I: .dispositionComplete, .P: .dispositionPartial, .R: .dispositionRefusal, .NC: .dispositionNonContact,
      .O: .dispositionOther, .UH: .dispositionUnknownHousehold, .UO: .dispositionUnknownOther,
      .NE: .dispositionNotEligible,
    ]
    var rows = Dispositions.Code.allCases.map { code in
      ResultTable.Row(label: "\(code.rawValue): \(words[labels[code]!])", values: [dispositions[code], nil])
    }
    rows.append(
      .init(
        label: words[.total], kind: .total, values: [dispositions.counts.values.reduce(0, +), nil]))
    let families: [(String, Words.Key)] = [
      ("RR", .responseRate), ("COOP", .cooperationRate), ("REF", .refusalRate), ("CON", .contactRate),
    ]
    for (name, value) in rates {
      let family = families.first { name.hasPrefix($0.0) && name.dropFirst($0.0.count).allSatisfy(\.isNumber) }!
      rows.append(.init(label: "\(name): \(words[family.1])", values: [nil, value.map { 100 * $0 }]))
    }
    let eNote = eGiven ? words[.eGiven] : words[.eEstimated]
    return ResultTable(
      title: words[.responseRatesTitle],
      base: "\(words[.cases]): \(ResultTable.formatted(dispositions.counts.values.reduce(0, +), .count))",
      columns: [.init(words[.count], .count), .init("%", .percent)],
      rows: rows, statistics: [("e", e)], notes: ["e: \(eNote)"])
  }
}
