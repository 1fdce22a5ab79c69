import Foundation

/// A small valid questionnaire with one section; `questions` is spliced in as JSON.
func questionnaireJSON(_ questions: String, extraSections: String = "") -> String {
  """
  {
    "formatVersion": 1,
    "id": "test",
    "version": "1",
    "title": {"sv": "Test", "en": "Test"},
    "languages": ["sv", "en"],
    "missingCodes": [
      {"kind": "dontKnow", "code": 98, "label": {"sv": "Vet ej", "en": "Don't know"}},
      {"kind": "refused", "code": 99, "label": {"sv": "Vill inte svara", "en": "Refused"}}
    ],
    "allowMissing": ["dontKnow", "refused"],
    "sections": [
      {"id": "s1", "title": {"sv": "Del 1", "en": "Part 1"}, "questions": [
  \(questions)
      ]}\(extraSections)
    ]
  }
  """
}

/// The 1-based line and column (in Unicode scalars) of the first occurrence of `needle`.
func locate(_ needle: String, in text: String) -> (line: Int, column: Int) {
  guard let r = text.range(of: needle) else { return (0, 0) }
  let before = text[text.startIndex..<r.lowerBound]
  let line = before.filter { $0 == "\n" }.count + 1
  let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
  return (line, text[lineStart..<r.lowerBound].unicodeScalars.count + 1)
}
