import EnkatModel
import Testing

@Suite("Compatibility between questionnaire versions")
struct CompatibilityTests {
  func questionnaire(_ questions: String, loop: String = #"{"times": "n", "max": 3}"#) throws -> Questionnaire {
    let json = """
      {"formatVersion": 1, "id": "c", "version": "1", "title": {"en": "C"}, "languages": ["en"], "sections": [
        {"id": "a", "title": {"en": "A"}, "questions": [
          {"id": "n", "type": "number", "range": {"min": 1, "max": 3}, "text": {"en": "N?"}}, \(questions)]},
        {"id": "l", "title": {"en": "L"}, "repeat": \(loop), "questions": [
          {"id": "name", "type": "text", "text": {"en": "Name?"}}]}]}
      """
    let outcome = QuestionnaireLoader.load(Array(json.utf8), file: "c.json")
    return try #require(outcome.questionnaire, "\(outcome.diagnostics)")
  }

  let choice = #"{"id": "q", "type": "singleChoice", "text": {"en": "Q?"}, "options": ["#
  let scale =
    #"{"id": "s", "type": "scale", "text": {"en": "S?"}, "scale": {"min": 1, "max": 5, "minLabel": {"en": "lo"}, "maxLabel": {"en": "hi"}}}"#

  func codes(_ old: Questionnaire, _ new: Questionnaire) -> [String] {
    Compatibility.compare(old: old, new: new).map { "\($0.code) \($0.subject)" }
  }

  @Test("options: a removed code is an error, a relabelled one a warning, an added one nothing")
  func options() throws {
    let old = try questionnaire(choice + #"{"code": 1, "label": {"en": "Yes"}}, {"code": 2, "label": {"en": "No"}}]}"#)
    let removed = try questionnaire(choice + #"{"code": 1, "label": {"en": "Yes"}}]}"#)
    let relabelled = try questionnaire(
      choice
        + #"{"code": 1, "label": {"en": "Yes"}}, {"code": 2, "label": {"en": "Never"}}, {"code": 3, "label": {"en": "?"}}]}"#
    )
    #expect(codes(old, removed) == ["E203 q"])
    #expect(codes(old, relabelled) == ["W201 q"])
    #expect(codes(old, old).isEmpty)
  }

  @Test("a changed type, and a scale cut short or lengthened")
  func kinds() throws {
    let old = try questionnaire(scale)
    let shorter = try questionnaire(scale.replacingOccurrences(of: #""max": 5"#, with: #""max": 4"#))
    let longer = try questionnaire(scale.replacingOccurrences(of: #""max": 5"#, with: #""max": 7"#))
    let text = try questionnaire(#"{"id": "s", "type": "text", "text": {"en": "S?"}}"#)
    #expect(codes(old, shorter) == ["E204 s"])
    #expect(codes(old, longer) == ["W202 s"])
    #expect(codes(old, text) == ["E202 s"])
  }

  @Test("a loop that loses iterations or becomes another loop breaks its answers; one that gains iterations does not")
  func loops() throws {
    let old = try questionnaire(scale)
    #expect(codes(old, try questionnaire(scale, loop: #"{"times": "n", "max": 2}"#)) == ["E207 name"])
    #expect(codes(old, try questionnaire(scale, loop: #"{"times": "n", "max": 5}"#)).isEmpty)
  }
}
