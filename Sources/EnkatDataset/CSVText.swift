/// CSV as RFC 4180 writes it: comma-separated, a field quoted when it holds a comma, a quote or a
/// line break (quotes doubled), lines ending in CR LF, UTF-8.
public enum CSVText {
  public static func field(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacing("\"", with: "\"\"") + "\""
  }

  public static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\r\n" }
}
