import EnkatLog
import EnkatTestSupport
import Glibc
import Testing

/// A three-question questionnaire with å, ä and ö in its options.
let fruitQuestionnaire = """
  {
    "formatVersion": 1, "id": "frukt", "version": "1", "title": {"sv": "Frukt", "en": "Fruit"}, "languages": ["sv", "en"],
    "missingCodes": [{"kind": "dontKnow", "code": 98, "label": {"sv": "Vet ej", "en": "Don't know"}},
                     {"kind": "refused", "code": 99, "label": {"sv": "Vill inte svara", "en": "Refused"}}],
    "allowMissing": ["dontKnow", "refused"],
    "sections": [{"id": "s", "title": {"sv": "Smak", "en": "Taste"}, "questions": [
      {"id": "frukt", "type": "singleChoice", "text": {"sv": "Vilken frukt föredrar du?", "en": "Which fruit do you prefer?"},
       "options": [{"code": 1, "label": {"sv": "Äpple", "en": "Apple"}}, {"code": 2, "label": {"sv": "Päron", "en": "Pear"}},
                   {"code": 3, "label": {"sv": "Åkerbär", "en": "Arctic bramble"}}]},
      {"id": "nojd", "type": "scale", "text": {"sv": "Hur nöjd är du?", "en": "How satisfied are you?"},
       "scale": {"min": 1, "max": 5, "minLabel": {"sv": "Inte alls", "en": "Not at all"}, "maxLabel": {"sv": "Mycket", "en": "Very"}}},
      {"id": "kommentar", "type": "text", "required": false, "text": {"sv": "Något mer?", "en": "Anything else?"}}
    ]}]
  }
  """

@Suite("Interviewing in a real terminal")
struct ShortInterviewTests {
  /// A temporary folder holding the fruit questionnaire, and that file's path.
  private func fruitFiles() -> (TemporaryDirectory, String) {
    let dir = TemporaryDirectory()
    let q = dir.file("frukt.json")
    TestFiles.write(fruitQuestionnaire, to: q)
    return (dir, q)
  }

  @Test("TAB completion, history, Ctrl-C, invalid input, don't know, back and å ä ö, all saved as typed")
  func shortInterview() throws {
    let (dir, q) = fruitFiles()
    let i = try Interviewer(q, data: dir.file("data"))
    try i.see("Vilken frukt föredrar du?")
    try i.see("3  Åkerbär")
    try i.see("frukt> ")
    i.session.send("å\t")  // lowercase å completes to the option Åkerbär
    try i.see("Åkerbär")
    i.session.send("\r")
    try i.answer("nojd", "9")
    try i.see("Svaret måste ligga mellan 1 och 5.")
    try i.see("nojd> ")
    i.session.send("\u{1b}[A")  // Up: this question's history
    try i.see("9")
    i.session.send("\u{15}halvt skrivet")  // Ctrl-U clears the line, then type
    try i.see("halvt skrivet")
    i.session.send("\u{03}")  // Ctrl-C discards the line
    try i.see("Ctrl-C: raden togs bort")
    try i.answer("nojd", "/dk")
    try i.answer("kommentar", "/back")
    try i.see("Nu: Vet ej — Enter behåller")
    try i.answer("nojd", "4")
    try i.answer("kommentar", "?")
    try i.see("Kommandon (vid varje fråga):")
    try i.see("kommentar> ")
    i.session.send("hej på dig, åäx\u{7f}ö\r")  // Backspace removes the x: editing is by character
    try i.answer("slut", "")
    try i.see("avslutad (complete)")
    #expect(try i.session.waitExit() == 0)
    let contents = try i.records("frukt")
    #expect(
      summary(contents) == [
        "start", "frukt=3", "nojd=dontKnow", "nojd=4 rev", "kommentar='hej på dig, åäö'", "end complete",
      ])
    #expect(contents.problems.isEmpty)
    guard case .start(let start) = contents.records[0].record.payload else { Issue.record("no start"); return }
    #expect(start.interviewer == "Anna" && start.language == "sv" && start.questionnaireID == "frukt")
    #expect(contents.records.allSatisfy { $0.record.caseID == "S01-0001" })
  }

  @Test("the interview runs in English with --lang en, and /lang switches language mid-interview")
  func english() throws {
    let (dir, q) = fruitFiles()
    let i = try Interviewer(q, data: dir.file("data"), extra: ["--lang", "en"])
    try i.see("Which fruit do you prefer?")
    try i.answer("frukt", "Pe\t")
    try i.see("Pear")
    try i.answer("nojd", "x")
    try i.see("“x” is not a number.")
    try i.answer("nojd", "/lang sv")
    try i.see("Hur nöjd är du?")
    try i.answer("nojd", "x")
    try i.see("”x” är inget tal.")
    try i.answer("nojd", "/lang en")
    try i.see("How satisfied are you?")
    try i.answer("nojd", "/pause")
    try i.see("ended (suspended)")
    #expect(try i.session.waitExit() == 0)
    #expect(summary(try i.records("frukt")) == ["start", "frukt=2", "language sv", "language en", "end suspended"])
  }

  @Test("SIGTERM keeps every saved answer, records the pause, and leaves the terminal usable")
  func sigterm() throws {
    let (dir, q) = fruitFiles()
    let i = try Interviewer(q, data: dir.file("data"))
    try i.answer("frukt", "1")
    try i.see("nojd> ")
    i.session.send("3")
    try i.see("3")
    #expect(try i.session.kill(signal: SIGTERM) == 143)
    #expect(summary(try i.records("frukt")) == ["start", "frukt=1", "end suspended"])
    var t = termios()
    #expect(tcgetattr(i.session.master, &t) == 0)
    #expect(t.c_lflag & tcflag_t(ICANON | ECHO) == tcflag_t(ICANON | ECHO), "terminal left in raw mode")
  }

  @Test("closing the terminal keeps every saved answer and the case resumes; Ctrl-D pauses")
  func hangUpAndCtrlD() throws {
    let (dir, q) = fruitFiles()
    let i = try Interviewer(q, data: dir.file("data"))
    try i.answer("frukt", "2")
    try i.see("nojd> ")
    i.session.send("4")
    try i.see("4")
    let status = try i.session.hangUp()
    #expect(status == 143, "exit status \(status)")
    #expect(summary(try i.records("frukt")) == ["start", "frukt=2", "end suspended"])
    let again = try Interviewer(q, data: dir.file("data"), extra: ["--resume"])
    try again.see("återupptagen med 1 sparade svar")
    try again.see("nojd> ")
    again.session.send("\u{04}")  // Ctrl-D on an empty line
    try again.see("avslutad (suspended)")
    #expect(try again.session.waitExit() == 0)
    #expect(summary(try again.records("frukt")) == ["start", "frukt=2", "end suspended", "resume", "end suspended"])
  }

  @Test("a second interviewer process on the same station is refused and writes nothing")
  func busyStation() throws {
    let (dir, q) = fruitFiles()
    let first = try Interviewer(q, data: dir.file("data"))
    try first.see("frukt> ")
    let second = try Interviewer(q, data: dir.file("data"))
    try second.see("is in use by another enkat process")
    #expect(try second.session.waitExit() == 74)
    first.session.send("2\r")  // its prompt is already on the screen
    try first.answer("nojd", "/stop")
    #expect(try first.session.waitExit() == 0)
    #expect(summary(try first.records("frukt")) == ["start", "frukt=2", "end breakOff"])
  }

  @Test("piped input without a terminal runs the same interview")
  func piped() throws {
    let (dir, q) = fruitFiles()
    let out = try Shell.run(
      "printf 'Päron\\n5\\n\\n\\n' | \(PackagePaths.enkat) interview \(q) --data \(dir.file("data")) --station P1")
    #expect(out.status == 0, "\(out.text)")
    let contents = try ResponseLogWriter.read(
      path: ResponseLogWriter.path(directory: dir.file("data"), questionnaireID: "frukt", station: "P1"))
    #expect(summary(contents) == ["start", "frukt=2", "nojd=5", "kommentar=noAnswer", "end complete"])
  }
}
