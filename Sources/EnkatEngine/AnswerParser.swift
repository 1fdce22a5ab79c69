import EnkatExpressions
import EnkatModel
import Foundation

/// Turns what the interviewer typed into a response for one question, or says why it cannot.
///
/// Codes are accepted as digits; option labels case-insensitively, whole or by an unambiguous
/// beginning; several options of a multiple choice separated by commas (or, for codes only,
/// spaces); decimals with a point or a comma. Text answers are stored in Unicode NFC.
public struct AnswerParser: Sendable {
  public let question: Question
  public let language: String
  public let missingLabels: [MissingKind: String]
  /// The options offered now (their conditions hold), for choice questions.
  public let choices: [Choice]

  public init(question: Question, language: String, missingLabels: [MissingKind: String], choices: [Choice]? = nil) {
    self.question = question
    self.language = language
    self.missingLabels = missingLabels
    self.choices = choices ?? question.choices
  }

  /// The response for a non-empty reply.
  public func parse(_ reply: String) -> Result<Response, AnswerProblem> {
    let typed = reply.trimmingSpaces
    if typed.contains(where: { $0.isNewline }) { return .failure(.lineBreak) }
    // Typing a missing label ("Vet ej") records it, except in a text, where it may be the answer.
    if !acceptsFreeText, question.takesAnswer, let kind = missingKind(forLabel: typed) {
      return question.allowedMissing.contains(kind) ? .success(.missing(kind)) : .failure(.missingNotAllowed(kind))
    }
    switch question.kind {
    case .singleChoice:
      return choice(typed, among: choices).map { .answer(.code($0)) }
    case .multipleChoice(_, let limits):
      return multiple(typed, among: choices, limits: limits)
    case .scale(let scale):
      guard let n = Int(typed) else {
        if typed.lowercased() == scale.minLabel.text(in: language).lowercased() {
          return .success(.answer(.code(scale.min)))
        }
        if typed.lowercased() == scale.maxLabel.text(in: language).lowercased() {
          return .success(.answer(.code(scale.max)))
        }
        return .failure(.notANumber(typed))
      }
      guard (scale.min...scale.max).contains(n) else {
        return .failure(.outOfRange(min: Double(scale.min), max: Double(scale.max)))
      }
      return .success(.answer(.code(n)))
    case .number(let range):
      return number(typed, range: range)
    case .text(let maxLength):
      let text = typed.precomposedStringWithCanonicalMapping
      if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
        return .failure(.lineBreak)
      }
      if let maxLength, text.count > maxLength { return .failure(.tooLong(max: maxLength)) }
      return .success(.answer(.text(text)))
    case .date(let range):
      guard let day = CalendarDay.parse(typed) else { return .failure(.notADate(typed)) }
      if let low = range.min, day < low { return .failure(.dateOutOfRange(min: range.min, max: range.max)) }
      if let high = range.max, day > high { return .failure(.dateOutOfRange(min: range.min, max: range.max)) }
      return .success(.answer(.date(day)))
    case .display, .computed:
      return .failure(.nothingToAnswer)
    }
  }

  private var acceptsFreeText: Bool {
    if case .text = question.kind { return true }
    return false
  }

  private func missingKind(forLabel typed: String) -> MissingKind? {
    missingLabels.first { $0.value.lowercased() == typed.lowercased() }?.key
  }

  private func choice(_ typed: String, among choices: [Choice]) -> Result<Int, AnswerProblem> {
    let codes = choices.map(\.code)
    if let n = Int(typed) {
      return codes.contains(n) ? .success(n) : .failure(.notAnOption(typed, codes: codes))
    }
    let lower = typed.lowercased()
    let labels = choices.map { ($0.code, $0.label.text(in: language)) }
    if let exact = labels.first(where: { $0.1.lowercased() == lower }) { return .success(exact.0) }
    let prefixed = labels.filter { $0.1.lowercased().hasPrefix(lower) }
    if prefixed.count == 1, !lower.isEmpty { return .success(prefixed[0].0) }
    if prefixed.count > 1 { return .failure(.ambiguousLabel(typed, matches: prefixed.map(\.1))) }
    return .failure(.notAnOption(typed, codes: codes))
  }

  private func multiple(_ typed: String, among choices: [Choice], limits: MultipleChoiceLimits) -> Result<
    Response, AnswerProblem
  > {
    let onlyCodes = typed.allSatisfy { $0.isNumber || $0 == "," || $0 == " " }
    let separators: (Character) -> Bool = onlyCodes ? { $0 == "," || $0 == " " } : { $0 == "," }
    var chosen = Set<Int>()
    for part in typed.split(whereSeparator: separators) {
      let item = part.trimmingSpaces
      if item.isEmpty { continue }
      switch choice(item, among: choices) {
      case .success(let code): chosen.insert(code)
      case .failure(let problem): return .failure(problem)
      }
    }
    if chosen.count > 1, let only = choices.first(where: { $0.exclusive && chosen.contains($0.code) }) {
      return .failure(.exclusiveOption(only.label.text(in: language)))
    }
    if chosen.count < max(1, limits.minSelected) { return .failure(.tooFewSelected(min: max(1, limits.minSelected))) }
    if let maximum = limits.maxSelected, chosen.count > maximum { return .failure(.tooManySelected(max: maximum)) }
    return .success(.answer(.codes(chosen.sorted())))
  }

  /// `-?[0-9]+(\.[0-9]+)?`: digits with an optional sign and decimal part, nothing else.
  static func isPlainNumber(_ text: String) -> Bool {
    var bytes = text.utf8[...]
    if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
    let parts = bytes.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
    return (1...2).contains(parts.count)
      && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } }
  }

  private func number(_ typed: String, range: NumberRange) -> Result<Response, AnswerProblem> {
    let normalized = String(typed.unicodeScalars.compactMap { $0 == "," ? "." : $0 == " " ? nil : Character($0) })
    guard Self.isPlainNumber(normalized), let value = Double(normalized) else { return .failure(.notANumber(typed)) }
    let decimals = normalized.split(separator: ".").dropFirst().first?.count ?? 0
    if decimals > range.decimals { return .failure(.tooManyDecimals(allowed: range.decimals)) }
    if let low = range.min, value < low { return .failure(.outOfRange(min: range.min, max: range.max)) }
    if let high = range.max, value > high { return .failure(.outOfRange(min: range.min, max: range.max)) }
    return .success(.answer(.number(value)))
  }
}

extension Response {
  /// The response as an interviewer reads it: `2 Barn och unga`, `Vet ej`, `1, 3 (…; …)`.
  public func display(for question: Question, in language: String, missingLabels: [MissingKind: String]) -> String {
    switch self {
    case .noAnswer: return Words(language: language)[.noAnswerShown]
    case .missing(let kind): return missingLabels[kind] ?? kind.rawValue
    case .answer(.code(let c)):
      if let label = question.choices.first(where: { $0.code == c })?.label.text(in: language) {
        return "\(c) \(label)"
      }
      return String(c)
    case .answer(.codes(let codes)):
      let labels = codes.compactMap { c in question.choices.first { $0.code == c }?.label.text(in: language) }
      return codes.map(String.init).joined(separator: ", ") + " (" + labels.joined(separator: "; ") + ")"
    case .answer(.number(let n)): return Value.format(n)
    case .answer(.text(let s)): return s
    case .answer(.date(let day)): return CalendarDay.format(day)
    }
  }
}
