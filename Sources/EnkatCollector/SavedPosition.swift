import EnkatLog
import EnkatModel

/// A reader's position in a file, as the store keeps it between collects: a JSON object
/// `{"current":{…},"expected":{…},"line":N,"offset":N}`, its members and their keys in sorted
/// order.
///
/// Written and read by hand rather than through `Codable`: a collect reads one position per grown
/// file, and `JSONDecoder`'s first use in a process costs about as much as reading a day's records
/// of a station (docs/benchmarks.md).
enum SavedPosition {
  static func encode(_ position: ResponseLogReader.Position) -> String {
    func object<Value>(_ members: [String: Value], _ value: (Value) -> String) -> String {
      let pairs = members.sorted { $0.key < $1.key }.map { JSONText.quoted($0.key) + ":" + value($0.value) }
      return "{" + pairs.joined(separator: ",") + "}"
    }
    return "{\"current\":\(object(position.currentQuestionnaire, JSONText.quoted)),"
      + "\"expected\":\(object(position.expectedSequence, String.init)),"
      + "\"line\":\(position.line),\"offset\":\(position.offset)}"
  }

  /// The position `text` holds; nil when it is not one (the file is then read again from its
  /// start).
  static func decode(_ text: String) -> ResponseLogReader.Position? {
    guard case .success(let node) = JSONParser.parse(Array(text.utf8)), case .object(let members) = node.kind
    else { return nil }
    var position = ResponseLogReader.Position()
    var found = Set<String>()
    for member in members {
      switch (member.key, member.value.kind) {
      case ("offset", .number(let literal)):
        guard let offset = Int(literal) else { return nil }
        position.offset = offset
      case ("line", .number(let literal)):
        guard let line = Int(literal) else { return nil }
        position.line = line
      case ("expected", .object(let streams)):
        for stream in streams {
          guard case .number(let literal) = stream.value.kind, let next = Int(literal) else { return nil }
          position.expectedSequence[stream.key] = next
        }
      case ("current", .object(let stations)):
        for station in stations {
          guard case .string(let questionnaire) = station.value.kind else { return nil }
          position.currentQuestionnaire[station.key] = questionnaire
        }
      default:
        return nil
      }
      found.insert(member.key)
    }
    return found.count == 4 ? position : nil
  }
}
