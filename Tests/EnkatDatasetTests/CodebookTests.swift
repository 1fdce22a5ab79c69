import EnkatExpressions
import EnkatModel
import EnkatTestSupport
import Testing

@testable import EnkatDataset

@Suite("The codebook: one naming rule, labels, codes and missing codes")
struct CodebookTests {
  func load(_ file: String) throws -> Questionnaire {
    try #require(
      QuestionnaireLoader.load(TestFiles.bytes(PackagePaths.root() + "/Questionnaires/" + file), file: file)
        .questionnaire)
  }

  @Test(
    "loop instances and options become names every tool accepts",
    arguments: [
      ("age[2]", nil, "age_2"), ("days[4]", nil, "days_4"), ("reasons", 3, "reasons_3"), ("modes[2]", 9, "modes_2_9"),
      ("x", -1, "x_m1"),
    ] as [(String, Int?, String)])
  func baseNames(id: String, option: Int?, expected: String) {
    #expect(VariableNaming.baseName(questionID: id, optionCode: option) == expected)
  }

  @Test("reserved words get a trailing _, long names are cut to 64 bytes, and names are unique regardless of case")
  func registry() {
    var names = VariableNaming.Registry()
    #expect(names.name(for: "and") == "and_")
    #expect(names.name(for: "age_2") == "age_2")
    #expect(names.name(for: "AGE_2") == "AGE_2_2")
    #expect(names.name(for: "age_2") == "age_2_3")
    let long = String(repeating: "å", count: 40)  // 80 bytes
    let first = names.name(for: long)
    #expect(first.utf8.count <= 64 && first.hasPrefix("ååå"))
    let second = names.name(for: long)
    #expect(second.utf8.count <= 64 && second.hasSuffix("_2") && second != first)
  }

  @Test("a question's own id keeps its name; a generated name that would repeat it gets a suffix")
  func ownIDsFirst() throws {
    let json = """
      {"formatVersion": 1, "id": "c", "version": "1", "title": {"en": "C"}, "languages": ["en"], "sections": [
        {"id": "a", "title": {"en": "A"}, "questions": [
         {"id": "n", "type": "number", "range": {"min": 1, "max": 2}, "text": {"en": "How many?"}}]},
        {"id": "p", "title": {"en": "P"}, "repeat": {"times": "n"}, "questions": [
         {"id": "age", "type": "number", "text": {"en": "Age?"}}]},
        {"id": "b", "title": {"en": "B"}, "questions": [
         {"id": "age_2", "type": "text", "text": {"en": "Written later, but a question's own id"}}]}]}
      """
    let q = try #require(QuestionnaireLoader.load(Array(json.utf8), file: "c").questionnaire)
    let codebook = Codebook(q)
    #expect(codebook.variables.map(\.name) == ["n", "age_1", "age_2_2", "age_2"])
    #expect(codebook.variables.map(\.questionID) == ["n", "age[1]", "age[2]", "age_2"])
  }

  @Test("the flagship: a variable per answer, a 0/1 column per option, labels, measures and missing codes")
  func flagship() throws {
    let q = try load("ssr-socialsekreterare-2019.json")
    let codebook = Codebook(q)
    let expected = q.instances.reduce(0) { count, question in
      guard question.isVariable else { return count }
      if case .multipleChoice(let choices, _) = question.kind { return count + choices.count }
      return count + 1
    }
    #expect(codebook.variables.count == expected)
    #expect(Set(codebook.variables.map { $0.name.uppercased() }).count == codebook.variables.count, "unique names")
    #expect(
      codebook.variables.allSatisfy { v in
        v.name.utf8.count <= 64 && v.name.first!.isLetter
          && v.name.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
      })
    let reasons = try #require(codebook.variable(named: "dissatisfactionReasons_1"))
    #expect(reasons.content == .option(code: 1))
    #expect(reasons.valueLabels.map(\.code) == [0, 1])
    #expect(reasons.label.text(in: "sv").hasSuffix("— Bristande resurser"))
    #expect(reasons.condition == "dissatisfied")
    let satisfaction = try #require(codebook.variable(named: "satisfaction"))
    #expect(satisfaction.measure == .ordinal)
    #expect(satisfaction.missingCodes.map(\.code) == [98, 99])
    let area = try #require(codebook.variable(named: "area"))
    #expect(area.measure == .nominal && area.valueLabels.count == 5)
    #expect(area.missingCodes.map(\.kind) == [.refused], "only what the question allows")
  }

  @Test("the household survey: a variable per loop iteration, named by iteration or member code")
  func household() throws {
    let codebook = Codebook(try load("hushallsundersokning.json"))
    let names = codebook.variables.map(\.name)
    #expect(names.contains("age_1") && names.contains("age_8") && !names.contains("age_9"), "hhsize is at most 8")
    #expect(names.contains("commuteMode_other_3"), "an other-specify text in a loop")
    #expect(names.contains("days_1") && names.contains("days_6"), "a forEach member's code names it")
    let days = try #require(codebook.variable(named: "days_1"))
    #expect(days.condition?.contains("modes contains 1") == true)
    #expect(days.condition?.contains("mode != 6") == true, "the loop section's condition, read in the iteration")
  }
}
