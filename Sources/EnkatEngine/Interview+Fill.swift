import EnkatExpressions
import EnkatModel

/// Replaces the fills of texts with one set of values, computed when the first text that has a
/// fill needs them: a prompt, or a list of option labels, costs at most one pass over the answers.
struct TextFiller {
  let interview: Interview
  /// The answer being checked, which a check's message may show.
  let candidate: (id: String, response: Response)?
  private var values: [String: Value]?

  init(_ interview: Interview, candidate: (id: String, response: Response)? = nil) {
    self.interview = interview
    self.candidate = candidate
  }

  /// `text` in `language` with its fills replaced.
  mutating func text(_ text: LocalizedText, in language: String) -> String {
    render(text.text(in: language), language: language)
  }

  /// `text` with its fills replaced in every language.
  mutating func all(_ text: LocalizedText) -> LocalizedText {
    var result = text
    for (language, translation) in text.translations {
      result.translations[language] = render(translation, language: language)
    }
    return result
  }

  private mutating func render(_ text: String, language: String) -> String {
    guard text.contains("{") || text.contains("}") else { return text }
    if values == nil { values = interview.values(with: candidate) }
    let values = values!
    return FillTemplate.render(text) { name in
      interview.fillValue(name, language: language, values: values, candidate: candidate)
    }
  }
}

extension Interview {
  /// The options as the interviewer sees them: labels with their fills replaced.
  func filledChoices(_ choices: [Choice]) -> [Choice] {
    func hasFill(_ choice: Choice) -> Bool {
      choice.label.translations.values.contains { $0.utf8.contains(UInt8(ascii: "{")) }
    }
    guard choices.contains(where: hasFill) else { return choices }  // the usual case, on every answer
    var filler = TextFiller(self)
    return choices.map { choice in
      guard hasFill(choice) else { return choice }
      var result = choice
      result.label = filler.all(choice.label)
      return result
    }
  }

  /// What a fill shows: an option's label, labels joined with commas, a number, a text, a computed
  /// value; nothing for a missing answer.
  func fillValue(
    _ name: String, language: String, values: [String: Value], candidate: (id: String, response: Response)?
  )
    -> String
  {
    let question = questionIndex[name].map { questions[$0] }
    let response = candidate?.id == name ? candidate?.response : responses[name]
    // An option's label may itself have fills (a member's name): one level, with the same values.
    func label(_ code: Int) -> String {
      guard let text = question?.choices.first(where: { $0.code == code })?.label.text(in: language) else {
        return String(code)
      }
      return FillTemplate.render(text) { inner in
        inner == name ? "" : fillValue(inner, language: language, values: values, candidate: nil)
      }
    }
    switch response {
    case .answer(.code(let c))?: return label(c)
    case .answer(.codes(let codes))?: return codes.map(label).joined(separator: ", ")
    case .answer(.number(let n))?: return Value.format(n)
    case .answer(.text(let s))?: return s
    case .answer(.date(let day))?: return CalendarDay.format(day)
    case .missing?, .noAnswer?: return ""
    case nil: break
    }
    if case .computed(_, .date)? = question?.kind, case .number(let day)? = values[name] {
      return CalendarDay.format(Int(day))
    }
    switch values[name] {
    case .number(let n)?: return Value.format(n)
    case .text(let s)?: return s
    case .boolean(let b)?: return Words(language: language)[b ? .yesWord : .noWord]
    case .codes(let c)?: return c.map(String.init).joined(separator: ", ")
    case .missing?, nil: return ""
    }
  }
}
