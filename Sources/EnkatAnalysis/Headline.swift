import EnkatModel

/// A share said in the words journalists use — "fyra av tio", "varannan", "drygt vart tredje";
/// "four in ten", "one in two", "just over one in three" — never more precise than its confidence
/// interval allows (docs/analysis.md, "Headlines").
///
/// The rules, in order:
/// 1. Below 5 % the share is "fewer than one in twenty"; above 95 % "almost all".
/// 2. The fraction said is one of 1/2, 1/3, 2/3, 1/4, 3/4, 1/5, the other tenths and 1/20 (in
///    that order of simplicity). Among those inside the interval, the one nearest the share (the simpler on a
///    tie); when none is inside, the nearest of all.
/// 3. The share within 1.5 points of the fraction is said plainly; further above it "just over"
///    ("drygt"), further below "almost" ("nästan").
/// 4. When the interval is 10 points wide or more, or holds more than one of the fractions, the
///    share cannot be pinned down to one of them: it is "about" ("ungefär") the fraction chosen.
/// 5. One half is "varannan" / "one in two" before a noun ("nästan varannan socialsekreterare"),
///    "hälften" / "half" alone or before "av" / "of" ("ungefär hälften av dem").
public struct Headline: Equatable, Sendable {
  /// The words, to stand before a noun: "fyra av tio", "nästan varannan", "about one in three".
  public var phrase: String
  /// The fraction said (numerator, denominator), nil for the extremes.
  public var fraction: (Int, Int)?

  public static func == (a: Headline, b: Headline) -> Bool {
    a.phrase == b.phrase && a.fraction?.0 == b.fraction?.0 && a.fraction?.1 == b.fraction?.1
  }

  /// How the words are to stand in a sentence.
  public enum Form: Sendable {
    /// Before a noun: "varannan socialsekreterare", "one in two social workers".
    case count
    /// Alone or before "av" / "of": "hälften av socialsekreterarna", "half of social workers".
    case share
  }

  /// The headline of `share` (0–1) with its 95 % interval, in `language` (`sv`; any other in English).
  public init(share: Double, interval: ClosedRange<Double>, language: String, form: Form = .share) {
    let words = Words(language: language)
    if interval.upperBound < 0.05 || (share < 0.05 && interval.upperBound < 0.1) {
      phrase = words[.fewerThanOneInTwenty]
      fraction = nil
      return
    }
    if interval.lowerBound > 0.95 || (share > 0.95 && interval.lowerBound > 0.9) {
      phrase = words[.almostAll]
      fraction = nil
      return
    }
    let candidates = Self.fractions
    let inside = candidates.filter { interval.contains(Double($0.0) / Double($0.1)) }
    let pool = inside.isEmpty ? candidates : inside
    // Nearest to the share; `min` keeps the first (simpler) on a tie.
    let chosen = pool.min { abs(share - Double($0.0) / Double($0.1)) < abs(share - Double($1.0) / Double($1.1)) }!
    let difference = share - Double(chosen.0) / Double(chosen.1)
    // One half is "varannan" / "one in two" before a noun, else "hälften" / "half".
    let said = chosen == (1, 2) && form == .share ? words[.half] : Self.words(chosen, words)
    let loose = interval.upperBound - interval.lowerBound >= 0.10 || inside.count > 1
    if loose {
      phrase = words(.about, said)
    } else if difference > 0.015 {
      phrase = words(.justOver, said)
    } else if difference < -0.015 {
      phrase = words(.almost, said)
    } else {
      phrase = said
    }
    fraction = chosen
  }

  /// The fractions a headline says, simplest first.
  static let fractions: [(Int, Int)] =
    [(1, 2), (1, 3), (2, 3), (1, 4), (3, 4), (1, 5)] + [1, 3, 4, 6, 7, 8, 9].map { ($0, 10) } + [(1, 20)]

  private static func words(_ f: (Int, Int), _ words: Words) -> String {
    let numbers: [Words.Key] = [.one, .two, .three, .four, .five, .six, .seven, .eight, .nine, .ten]
    let ordinals: [Int: Words.Key] = [3: .third, 4: .fourth, 5: .fifth, 10: .tenth, 20: .twentieth]
    if f == (1, 2) { return words[.oneInTwoCount] }
    if f.0 == 1, let ordinal = ordinals[f.1] { return words(.oneInN, words[ordinal]) }
    return words(.fraction, words[numbers[f.0 - 1]], words[numbers[f.1 - 1]])
  }
}

extension Headline {
  /// A table's note that says a row's share in words: `Nej: fyra av tio (41.1 %, 95 % KI 39.1–43.1)`.
  static func note(_ label: String, successes: Double, trials: Double, words: Words) -> String? {
    guard trials > 0, let interval = Statistics.wilsonInterval(successes: successes, trials: trials) else { return nil }
    return note(label, share: successes / trials, interval: interval, words: words)
  }

  /// The note for a share with its interval (a weighted estimate's, say).
  static func note(_ label: String, share: Double, interval: ClosedRange<Double>, words: Words) -> String {
    let headline = Headline(share: share, interval: interval, language: words.language)
    func percent(_ v: Double) -> String { String(format: "%.1f", 100 * v) }
    return "\(label): \(headline.phrase) (\(percent(share)) %, \(words[.interval]) "
      + "\(percent(interval.lowerBound))–\(percent(interval.upperBound)))"
  }
}
