import EnkatModel

/// A sample's column roles as a JSON file: `{"id": "member", "contact": ["name", "phone"],
/// "strata": ["area", "region"]}`, every problem with its line and column.
public enum SampleMapping {
  public typealias Problems = FileProblems

  public static func parse(_ bytes: [UInt8], file: String) -> Result<SampleTable.Roles, Problems> {
    let root: JSONNode
    switch ProblemList.root(bytes, file: file) {
    case .success(let node): root = node
    case .failure(let problems): return .failure(problems)
    }
    var list = ProblemList(file: file)
    func problem(_ position: SourcePosition, _ message: String) { list.add(position, message) }
    guard case .object(let members) = root.kind else {
      problem(root.position, "the mapping must be an object: {\"id\": …, \"contact\": […], \"strata\": […]}")
      return list.result(nil)
    }
    var id: String?
    var lists: [String: [String]] = [:]
    for member in members {
      switch (member.key, member.value.kind) {
      case ("id", .string(let name)): id = name
      case ("contact", .array(let items)), ("strata", .array(let items)):
        lists[member.key] = items.compactMap { item in
          if case .string(let name) = item.kind { return name }
          problem(item.position, "'\(member.key)' lists column names, as strings")
          return nil
        }
      case ("comment", _): break
      case ("id", _), ("contact", _), ("strata", _):
        problem(
          member.value.position,
          "'\(member.key)' must be \(member.key == "id" ? "a column name" : "a list of column names")")
      default:
        problem(
          member.keyPosition, "'\(member.key)' is not a member of a mapping (allowed: comment, contact, id, strata)")
      }
    }
    if id == nil, list.lines.isEmpty { problem(root.position, "the mapping needs 'id': the column of respondent ids") }
    guard let id else { return list.result(nil) }
    return list.result(SampleTable.Roles(id: id, contact: lists["contact"] ?? [], strata: lists["strata"] ?? []))
  }
}
