/// The words the analysis tables print, in Swedish and English, by key (docs/analysis.md). A
/// language other than these gets the English words.
public struct AnalysisWords: Sendable {
  public enum Key: String, CaseIterable, Sendable {
    case count, percent, validPercent, low, high, dontKnow, refused, notAsked, total, allCases, validAnswers
    case respondents, responses, percentOfRespondents, percentOfResponses, answeredQuestion, base
    case bothAnswered, chiSquare, expectedBelowFive, selectedWhere, interval
    case mean, median, standardDeviation, least, greatest
    case thisWave, previousWave, now, before, difference, points, to, increase, decrease, noClearChange
    case thatIs, chartNote, madeFrom
  }

  public let language: String

  public init(language: String) { self.language = language }

  public subscript(_ key: Key) -> String {
    let (sv, en) = Self.words[key]!
    return language == "sv" ? sv : en
  }

  private static let words: [Key: (String, String)] = [
    .count: ("antal", "n"),
    .percent: ("%", "%"),
    .validPercent: ("giltiga %", "valid %"),
    .low: ("95 % KI från", "95 % CI from"),
    .high: ("95 % KI till", "95 % CI to"),
    .dontKnow: ("Vet ej", "Don't know"),
    .refused: ("Vill inte svara", "Refused"),
    .notAsked: ("Ej tillfrågad / inget svar", "Not asked / no answer"),
    .total: ("Totalt", "Total"),
    .allCases: ("Alla fall", "All cases"),
    .validAnswers: ("giltiga svar", "valid answers"),
    .respondents: ("svarande", "respondents"),
    .responses: ("svar", "responses"),
    .percentOfRespondents: ("% av svarande", "% of respondents"),
    .percentOfResponses: ("% av svar", "% of responses"),
    .answeredQuestion: ("De som besvarat frågan", "Those who answered the question"),
    .base: ("bas", "base"),
    .bothAnswered: ("De som besvarat båda frågorna", "Those who answered both questions"),
    .chiSquare: ("chi-två", "chi-square"),
    .selectedWhere: ("urval", "where"),
    .interval: ("95 % KI", "95 % CI"),
    .mean: ("medel", "mean"),
    .median: ("median", "median"),
    .standardDeviation: ("std.avv.", "std. dev."),
    .least: ("minsta", "least"),
    .greatest: ("största", "greatest"),
    .thisWave: ("denna mätning", "this wave"),
    .previousWave: ("förra mätningen", "previous wave"),
    .now: ("nu", "now"),
    .before: ("förra", "before"),
    .to: ("till", "to"),
    .thatIs: ("Det är", "That is"),
    .chartNote: (
      "Staplarna visar andelen med 95 % konfidensintervall.", "Bars show the share with its 95 % confidence interval."
    ),
    .madeFrom: ("Underlag", "Made from"),
    .difference: ("skillnad", "difference"),
    .points: ("procentenheter", "points"),
    .increase: ("en ökning jämfört med förra mätningen", "an increase on the previous wave"),
    .decrease: ("en minskning jämfört med förra mätningen", "a decrease on the previous wave"),
    .noClearChange: ("ingen säker skillnad mot förra mätningen", "no clear change from the previous wave"),
    .expectedBelowFive: (
      "celler har ett förväntat antal under 5: chi-två-testet är osäkert",
      "cells have an expected count below 5: the chi-square test is unreliable"
    ),
  ]
}
