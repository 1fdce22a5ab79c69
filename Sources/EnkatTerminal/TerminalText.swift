import EnkatModel

/// The interviewer-facing words of the terminal front end, from the shared catalogue (`Words`).
struct TerminalText {
  let words: Words

  init(language: String) { words = Words(language: language) }

  var interviewer: String { words[.interviewer] }
  var commandsLine: String { "/back /help /pause" }
  var keepCurrent: String { words[.keepCurrent] }
  var current: String { words[.current] }
  var pressEnter: String { words[.pressEnter] }
  var optional: String { words[.optional] }
  var multipleHint: String { words[.multipleHint] }
  var openAnswer: String { words[.openAnswer] }
  func date(_ range: String) -> String { words[.dateHint] + (range.isEmpty ? "" : " (\(range))") }
  var confirmEnd: String { words[.confirmEnd] }
  var interruptedNote: String { words[.interruptedNote] }

  func number(_ range: String, decimals: Int) -> String {
    let d = decimals == 0 ? words[.wholeNumber] : words(.atMostDecimals, decimals)
    return words[.numberHint] + (range.isEmpty ? "" : " \(range)") + ", \(d)"
  }

  func scale(_ min: Int, _ minLabel: String, _ max: Int, _ maxLabel: String) -> String {
    words[.scaleHint] + " \(min)–\(max): \(min) = \(minLabel) … \(max) = \(maxLabel)"
  }

  func started(_ caseID: String, _ path: String) -> String { words(.started, caseID, path) }

  func resumed(_ caseID: String, _ answers: Int) -> String { words(.resumed, caseID, answers) }

  func ended(_ caseID: String, _ outcome: String, _ path: String) -> String { words(.ended, caseID, outcome, path) }

  var help: String { words[.help] }
}
