/// The one rule that turns question instances into column names that CSV, SQL (SQLite, DuckDB, R,
/// pandas) and SPSS all accept (docs/dataset.md, "Variable names"):
///
/// 1. a question's own id is its name; a loop instance `age[2]` is `age_2`, a member of a
///    `forEach` loop keyed by option code 4 is `days_4`;
/// 2. a multiple choice is one 0/1 column per option: `reasons_1`, `reasons_2` (`age_2_1` in a
///    loop; a negative code `-1` is written `m1`);
/// 3. a name that is an SPSS reserved word (`ALL AND BY EQ GE GT LE LT NE NOT OR TO WITH`, in any
///    case) gets a trailing `_`; a name longer than 64 bytes is cut to 64;
/// 4. names are unique regardless of case (SPSS and SQL compare them that way): the questions'
///    own ids are kept as written, and a generated name that would repeat one, or another
///    generated name, gets `_2`, `_3`, … (in questionnaire order).
public enum VariableNaming {
  public static let maximumLength = 64
  static let reserved: Set<String> = [
    "ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH",
  ]

  /// The name rule 1 and 2 give, before rules 3 and 4.
  public static func baseName(questionID: String, optionCode: Int? = nil) -> String {
    var name = ""
    for scalar in questionID.unicodeScalars {
      switch scalar {
      case "[": name += "_"
      case "]": continue
      case "-": name += "m"
      default: name.unicodeScalars.append(scalar)
      }
    }
    if let code = optionCode { name += "_" + (code < 0 ? "m\(-code)" : "\(code)") }
    return name
  }

  /// Gives out unique legal names. The codebook asks for the questions' own ids first and for
  /// generated names after, so no generated name takes a question's id.
  public struct Registry {
    private var taken: Set<String> = []

    public init() {}

    /// A legal name for `base` that no earlier one has (regardless of case).
    public mutating func name(for base: String) -> String {
      let legal = VariableNaming.legal(base)
      var candidate = legal
      var n = 2
      while taken.contains(candidate.uppercased()) {
        let suffix = "_\(n)"
        candidate = String(decoding: legal.utf8.prefix(maximumLength - suffix.utf8.count), as: UTF8.self) + suffix
        n += 1
      }
      taken.insert(candidate.uppercased())
      return candidate
    }
  }

  /// Rule 3: not a reserved word, at most 64 bytes.
  static func legal(_ name: String) -> String {
    var result = reserved.contains(name.uppercased()) ? name + "_" : name
    if result.utf8.count > maximumLength {
      result = String(decoding: result.utf8.prefix(maximumLength), as: UTF8.self)
    }
    return result
  }
}
