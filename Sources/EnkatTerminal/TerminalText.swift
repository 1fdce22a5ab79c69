/// The interviewer-facing words of the terminal front end, in Swedish and English.
struct TerminalText {
  let sv: Bool

  init(language: String) { sv = language == "sv" }

  var interviewer: String { sv ? "Intervjuare" : "Interviewer" }
  var commandsLine: String { "/back /help /pause" }
  var keepCurrent: String { sv ? "Enter behåller" : "Enter keeps it" }
  var current: String { sv ? "Nu" : "Now" }
  var pressEnter: String { sv ? "(Enter för att fortsätta)" : "(Enter to continue)" }
  var optional: String { sv ? "Frivillig: Enter utan svar hoppar över." : "Optional: Enter with no answer skips it." }
  var multipleHint: String {
    sv ? "Flera svar: koder med komma, t.ex. 1,3" : "Several answers: codes separated by commas, e.g. 1,3"
  }
  var openAnswer: String { sv ? "Öppet svar" : "Open answer" }
  func date(_ range: String) -> String {
    (sv ? "Datum ÅÅÅÅ-MM-DD" : "Date YYYY-MM-DD") + (range.isEmpty ? "" : " (\(range))")
  }
  var confirmEnd: String {
    sv
      ? "Alla frågor är besvarade. Enter avslutar intervjun, /back ändrar ett svar."
      : "All questions are answered. Enter ends the interview, /back changes an answer."
  }
  var interruptedNote: String {
    sv
      ? "(Ctrl-C: raden togs bort. /pause avbryter intervjun.)"
      : "(Ctrl-C: the line was discarded. /pause interrupts the interview.)"
  }

  func number(_ range: String, decimals: Int) -> String {
    let d =
      decimals == 0
      ? (sv ? "heltal" : "whole number") : (sv ? "högst \(decimals) decimaler" : "at most \(decimals) decimals")
    return (sv ? "Tal" : "Number") + (range.isEmpty ? "" : " \(range)") + ", \(d)"
  }

  func scale(_ min: Int, _ minLabel: String, _ max: Int, _ maxLabel: String) -> String {
    (sv ? "Skala" : "Scale") + " \(min)–\(max): \(min) = \(minLabel) … \(max) = \(maxLabel)"
  }

  func started(_ caseID: String, _ path: String) -> String {
    sv
      ? "Intervju \(caseID) startad. Svaren sparas i \(path)."
      : "Interview \(caseID) started. Answers are saved in \(path)."
  }

  func resumed(_ caseID: String, _ answers: Int) -> String {
    sv
      ? "Intervju \(caseID) återupptagen med \(answers) sparade svar."
      : "Interview \(caseID) resumed with \(answers) saved answers."
  }

  func ended(_ caseID: String, _ outcome: String, _ path: String) -> String {
    sv
      ? "Intervju \(caseID) avslutad (\(outcome)). Svaren finns i \(path)."
      : "Interview \(caseID) ended (\(outcome)). Answers are in \(path)."
  }

  var help: String {
    if sv {
      return """
        Kommandon (vid varje fråga):
          /back eller <   tillbaka till föregående fråga (ändra svaret)
          /dk             Vet ej
          /ref            Vill inte svara
          /ok             behåll ett svar som en varning gällde
          /lang KOD       byt språk (/lang visar vilka som finns)
          /help eller ?   den här hjälpen
          /pause          avbryt nu, återuppta senare med --resume
          /stop           respondenten avbryter intervjun (avbrott)
        Svara med koden eller alternativets text (TAB kompletterar). Pil upp visar tidigare svar.
        """
    }
    return """
      Commands (at every question):
        /back or <      back to the previous question (change its answer)
        /dk             Don't know
        /ref            Refused
        /ok             keep an answer a warning was about
        /lang CODE      switch language (/lang lists them)
        /help or ?      this help
        /pause          interrupt now, resume later with --resume
        /stop           the respondent ends the interview (break-off)
      Answer with the code or the option's text (TAB completes). Up arrow shows earlier entries.
      """
  }
}
