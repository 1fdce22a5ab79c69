import EnkatExpressions

/// Whether response files recorded with one version of a questionnaire merge with those of
/// another: the rules in docs/questionnaire-format.md, "Changing a questionnaire during
/// fieldwork".
///
/// Errors are edits after which recorded answers no longer fit (a question removed, its type
/// changed, an option code removed, a loop's iterations changed); warnings are edits that keep
/// the files mergeable but change what the answers mean or who is asked (texts, labels, ranges,
/// conditions, checks).
public enum Compatibility {
  /// One incompatible or noteworthy edit.
  public struct Finding: Equatable, Sendable {
    public var code: String
    public var severity: Diagnostic.Severity
    public var message: String
    public var hint: String?
    /// The question, section or `@id`/`@missingCodes` it concerns.
    public var subject: String
    /// Whether `subject` is found in the old version only (it was removed).
    public var inOldVersion: Bool
  }

  /// The edits from `old` to `new` that matter to merging their response files, in `new`'s order.
  public static func compare(old: Questionnaire, new: Questionnaire) -> [Finding] {
    var findings: [Finding] = []
    func add(
      _ code: String, _ severity: Diagnostic.Severity, _ subject: String, _ message: String, hint: String? = nil,
      old inOld: Bool = false
    ) {
      findings.append(
        Finding(code: code, severity: severity, message: message, hint: hint, subject: subject, inOldVersion: inOld))
    }
    if old.id != new.id {
      add(
        "E206", .error, "@id", "the questionnaire id changed from '\(old.id)' to '\(new.id)'",
        hint: "response files are named and merged by questionnaire id; keep '\(old.id)'")
    }
    for kind in MissingKind.allCases where old.missingCode(kind) != nil {
      let before = old.missingCode(kind)!.code
      if new.missingCode(kind)?.code != before {
        let now = new.missingCode(kind).map { "\($0.code)" } ?? "no code"
        add(
          "E205", .error, "@missingCodes", "the \(kind.rawValue) code changed from \(before) to \(now)",
          hint: "exports of earlier and later answers would code \(kind.rawValue) differently; keep \(before)")
      }
    }
    let language = new.languages[0]
    let oldQuestions = Dictionary(old.questions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let oldLoops = loopsByQuestion(old)
    let newLoops = loopsByQuestion(new)
    let newIDs = Set(new.questions.map(\.id))
    for question in old.questions where question.takesAnswer && !newIDs.contains(question.id) {
      add(
        "E201", .error, question.id, "'\(question.id)' is not in the new version: its recorded answers fit no question",
        hint: "keep it (an \"askIf\" that no longer holds stops asking it); a renamed question counts as removed",
        old: true)
    }
    for question in new.questions {
      guard let before = oldQuestions[question.id], before.takesAnswer else { continue }
      let id = question.id
      guard before.kind.typeName == question.kind.typeName else {
        add(
          "E202", .error, id, "'\(id)' was a \(before.kind.typeName) question and is now \(question.kind.typeName)",
          hint: "recorded answers would not fit; add a new question with a new id instead")
        continue
      }
      if oldLoops[id]?.loopID != newLoops[id]?.loopID
        || !Set(oldLoops[id]?.keys ?? []).isSubset(of: newLoops[id]?.keys ?? [])
      {
        add(
          "E207", .error, id,
          "'\(id)' is asked \(describe(oldLoops[id])) in the old version and \(describe(newLoops[id])) in the new",
          hint: "recorded ids such as '\(id)[2]' would not fit; keep the loop, or add a new question")
      }
      compareKinds(before, question, language: language, add: { add($0, $1, id, $2, hint: $3) })
      if before.text.text(in: language) != question.text.text(in: language) {
        add(
          "W204", .warning, id, "the text of '\(id)' changed",
          hint: "answers before and after the change may not be comparable; consider a new question")
      }
      if before.askIf?.source != question.askIf?.source
        || before.checks.map(\.rule.source)
          != question.checks.map(\.rule.source)
      {
        add(
          "W205", .warning, id, "the condition or checks of '\(id)' changed",
          hint: "run enkat replay on the files collected so far to see the cases it affects")
      }
    }
    for section in new.sections {
      guard let before = old.sections.first(where: { $0.id == section.id }) else { continue }
      if before.askIf?.source != section.askIf?.source {
        add(
          "W205", .warning, section.id, "the condition of section '\(section.id)' changed",
          hint: "run enkat replay on the files collected so far to see the cases it affects")
      }
    }
    return findings
  }

  private static func compareKinds(
    _ before: Question, _ after: Question, language: String, add: (String, Diagnostic.Severity, String, String?) -> Void
  ) {
    let id = after.id
    switch (before.kind, after.kind) {
    case (.singleChoice(let a), .singleChoice(let b)), (.multipleChoice(let a, _), .multipleChoice(let b, _)):
      for choice in a {
        let label = choice.label.text(in: language)
        guard let now = b.first(where: { $0.code == choice.code }) else {
          add(
            "E203", .error,
            "option \(choice.code) (\(label)) of '\(id)' is gone: answers coded \(choice.code) fit no option",
            "keep the option, with \"showIf\": \"false\" to stop offering it")
          continue
        }
        if now.label.text(in: language) != label {
          add(
            "W201", .warning,
            "the label of option \(choice.code) of '\(id)' changed from “\(label)” to “\(now.label.text(in: language))”",
            "make sure code \(choice.code) still means the same; if not, give the new meaning a new code")
        }
      }
    case (.scale(let a), .scale(let b)) where (a.min, a.max) != (b.min, b.max):
      if b.min > a.min || b.max < a.max {
        add(
          "E204", .error,
          "the scale of '\(id)' was \(a.min)–\(a.max) and is now \(b.min)–\(b.max): some answers fit no point",
          "keep the old points, or add a new question")
      } else {
        add(
          "W202", .warning, "the scale of '\(id)' was \(a.min)–\(a.max) and is now \(b.min)–\(b.max)",
          "the same number means something else on a longer scale; analyse the two versions apart")
      }
    case (.number(let a), .number(let b)):
      if (b.min ?? -.infinity) > (a.min ?? -.infinity) || (b.max ?? .infinity) < (a.max ?? .infinity)
        || b.decimals < a.decimals
      {
        add(
          "W203", .warning, "the range of '\(id)' is narrower than before",
          "earlier answers outside it still merge; enkat replay lists them as invalid")
      }
    case (.text(let a), .text(let b)) where (b ?? .max) < (a ?? .max):
      add(
        "W203", .warning, "'\(id)' takes shorter texts than before",
        "earlier, longer answers still merge; enkat replay lists them as invalid")
    case (.date(let a), .date(let b)):
      if (b.min ?? .min) > (a.min ?? .min) || (b.max ?? .max) < (a.max ?? .max) {
        add(
          "W203", .warning, "the range of '\(id)' is narrower than before",
          "earlier answers outside it still merge; enkat replay lists them as invalid")
      }
    default: break
    }
  }

  /// For each question of a loop: the loop's id and keys.
  private static func loopsByQuestion(_ q: Questionnaire) -> [String: LoopShape] {
    var result: [String: LoopShape] = [:]
    for section in q.sections {
      guard let loop = section.loop else { continue }
      for question in section.questions { result[question.id] = LoopShape(loopID: section.id, keys: loop.keys) }
    }
    return result
  }

  private struct LoopShape: Equatable {
    var loopID: String
    var keys: [Int]
  }

  private static func describe(_ shape: LoopShape?) -> String {
    guard let shape else { return "once" }
    let keys =
      shape.keys.count > 6
      ? "\(shape.keys.count) iterations" : "keys " + shape.keys.map(String.init).joined(separator: ", ")
    return "in loop '\(shape.loopID)' (\(keys))"
  }
}
