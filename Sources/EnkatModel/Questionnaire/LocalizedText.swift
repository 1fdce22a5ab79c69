/// A text in every language of the questionnaire, keyed by language code (`sv`, `en`).
public struct LocalizedText: Equatable, Sendable {
  public var translations: [String: String]

  public init(_ translations: [String: String]) {
    self.translations = translations
  }

  /// The text in `language`, falling back to `fallback` and then to any translation.
  public func text(in language: String, fallback: String? = nil) -> String {
    if let t = translations[language] { return t }
    if let fallback, let t = translations[fallback] { return t }
    return translations.sorted { $0.key < $1.key }.first?.value ?? ""
  }
}
