@testable import EnkatEngine
import EnkatModel
import EnkatTestSupport
import Testing

@Suite("Answers and checks")
struct AnswerTests {
  /// A scenario positioned at `question`.
  private func at(_ question: String) throws -> Scenario {
    var s = try Scenario(routingQuestionnaire)
    let path: [String: [String]] = [
      "area": [""], "sat": ["", "2"], "why": ["", "2", "1"], "young": ["", "2", "4"],
      "years": ["", "2", "4", "1"], "note": ["", "2", "4", "2", "3"],
    ]
    for line in path[question]! { s.reply(line) }
    #expect(s.current == question)
    return s
  }

  @Test(
    "replies that are not answers are refused with the reason",
    arguments: [
      ("area", "7", AnswerProblem.notAnOption("7", codes: [1, 2, 3])),
      ("area", "Barn", .ambiguousLabel("Barn", matches: ["Barn och unga", "Barnomsorg"])),
      ("area", "", .empty),
      ("area", "/dk", .missingNotAllowed(.dontKnow)),
      ("area", "/bakc", .unknownCommand("/bakc", suggestion: "back")),
      ("sat", "6", .outOfRange(min: 1, max: 5)),
      ("sat", "bra", .notANumber("bra")),
      ("why", "1,2,3", .tooManySelected(max: 2)),
      ("why", "1,9", .notAnOption("9", codes: [1, 2, 3])),
      ("years", "51", .outOfRange(min: 0, max: 50)),
      ("years", "2.25", .tooManyDecimals(allowed: 1)),
      ("years", "tio", .notANumber("tio")),
      ("note", "elva tecken", .tooLong(max: 10)),
      ("note", "/ref", .missingNotAllowed(.refused)),
    ])
  func refused(question: String, reply: String, problem: AnswerProblem) throws {
    var s = try at(question)
    #expect(s.reply(reply) == problem)
    #expect(s.current == question, "the same question is asked again")
    #expect(
      s.events.allSatisfy { if case .answered(let q, _, _, _) = $0 { return q != question } else { return true } })
  }

  @Test(
    "codes, labels, label prefixes, lists and decimal commas are understood",
    arguments: [
      ("area", "2", Response.answer(.code(2))),
      ("area", "barn och unga", .answer(.code(2))),
      ("area", "Ekon", .answer(.code(1))),
      ("area", "Vill inte svara", .missing(.refused)),
      ("area", "/ref", .missing(.refused)),
      ("sat", "Nöjd", .answer(.code(5))),
      ("sat", "/dk", .missing(.dontKnow)),
      ("why", "3 1", .answer(.codes([1, 3]))),
      ("why", "Resurser, Lön", .answer(.codes([1, 3]))),
      ("why", "2,2", .answer(.codes([2]))),
      ("years", "11,5", .answer(.number(11.5))),
      ("note", "", .noAnswer),
      ("note", "  å ä ö  ", .answer(.text("å ä ö"))),
    ])
  func accepted(question: String, reply: String, response: Response) throws {
    var s = try at(question)
    #expect(s.reply(reply) == nil)
    #expect(s.interview.responses[question] == response)
  }

  @Test("a check across questions refuses the answer with its message, in the interview language")
  func crossQuestionCheck() throws {
    var s = try Scenario(routingQuestionnaire)
    for line in ["", "2", "4", "1"] { s.reply(line) }
    let refusal = s.reply("20")
    let problem = try #require(refusal)
    #expect(problem.message(in: "sv") == "För många år för under 30.")
    #expect(s.current == "years")
    #expect(s.reply("10") == nil)
  }

  /// At `years`, for a respondent aged 30 or more (so only the soft check applies).
  private func atYearsOver30() throws -> Scenario {
    var s = try Scenario(routingQuestionnaire)
    for line in ["", "2", "4", "2"] { s.reply(line) }
    #expect(s.current == "years")
    return s
  }

  @Test("a soft check warns, and the same answer again or /ok keeps it, recorded as confirmed")
  func softCheck() throws {
    var s = try atYearsOver30()
    let warning = s.reply("45")
    #expect(warning == .checkWarning(LocalizedText(["sv": "Ovanligt många år.", "en": "Unusually many years."])))
    #expect(warning?.message(in: "sv").hasPrefix("Ovanligt många år. (Stämmer det?") == true)
    #expect(s.current == "years")
    #expect(s.reply("45") == nil, "the same answer again confirms it")
    #expect(
      Array(s.events.suffix(2)) == [
        .confirmed(questionID: "years", check: 1),
        .answered(questionID: "years", response: .answer(.number(45)), elapsedMilliseconds: 10, revision: false),
      ])
    var t = try atYearsOver30()
    t.reply("45")
    #expect(t.reply("/ok") == nil)
    #expect(t.interview.responses["years"] == .answer(.number(45)))
    #expect(t.events.contains(.confirmed(questionID: "years", check: 1)))
  }

  @Test("a warning is confirmed only right after it: another answer, or /ok later, asks again")
  func softCheckExpires() throws {
    var s = try atYearsOver30()
    s.reply("45")
    #expect(s.reply("44") == .checkWarning(LocalizedText(["sv": "Ovanligt många år.", "en": "Unusually many years."])))
    #expect(s.reply("/dk") == nil)
    s.reply("<")
    #expect(s.current == "years")
    #expect(s.reply("/ok") == .nothingToConfirm)
    #expect(s.reply("45") != nil, "a new warning, not a confirmation of the old one")
  }

  @Test("a hard check is reported before a soft one")
  func hardBeforeSoft() throws {
    var s = try Scenario(routingQuestionnaire)
    for line in ["", "2", "4", "1"] { s.reply(line) }
    #expect(
      s.reply("45")
        == .checkFailed(LocalizedText(["sv": "För många år för under 30.", "en": "Too many years for under 30."])))
    #expect(s.reply("45") != nil, "a hard check cannot be confirmed")
  }

  @Test("a check reading a missing answer does not fire")
  func checkWithMissing() throws {
    var s = try Scenario(routingQuestionnaire)
    for line in ["", "2", "4", "/dk"] { s.reply(line) }
    #expect(s.reply("20") == nil)
  }

  @Test("a kept answer is checked again when an earlier answer changed")
  func keptAnswerRechecked() throws {
    var s = try Scenario(routingQuestionnaire)
    for line in ["", "2", "4", "2", "20"] { s.reply(line) }
    #expect(s.current == "note")
    s.reply("<")
    s.reply("<")
    s.reply("1")  // now under 30
    #expect(s.current == "years")
    let refusal = s.reply("")
    #expect(refusal?.message(in: "en") == "Too many years for under 30.")
  }

  @Test("a text with a line break is refused")
  func lineBreak() throws {
    var s = try at("note")
    #expect(s.reply("rad ett\nrad två") == .lineBreak)
  }

  @Test("every interviewer message exists in Swedish and English")
  func messages() {
    let problems: [AnswerProblem] = [
      .empty, .lineBreak, .atFirstQuestion, .nothingToAnswer, .endExpectsEnter,
      .tooFewSelected(min: 1), .outOfRange(min: nil, max: 3), .outOfRange(min: 1, max: nil),
      .tooManyDecimals(allowed: 0),
    ]
    for p in problems {
      #expect(!p.message(in: "sv").isEmpty && p.message(in: "sv") != p.message(in: "en"))
    }
  }

  @Test("commands are recognised with their aliases; other lines are answers")
  func commands() {
    #expect(InterviewInput(parsing: "<") == .command(.back))
    #expect(InterviewInput(parsing: " /back ") == .command(.back))
    #expect(InterviewInput(parsing: "?") == .command(.help))
    #expect(InterviewInput(parsing: "/DK") == .command(.dontKnow))
    #expect(InterviewInput(parsing: "back") == .answer("back"))
    #expect(InterviewInput(parsing: "/paus") == .unknownCommand("/paus", suggestion: .pause))
    #expect(InterviewInput(parsing: "/lang en") == .switchLanguage("en"))
    #expect(InterviewInput(parsing: " /LANG ") == .switchLanguage(nil))
    #expect(InterviewInput(parsing: "/ok") == .command(.confirm))
  }
}

@Suite("Numbers as typed")
struct PlainNumberTests {
  @Test(
    "a number is digits with an optional minus and decimal part, nothing else",
    arguments: [
      ("12", true), ("-3", true), ("1.5", true), ("0.25", true), ("1.", false), (".5", false), ("-", false),
      ("", false), ("1.2.3", false), ("1e5", false), ("+1", false), ("١٢", false), ("12a", false), ("--1", false),
    ])
  func plain(text: String, valid: Bool) {
    #expect(AnswerParser.isPlainNumber(text) == valid)
  }
}

@Suite("Trimming replies")
struct TrimmingTests {
  @Test("spaces and tabs at the ends go, inner ones and other characters stay", arguments: [
    ("  12 ", "12"), ("\t/dk\t", "/dk"), ("\u{00A0}Åke Öst\u{2003}", "Åke Öst"), ("   ", ""), ("", ""), ("a\nb", "a\nb"),
  ])
  func trims(text: String, expected: String) {
    #expect(text.trimmingSpaces == expected)
  }
}
