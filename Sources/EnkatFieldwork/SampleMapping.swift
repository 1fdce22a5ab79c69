import EnkatModel

/// A sample's column roles as a JSON file: `{"id": "member", "contact": ["name", "phone"],
/// "strata": ["area", "region"]}`, every problem with its line and column.
public enum SampleMapping {
  public typealias Problems = SpecProblems

  public static func parse(_ bytes: [UInt8], file: String) -> Result<SampleTable.Roles, Problems> {
    // Whatever is returned with a problem reported is not used: the result is the problems.
    SpecReader.read(bytes, file: file) { root, reader in
      let m = reader.members(root, "a mapping", allowed: ["id", "contact", "strata", "comment"])
      func names(_ key: String) -> [String] {
        guard let node = m[key] else { return [] }
        guard case .array(let items) = node.kind else {
          reader.problem(node, "'\(key)' must be a list of column names")
          return []
        }
        return items.compactMap { reader.string($0, "a column name in '\(key)'") }
      }
      let contact = names("contact")
      let strata = names("strata")
      var id = ""
      if let node = m["id"] {
        id = reader.string(node, "'id' (a column name)") ?? ""
      } else {
        reader.problem(root, "the mapping needs 'id': the column of respondent ids")
      }
      return SampleTable.Roles(id: id, contact: contact, strata: strata)
    }
  }
}
