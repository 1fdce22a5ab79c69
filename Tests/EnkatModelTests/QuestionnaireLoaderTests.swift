import EnkatTestSupport
import Testing

@testable import EnkatModel

@Suite("Loading questionnaires")
struct QuestionnaireLoaderTests {
  private func load(_ json: String) -> QuestionnaireLoader.Outcome {
    QuestionnaireLoader.load(Array(json.utf8), file: "t.json")
  }

  @Test("a valid questionnaire decodes every question type")
  func decodes() throws {
    let json = questionnaireJSON(
      """
      {"id": "intro", "type": "display", "text": {"sv": "Hej", "en": "Hi"}},
      {"id": "area", "type": "singleChoice", "text": {"sv": "Område?", "en": "Area?"},
       "options": [{"code": 1, "label": {"sv": "Ett", "en": "One"}}, {"code": 2, "label": {"sv": "Två", "en": "Two"}}],
       "allowMissing": ["refused"]},
      {"id": "why", "type": "multipleChoice", "askIf": "area = 1", "text": {"sv": "Varför?", "en": "Why?"},
       "options": [{"code": 1, "label": {"sv": "A", "en": "A"}}, {"code": 2, "label": {"sv": "B", "en": "B"}}], "maxSelected": 2},
      {"id": "sat", "type": "scale", "text": {"sv": "Nöjd?", "en": "Satisfied?"},
       "scale": {"min": 1, "max": 5, "minLabel": {"sv": "Inte alls", "en": "Not at all"}, "maxLabel": {"sv": "Helt", "en": "Fully"}}},
      {"id": "years", "type": "number", "range": {"min": 0, "max": 50}, "decimals": 1, "text": {"sv": "År?", "en": "Years?"},
       "checks": [{"rule": "years <= 40 or sat > 2", "message": {"sv": "Kontrollera", "en": "Check"}}]},
      {"id": "note", "type": "text", "required": false, "maxLength": 20, "text": {"sv": "Övrigt?", "en": "Other?"}}
      """)
    let outcome = load(json)
    #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics)")
    let q = try #require(outcome.questionnaire)
    #expect(q.questions.map(\.id) == ["intro", "area", "why", "sat", "years", "note"])
    #expect(q.questions[1].allowedMissing == [.refused])
    #expect(q.questions[3].allowedMissing == [.dontKnow, .refused])
    #expect(q.questions[2].askIf?.source == "area = 1")
    #expect(
      q.questions[2].kind
        == .multipleChoice(q.questions[2].choices, MultipleChoiceLimits(minSelected: 1, maxSelected: 2)))
    #expect(q.questions[4].kind == .number(NumberRange(min: 0, max: 50, decimals: 1)))
    #expect(q.questions[5].required == false)
    #expect(q.missingCode(.dontKnow)?.code == 98)
    #expect(q.digest.hasPrefix("sha256:") && q.digest.count == 71)
  }

  @Test("a dozen planted errors are each reported at their line and column, and nothing else")
  func plantedErrors() throws {
    let json = questionnaireJSON(
      """
      {"id": "area", "type": "singleChoice", "text": {"sv": "Område?", "en": "Area?"},
       "options": [{"code": 1, "label": {"sv": "Ett", "en": "One"}}, {"code": 1, "label": {"sv": "Två", "en": "Two"}},
                   {"code": 98, "label": {"sv": "Nio", "en": "Nine"}}]},
      {"id": "area", "type": "text", "text": {"sv": "Dubblett", "en": "Duplicate"}},
      {"id": "why", "type": "multipleChoice", "askIf": "arae = 1", "text": {"sv": "Varför?", "en": "Why?"},
       "options": [{"code": 1, "label": {"sv": "A", "en": "A"}}]},
      {"id": "sat", "type": "scale", "askif": "why = 1", "text": {"sv": "Nöjd?"},
       "scale": {"min": 1, "max": 5, "minLabel": {"sv": "Inte", "en": "Not"}, "maxLabel": {"sv": "Helt", "en": "Fully"}}},
      {"id": "later", "type": "singleChoice", "askIf": "why = 1 and age > 3", "text": {"sv": "Sen", "en": "Later"},
       "options": [{"code": 1, "label": {"sv": "A", "en": "A"}}]},
      {"id": "age", "type": "number", "text": {"sv": "Ålder", "en": "Age", "de": "Alter"}, "checks": [{"rule": "age >= ", "message": {"sv": "x", "en": "x"}}]},
      {"id": "kind", "type": "singelChoice", "text": {"sv": "Typ", "en": "Type"}},
      {"id": "bad id", "type": "text", "text": {"sv": "Id", "en": "Id"}},
      {"id": "cond", "type": "text", "askIf": "area + 1", "text": {"sv": "Villkor", "en": "Condition"}}
      """)
    let outcome = load(json)
    #expect(outcome.questionnaire == nil)
    // Each diagnostic must point at the first character of its needle.
    let expected: [(code: String, needle: String)] = [
      ("E012", #"1, "label": {"sv": "Två""#),
      ("E016", #"98, "label": {"sv": "Nio""#),
      ("E010", #""area", "type": "text""#),
      ("E110", "arae"),
      ("E004", #""askif""#),
      ("E013", #"{"sv": "Nöjd?"}"#),
      ("E124", "why = 1 and age"),
      ("E111", "age > 3"),
      ("E014", #""de""#),
      ("E106", #"", "message": {"sv": "x""#),
      ("E034", #""singelChoice""#),
      ("E011", #""bad id""#),
      ("E120", "area + 1"),
    ]
    var unmatched = outcome.diagnostics
    for e in expected {
      let (line, column) = locate(e.needle, in: json)
      let index = unmatched.firstIndex {
        $0.code == e.code && $0.position?.line == line && $0.position?.column == column
      }
      #expect(
        index != nil,
        "\(e.code) expected at \(line):\(column); got \(outcome.diagnostics.map { "\($0.code)@\($0.position!.line):\($0.position!.column)" })"
      )
      if let index { unmatched.remove(at: index) }
    }
    #expect(unmatched.isEmpty, "spurious: \(unmatched)")
  }

  @Test("a scale that includes a missing code is an error naming the code and its kind")
  func scaleClash() throws {
    let json = questionnaireJSON(
      """
      {"id": "s", "type": "scale", "text": {"sv": "S", "en": "S"},
       "scale": {"min": 90, "max": 100, "minLabel": {"sv": "a", "en": "a"}, "maxLabel": {"sv": "b", "en": "b"}}}
      """)
    let d = try #require(load(json).diagnostics.first)
    #expect(d.code == "E016")
    #expect(d.message == "the scale 90–100 includes 98, the dontKnow code")
  }

  @Test("a check is hard unless it says soft; another kind is an error")
  func checkKinds() throws {
    let json = questionnaireJSON(
      """
      {"id": "n", "type": "number", "text": {"sv": "N", "en": "N"}, "checks": [
        {"rule": "n > 1", "message": {"sv": "a", "en": "a"}},
        {"rule": "n > 2", "kind": "soft", "message": {"sv": "b", "en": "b"}}]}
      """)
    let q = try #require(load(json).questionnaire)
    #expect(q.questions[0].checks.map(\.kind) == [.hard, .soft])
    let bad = load(json.replacingOccurrences(of: "\"soft\"", with: "\"gentle\""))
    #expect(bad.diagnostics.map(\.code) == ["E046"])
    #expect(bad.diagnostics.first?.message == "a check's kind is \"hard\" or \"soft\", not \"gentle\"")
  }

  @Test("a misspelt reference gets a did-you-mean and names the question")
  func didYouMean() throws {
    let json = questionnaireJSON(
      """
      {"id": "age", "type": "number", "text": {"sv": "Ålder", "en": "Age"}},
      {"id": "school", "type": "text", "askIf": "agee >= 18", "text": {"sv": "Skola", "en": "School"}}
      """)
    let d = try #require(load(json).diagnostics.first)
    #expect(d.code == "E110")
    #expect(d.questionID == "school")
    #expect(d.hint == "did you mean 'age'?")
    #expect(d.path == "sections[0].questions[1].askIf")
    let rendered = d.rendered(source: SourceText(file: "t.json", bytes: Array(json.utf8)))
    let (line, column) = locate("agee", in: json)
    #expect(
      rendered.hasPrefix("t.json:\(line):\(column): error[E110]: unknown question 'agee' in the condition of 'school'"))
    #expect(rendered.contains("^^^^ did you mean 'age'?"))
  }

  @Test("a JSON syntax error stops decoding and is the only diagnostic")
  func syntaxError() {
    let json = questionnaireJSON("{\"id\": \"a\" \"type\": \"text\"}")
    let outcome = load(json)
    #expect(outcome.diagnostics.count == 1)
    #expect(outcome.diagnostics[0].code == "E001")
    let (line, column) = locate("\"type\"", in: json)
    #expect(outcome.diagnostics[0].position?.line == line)
    #expect(outcome.diagnostics[0].position?.column == column)
  }

  @Test("the digest ignores layout and key order but not content")
  func digest() throws {
    let a = QuestionnaireLoader.load(
      Array(questionnaireJSON(#"{"id": "a", "type": "text", "text": {"sv": "A", "en": "A"}}"#).utf8), file: "a")
    let b = QuestionnaireLoader.load(
      Array(questionnaireJSON(#"{"text": {"en": "A", "sv": "A"},   "type": "text", "id": "a"}"#).utf8), file: "b")
    let c = QuestionnaireLoader.load(
      Array(questionnaireJSON(#"{"id": "a", "type": "text", "text": {"sv": "B", "en": "A"}}"#).utf8), file: "c")
    let da = try #require(a.questionnaire?.digest)
    #expect(da == b.questionnaire?.digest)
    #expect(da != c.questionnaire?.digest)
  }

  @Test("every questionnaire shipped in Questionnaires/ loads without errors or warnings")
  func shipped() throws {
    let root = PackagePaths.root()
    let files = TestDirectory.list(root + "/Questionnaires").filter { $0.hasSuffix(".json") }
    #expect(!files.isEmpty)
    for file in files {
      let outcome = QuestionnaireLoader.load(TestFiles.bytes(root + "/Questionnaires/" + file), file: file)
      #expect(outcome.questionnaire != nil, "\(file)")
      #expect(outcome.diagnostics.isEmpty, "\(file): \(outcome.diagnostics)")
    }
  }

  @Test("the flagship has Swedish first, a full English translation, and the seed's topics")
  func flagship() throws {
    let q = try #require(QuestionnaireLoader.load(TestFiles.bytes(PackagePaths.flagship), file: "f").questionnaire)
    #expect(q.languages == ["sv", "en"])
    let ids = Set(q.questions.map(\.id))
    for id in [
      "area", "satisfaction", "dissatisfactionReasons", "legalCertainty", "politicians", "prevention",
      "threatened", "threatKind", "automationAttitude", "automationAdvantages", "automationDrawbacks",
      "leaveIntention", "years", "ageGroup", "gender", "municipality",
    ] {
      #expect(ids.contains(id), "\(id)")
    }
    let reasons = try #require(q.questions.first { $0.id == "dissatisfactionReasons" })
    #expect(reasons.choices.map { $0.label.text(in: "sv") }.contains("Bristande resurser"))
    #expect(reasons.askIf != nil)
    #expect(q.sections.first { $0.id == "automation" }?.askIf?.source == "area = 1")
  }
}

@Suite("Hostile questionnaires")
struct HostileQuestionnaireTests {
  @Test("extreme numbers in a scale or range are diagnostics, not traps")
  func extremeNumbers() {
    let scale = questionnaireJSON(
      """
      {"id": "s", "type": "scale", "text": {"sv": "S", "en": "S"},
       "scale": {"min": -9223372036854775808, "max": 9223372036854775807, "minLabel": {"sv": "a", "en": "a"}, "maxLabel": {"sv": "b", "en": "b"}}},
      {"id": "n", "type": "number", "text": {"sv": "N", "en": "N"}, "range": {"min": 1e400, "max": -1e400}},
      {"id": "c", "type": "singleChoice", "text": {"sv": "C", "en": "C"}, "options": [{"code": 99999999999999999999999, "label": {"sv": "x", "en": "x"}}]}
      """)
    let outcome = QuestionnaireLoader.load(Array(scale.utf8), file: "x")
    #expect(outcome.questionnaire == nil)
    #expect(Set(outcome.diagnostics.map(\.code)) == ["E041", "E043", "E002"])
  }
}
