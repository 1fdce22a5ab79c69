import EnkatExpressions
import EnkatModel

/// One column of the dataset: what a question instance (or one option of a multiple choice)
/// becomes in every export and analysis.
public struct Variable: Equatable, Sendable {
  /// How values are stored.
  public enum ValueType: Equatable, Sendable {
    /// Codes and numbers; `decimals` is the most a value has (0 for codes).
    case numeric(decimals: Int)
    /// Text, at most `maxLength` characters when the question limits it.
    case text(maxLength: Int?)
    /// A calendar day, written YYYY-MM-DD.
    case date
  }

  /// The level of measurement (SPSS's measure, and what an analysis may do with it).
  public enum Measure: String, Equatable, Sendable {
    case nominal, ordinal, scale
  }

  /// What the column holds.
  public enum Content: Equatable, Sendable {
    /// The answer to the question (a code, a number, a text, a date).
    case answer
    /// 1 when the option `code` of the multiple choice was chosen, 0 when the question was
    /// answered without it.
    case option(code: Int)
    /// A computed variable's value.
    case computed
  }

  /// A code and its label.
  public struct ValueLabel: Equatable, Sendable {
    public var code: Int
    public var label: LocalizedText
  }

  /// The column name (see `VariableNaming`).
  public var name: String
  /// The question instance: `age[2]`, `reasons`.
  public var questionID: String
  public var content: Content
  /// The question's text (a grid item's: the grid's text, then the item's), or for an option
  /// column the question's text and the option's label.
  public var label: LocalizedText
  public var type: ValueType
  public var measure: Measure
  public var valueLabels: [ValueLabel]
  /// The missing codes the question allows (don't know, refused), with their codes.
  public var missingCodes: [MissingCode]
  /// When the question is asked: its section's and its own conditions (a loop instance's include
  /// that its iteration exists); nil when always.
  public var condition: String?
}
