import EnkatExpressions
import EnkatModel

extension Interview {
  /// The options as the interviewer sees them: labels with their fills replaced.
  func filledChoices(_ choices: [Choice]) -> [Choice] {
    choices.map { choice in
      var result = choice
      result.label = filled(choice.label, candidate: nil)
      return result
    }
  }

  /// `text` in the interview language with its fills replaced by the current answers.
  func filled(_ text: LocalizedText?) -> String? {
    text.map { filled($0, candidate: nil).text(in: language) }
  }

  /// `text` with its fills replaced, in every language (a check's message may show the answer
  /// being checked: `candidate`).
  func filled(_ text: LocalizedText, candidate: (id: String, response: Response)?) -> LocalizedText {
    guard text.translations.values.contains(where: { $0.contains("{") || $0.contains("}") }) else { return text }
    let values = values(with: candidate)
    var result = text
    for (language, translation) in text.translations {
      result.translations[language] = FillTemplate.render(translation) { name in
        fillValue(name, language: language, values: values, candidate: candidate)
      }
    }
    return result
  }

  /// What a fill shows: an option's label, labels joined with commas, a number, a text, a computed
  /// value; nothing for a missing answer.
  private func fillValue(
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
    case .boolean(let b)?: return language == "sv" ? (b ? "ja" : "nej") : (b ? "yes" : "no")
    case .codes(let c)?: return c.map(String.init).joined(separator: ", ")
    case .missing?, nil: return ""
    }
  }
}
