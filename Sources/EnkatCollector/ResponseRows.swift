import EnkatExpressions
import EnkatLog
import EnkatModel

/// Every response in force of a questionnaire's cases, one per case and question instance, in
/// station, case and questionnaire order: what the long CSV and JSON Lines exports write. An
/// answer taken off the route by a revision stays, with status `offRoute`.
public struct ResponseRows: Sendable {
  /// One response as stored: its value as JSON, or why there is none.
  public struct Response: Equatable, Sendable {
    public var questionID: String
    /// `3`, `[1,2]`, `12.5`, `"text"`; nil with a status.
    public var value: String?
    /// `dontKnow`, `refused`, `noAnswer` or `offRoute`; nil with a value.
    public var status: String?
  }

  public var cases: [StoredCases.Info] = []
  public var responses: [[Response]] = []

  public init(_ store: Store, questionnaire: Questionnaire, versions: [String]? = nil) throws {
    let order = Dictionary(
      questionnaire.instances.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    for (info, state) in try StoredCases.states(store, questionnaireID: questionnaire.id, versions: versions) {
      let list = state.inForce.map { id, inForce -> Response in
        switch inForce {
        case .offRoute: return Response(questionID: id, value: nil, status: "offRoute")
        case .response(.missing(let kind)): return Response(questionID: id, value: nil, status: kind)
        case .response(let recorded): return Response(questionID: id, value: Self.json(recorded), status: nil)
        }
      }
      cases.append(info)
      // Questionnaire order; ids this version does not have come last, by id.
      responses.append(
        list.sorted {
          (order[$0.questionID] ?? Int.max, $0.questionID) < (order[$1.questionID] ?? Int.max, $1.questionID)
        })
    }
  }

  /// An answer's value as JSON: `3`, `[1,2]`, `12.5`, `"text"`.
  static func json(_ recorded: RecordedResponse) -> String? {
    switch recorded {
    case .integer(let n): return String(n)
    case .integers(let codes): return "[" + codes.map(String.init).joined(separator: ",") + "]"
    case .number(let n): return Value.format(n)
    case .text(let s):
      var bytes: [UInt8] = []
      CanonicalJSON.writeString(s, into: &bytes)
      return String(decoding: bytes, as: UTF8.self)
    case .missing: return nil
    }
  }
}
