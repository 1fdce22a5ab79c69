/// A sample read from a CSV file: the member register a telephone survey calls. One respondent
/// per row, identified by the id column; contact columns (names, phone numbers) kept apart from
/// the sample variables (strata and other register values). Pure: bytes in,
/// a table or every problem with its line out.
public struct SampleTable: Equatable, Sendable {
  /// What a column is for.
  public enum Role: String, Sendable {
    /// The respondent's id: the case id of its interview.
    case id
    /// Contact data: shown to the interviewer, never exported with the answers.
    case contact
    /// A stratum variable (quotas, status).
    case stratum
    /// Another register value, kept with the sample.
    case variable
  }

  public struct Column: Equatable, Sendable {
    public var name: String
    public var role: Role
  }

  /// Which columns have which role (the rest are variables).
  public struct Roles: Equatable, Sendable {
    public var id: String
    public var contact: [String]
    public var strata: [String]

    public init(id: String, contact: [String] = [], strata: [String] = []) {
      self.id = id
      self.contact = contact
      self.strata = strata
    }
  }

  /// One respondent: its line in the file and its values in column order.
  public struct Row: Equatable, Sendable {
    public var line: Int
    public var values: [String]
  }

  /// A problem of the file, at a line (and a column, 1-based, where one is known).
  public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int?
    public var message: String
    public var description: String { "\(line)\(column.map { ":\($0)" } ?? ""): error: \(message)" }
  }

  /// Every problem found (at most `problemsListed`, then a count of the rest).
  public struct Problems: Error, Equatable, Sendable {
    public var problems: [Problem]

    /// One line per problem, `FILE:LINE[:COLUMN]: error: …`.
    public func rendered(file: String) -> String {
      problems.map { "\(file):\($0.description)" }.joined(separator: "\n")
    }
  }

  public var columns: [Column]
  public var rows: [Row]

  /// The position of the id column.
  public var idColumn: Int { columns.firstIndex { $0.role == .id }! }

  /// At most this many problems are listed; the count says how many there were.
  public static let problemsListed = 20

  /// Reads `bytes` as a CSV sample: UTF-8 (a byte order mark is skipped), comma, semicolon or tab
  /// separated (the one the header line uses most), RFC 4180 quoting, CRLF or LF line ends. A
  /// quoted field may not run over a line break: in a register that is a mistake (a phone number
  /// or name split in two), so it is reported, not taken.
  public static func parse(_ bytes: [UInt8], roles: Roles) -> Result<SampleTable, Problems> {
    var bytes = bytes[...]
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    if let bad = firstInvalidUTF8(bytes) {
      return .failure(
        Problems(problems: [
          Problem(
            line: bad.line, column: bad.column,
            message:
              "the file is not UTF-8 (byte 0x\(String(bad.byte, radix: 16, uppercase: true))); save it as UTF-8 (in Excel: CSV UTF-8)"
          )
        ]))
    }
    let text = String(decoding: bytes, as: UTF8.self)
    guard text.contains(where: { !$0.isWhitespace }) else {
      return .failure(
        Problems(problems: [
          Problem(line: 1, column: nil, message: "the file is empty: it needs a header line and a row per respondent")
        ]))
    }
    var problems: [Problem] = []
    let records = records(of: text, problems: &problems)
    guard problems.isEmpty, let header = records.first else { return .failure(Problems(problems: problems)) }
    // The header: names, unique and not empty.
    var seen: [String: Int] = [:]
    for (k, name) in header.fields.enumerated() {
      if name.isEmpty {
        problems.append(Problem(line: header.line, column: nil, message: "column \(k + 1) of the header has no name"))
      } else if let first = seen[name] {
        problems.append(
          Problem(
            line: header.line, column: nil,
            message: "the column '\(name)' is named twice (columns \(first + 1) and \(k + 1))"))
      }
      seen[name] = seen[name] ?? k
    }
    let named = [(roles.id, "id")] + roles.contact.map { ($0, "contact") } + roles.strata.map { ($0, "stratum") }
    for (name, what) in named where seen[name] == nil {
      problems.append(
        Problem(
          line: header.line, column: nil,
          message:
            "there is no \(what) column '\(name)'; the header has \(header.fields.map { "'\($0)'" }.joined(separator: ", "))"
        ))
    }
    let body = records.dropFirst().filter { !($0.fields.count == 1 && $0.fields[0].isEmpty) }
    if body.isEmpty, problems.isEmpty {
      problems.append(Problem(line: header.line, column: nil, message: "the file has a header but no respondents"))
    }
    guard problems.isEmpty, let idIndex = seen[roles.id] else { return .failure(Problems(problems: problems)) }
    var ids: [String: Int] = [:]
    for record in body {
      if record.fields.count != header.fields.count {
        problems.append(
          Problem(
            line: record.line, column: nil,
            message:
              "this row has \(record.fields.count) field\(record.fields.count == 1 ? "" : "s") and the header \(header.fields.count): a separator too many or too few"
          ))
        continue
      }
      let id = record.fields[idIndex].trimmingCharacters(in: .whitespaces)
      if id.isEmpty {
        problems.append(Problem(line: record.line, column: nil, message: "this row has no id in '\(roles.id)'"))
      } else if let first = ids[id] {
        problems.append(
          Problem(line: record.line, column: nil, message: "the id '\(id)' was given already at line \(first)"))
      } else if id.contains(where: { $0.isWhitespace || $0 == "/" || $0 == "\"" || $0 == "\\" }) {
        problems.append(
          Problem(
            line: record.line, column: nil,
            message: "the id '\(id)' has a space, slash, quote or backslash; a case id cannot"))
      }
      ids[id] = ids[id] ?? record.line
    }
    guard problems.isEmpty else {
      let more =
        problems.count > problemsListed
        ? [
          Problem(
            line: problems[problemsListed].line, column: nil,
            message: "… and \(problems.count - problemsListed) more problems")
        ] : []
      return .failure(Problems(problems: Array(problems.prefix(problemsListed)) + more))
    }
    let columns = header.fields.map { name in
      Column(
        name: name,
        role: name == roles.id
          ? .id : roles.contact.contains(name) ? .contact : roles.strata.contains(name) ? .stratum : .variable)
    }
    return .success(
      SampleTable(
        columns: columns,
        rows: body.map { record in
          Row(
            line: record.line,
            values: record.fields.enumerated().map { k, v in k == idIndex ? v.trimmingCharacters(in: .whitespaces) : v }
          )
        }))
  }

  /// One record of the file: its first line and its fields.
  private struct Record {
    var line: Int
    var fields: [String]
  }

  /// Splits the text into records by the header's separator, reporting quoting problems.
  private static func records(of text: String, problems: inout [Problem]) -> [Record] {
    let scalars = Array(text.unicodeScalars)
    let separator = Self.separator(scalars)
    var records: [Record] = []
    var fields: [String] = []
    var field = String.UnicodeScalarView()
    var line = 1
    var recordLine = 1
    var column = 1
    var i = 0
    var quoted = false
    var quoteStart = (line: 1, column: 1)
    while i < scalars.count {
      let c = scalars[i]
      if quoted {
        if c == "\"" {
          if i + 1 < scalars.count, scalars[i + 1] == "\"" {
            field.append("\"")
            i += 2
            column += 2
            continue
          }
          quoted = false
        } else if c == "\n" || c == "\r" {
          problems.append(
            Problem(
              line: quoteStart.line, column: quoteStart.column,
              message: "a quoted field runs over a line break (to line \(line + 1)); a sample field must be on one line"
            ))
          // Skip to the end of the quoted field to go on reading.
          while i < scalars.count, scalars[i] != "\"" {
            if scalars[i] == "\n" { line += 1 }
            i += 1
          }
          quoted = false
          i += 1
          column = 1
          continue
        } else {
          field.append(c)
        }
        i += 1
        column += 1
        continue
      }
      switch c {
      case "\"" where field.isEmpty:
        quoted = true
        quoteStart = (line, column)
      case separator:
        fields.append(String(field))
        field = String.UnicodeScalarView()
      case "\r", "\n":
        if c == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
        fields.append(String(field))
        field = String.UnicodeScalarView()
        records.append(Record(line: recordLine, fields: fields))
        fields = []
        line += 1
        recordLine = line
        column = 0
      default:
        field.append(c)
      }
      i += 1
      column += 1
    }
    if quoted {
      problems.append(
        Problem(line: quoteStart.line, column: quoteStart.column, message: "a quoted field is never closed"))
    }
    if !field.isEmpty || !fields.isEmpty {
      fields.append(String(field))
      records.append(Record(line: recordLine, fields: fields))
    }
    return records
  }

  /// The separator the header line uses most: comma, semicolon (Excel in Swedish) or tab.
  private static func separator(_ scalars: [Unicode.Scalar]) -> Unicode.Scalar {
    var counts: [Unicode.Scalar: Int] = [",": 0, ";": 0, "\t": 0]
    var quoted = false
    for c in scalars {
      if c == "\"" { quoted.toggle() }
      if !quoted, c == "\n" || c == "\r" { break }
      if !quoted, counts[c] != nil { counts[c]! += 1 }
    }
    return [",", ";", "\t"].max { counts[$0]! < counts[$1]! }!
  }

  /// The line, column and value of the first byte that is not valid UTF-8.
  private static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> (line: Int, column: Int, byte: UInt8)? {
    var decoder = UTF8()
    var iterator = bytes.makeIterator()
    var line = 1
    var column = 1
    var offset = bytes.startIndex
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let s):
        offset += UTF8.width(s)
        if s == "\n" {
          line += 1
          column = 1
        } else {
          column += 1
        }
      case .emptyInput: return nil
      case .error: return (line, column, bytes[min(offset, bytes.endIndex - 1)])
      }
    }
  }
}
