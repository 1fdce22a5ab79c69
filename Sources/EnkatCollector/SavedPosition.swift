import EnkatLog
import Foundation

/// A reader's position in a file, as the store keeps it between collects.
struct SavedPosition: Codable {
  var offset: Int
  var line: Int
  var expected: [String: Int]
  var current: [String: String]

  static func encode(_ position: ResponseLogReader.Position) -> String {
    let saved = SavedPosition(
      offset: position.offset, line: position.line, expected: position.expectedSequence,
      current: position.currentQuestionnaire)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: (try? encoder.encode(saved)) ?? Data(), as: UTF8.self)
  }

  static func decode(_ text: String) -> ResponseLogReader.Position? {
    guard let saved = try? JSONDecoder().decode(SavedPosition.self, from: Data(text.utf8)) else { return nil }
    var position = ResponseLogReader.Position()
    position.offset = saved.offset
    position.line = saved.line
    position.expectedSequence = saved.expected
    position.currentQuestionnaire = saved.current
    return position
  }
}
