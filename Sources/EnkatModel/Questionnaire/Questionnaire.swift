import EnkatExpressions

/// A questionnaire as loaded from its JSON file: sections of questions, routing and checks.
///
/// Values of this type are only made by `QuestionnaireLoader`, which guarantees that ids are
/// unique, codes are unique, every expression parsed and type-checked, and every text exists in
/// every declared language.
public struct Questionnaire: Equatable, Sendable {
  /// The format version this build reads and writes.
  public static let formatVersion = 1

  public var id: String
  public var version: String
  public var title: LocalizedText
  /// Declared languages; the first is the default interview language.
  public var languages: [String]
  public var missingCodes: [MissingCode]
  public var sections: [Section] { didSet { (instances, instanceSections) = Self.instances(of: sections) } }
  /// Values a sample gives each case before the interview (docs/cati.md, "Preloads"), readable by
  /// every condition and fill; not questions, never in the response file.
  public var preload: [PreloadVariable] = []
  /// `sha256:…` of the file's canonical JSON (see `CanonicalJSON`).
  public var digest: String
  /// Every question as the interview asks it, in interview order: a loop section's questions
  /// once per possible iteration (`age[1]`, `age[2]`, …). Responses are keyed by these ids.
  public private(set) var instances: [Question]
  /// For each of `instances`, the index of its section.
  public private(set) var instanceSections: [Int]

  package init(
    id: String, version: String, title: LocalizedText, languages: [String], missingCodes: [MissingCode],
    sections: [Section], digest: String, preload: [PreloadVariable] = []
  ) {
    self.preload = preload
    self.id = id
    self.version = version
    self.title = title
    self.languages = languages
    self.missingCodes = missingCodes
    self.sections = sections
    self.digest = digest
    (instances, instanceSections) = Self.instances(of: sections)
  }

  /// Every question as written, in questionnaire order (a loop's questions once, by their ids).
  public var questions: [Question] { sections.flatMap(\.questions) }

  /// The missing code of a kind, if the questionnaire declares one.
  public func missingCode(_ kind: MissingKind) -> MissingCode? {
    missingCodes.first { $0.kind == kind }
  }
}

/// A value the sample gives each case before its interview: a register column such as the
/// respondent's name (for fills) or region (for routing).
public struct PreloadVariable: Equatable, Sendable {
  /// The kind of value: a number (codes included) or a text.
  public enum Kind: String, Equatable, Sendable {
    case number, text
  }

  public var id: String
  public var kind: Kind

  public init(id: String, kind: Kind) {
    self.id = id
    self.kind = kind
  }
}

/// A group of questions with a title and an optional condition that applies to all of them.
public struct Section: Equatable, Sendable {
  public var id: String
  public var title: LocalizedText
  public var askIf: Condition?
  public var questions: [Question]
  /// Set when the section is a loop: its questions are asked once per iteration.
  public var loop: Loop? = nil
}

/// A kind of substantive non-answer that interviewers record with a command.
public enum MissingKind: String, CaseIterable, Sendable, Codable {
  case dontKnow
  case refused
}

/// How the questionnaire codes a missing answer: the code used in exports, and its label.
public struct MissingCode: Equatable, Sendable {
  public var kind: MissingKind
  public var code: Int
  public var label: LocalizedText
}

/// An expression with the text it was written as.
public struct Condition: Equatable, Sendable {
  public var source: String
  public var expression: Expression

  package init(source: String, expression: Expression) {
    self.source = source
    self.expression = expression
  }
}

/// A rule an answer must satisfy, and what to tell the interviewer when it does not.
public struct Check: Equatable, Sendable {
  /// Whether a failed check refuses the answer or only warns.
  public enum Kind: String, CaseIterable, Sendable {
    /// The answer is refused until it is fixed.
    case hard
    /// The interviewer is warned and may keep the answer (`/ok`, or the same answer again).
    case soft
  }

  public var rule: Condition
  public var message: LocalizedText
  public var kind: Kind
}
