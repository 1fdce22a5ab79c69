import EnkatExpressions

/// Reads the members of one JSON object, reporting wrong types, missing and unknown keys.
///
/// Every accessor records the key as known; `finish()` then reports the keys nobody asked for,
/// with a "did you mean" for misspellings, so a typo such as `askif` is never silently ignored.
package struct ObjectReader {
  package let node: JSONNode
  package let path: String
  /// The question the object belongs to, named in its diagnostics.
  package var question: String?
  private let members: [JSONMember]
  private let sink: DiagnosticSink
  /// Declared languages, which every localized text must have.
  package var languages: [String]
  private var known: Set<String> = []

  /// Nil (and a diagnostic) when `node` is not an object.
  package init?(_ node: JSONNode, path: String, question: String? = nil, languages: [String], sink: DiagnosticSink) {
    guard case .object(let members) = node.kind else {
      sink.error(
        "E002", "\(path) must be an object, not \(node.typeDescription)", at: node, path: path,
        question: question)
      return nil
    }
    self.node = node
    self.path = path
    self.question = question
    self.members = members
    self.sink = sink
    self.languages = languages
    var seen: [String: JSONMember] = [:]
    for member in members {
      if let first = seen[member.key] {
        Self.reportTwice(member, first: first, what: "the key", in: path, question: question, sink: sink)
      } else {
        seen[member.key] = member
      }
    }
  }

  /// E005: a key (or a language of a text) written twice in one object.
  static func reportTwice(
    _ member: JSONMember, first: JSONMember, what: String, in path: String, question: String?, sink: DiagnosticSink,
    consequence: String = ""
  ) {
    sink.add(
      Diagnostic(
        "E005", .error,
        "\(what) \"\(member.key)\" appears twice in \(path) (first at line \(first.keyPosition.line))\(consequence)",
        at: member.keyPosition, length: member.key.count + 2, path: path + "." + member.key,
        questionID: question, hint: "remove one of them"))
  }

  package func childPath(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

  /// The raw value of `key`, if present.
  package mutating func value(_ key: String, required: Bool = false) -> JSONNode? {
    known.insert(key)
    guard let member = members.first(where: { $0.key == key }) else {
      if required {
        sink.add(
          Diagnostic(
            "E003", .error, "\(path.isEmpty ? "the questionnaire" : path) has no \"\(key)\"",
            at: node.position, path: childPath(key), questionID: question,
            hint: "add \"\(key)\""))
      }
      return nil
    }
    return member.value
  }

  package mutating func string(_ key: String, required: Bool = false) -> String? {
    guard let v = value(key, required: required) else { return nil }
    guard case .string(let s) = v.kind else { return typeError(key, v, "a string") }
    return s
  }

  /// A string together with its node, for expressions whose positions matter.
  package mutating func stringNode(_ key: String) -> (String, JSONNode)? {
    guard let v = value(key) else { return nil }
    guard case .string(let s) = v.kind else { return typeError(key, v, "a string") }
    return (s, v)
  }

  package mutating func integer(_ key: String, required: Bool = false) -> Int? {
    guard let v = value(key, required: required) else { return nil }
    return integer(v, path: childPath(key))
  }

  package func integer(_ v: JSONNode, path: String) -> Int? {
    guard case .number(let literal) = v.kind, let n = Int(literal) else {
      sink.error(
        "E002",
        "\(path) must be a whole number, not \(v.typeDescription == "a number" ? "a decimal" : v.typeDescription)",
        at: v, path: path, question: question)
      return nil
    }
    return n
  }

  package mutating func number(_ key: String) -> Double? {
    guard let v = value(key) else { return nil }
    guard case .number(let literal) = v.kind, let n = Double(literal) else {
      return typeError(key, v, "a number")
    }
    return n
  }

  package mutating func bool(_ key: String) -> Bool? {
    guard let v = value(key) else { return nil }
    guard case .bool(let b) = v.kind else { return typeError(key, v, "true or false") }
    return b
  }

  package mutating func array(_ key: String, required: Bool = false) -> [JSONNode]? {
    guard let v = value(key, required: required) else { return nil }
    guard case .array(let items) = v.kind else { return typeError(key, v, "an array") }
    return items
  }

  package mutating func object(_ key: String) -> ObjectReader? {
    guard let v = value(key) else { return nil }
    return ObjectReader(v, path: childPath(key), question: question, languages: languages, sink: sink)
  }

  /// A text in every declared language: `{"sv": "…", "en": "…"}`.
  package mutating func localized(_ key: String, required: Bool = false) -> LocalizedText? {
    guard let v = value(key, required: required) else { return nil }
    return localized(v, path: childPath(key))
  }

  package func localized(_ v: JSONNode, path: String) -> LocalizedText? {
    guard case .object(let members) = v.kind else {
      let example = languages.map { "\"\($0)\": \"…\"" }.joined(separator: ", ")
      sink.error(
        "E002", "\(path) must be an object with a text per language, not \(v.typeDescription)",
        at: v, path: path, question: question, hint: "write {\(example)}")
      return nil
    }
    var texts: [String: String] = [:]
    var seen: [String: JSONMember] = [:]
    for member in members {
      if let first = seen[member.key] {
        Self.reportTwice(
          member, first: first, what: "the language", in: path, question: question, sink: sink,
          consequence: "; only one text can be read out")
        continue
      }
      seen[member.key] = member
      guard case .string(let s) = member.value.kind else {
        sink.error(
          "E002", "\(path).\(member.key) must be a string", at: member.value, path: path + "." + member.key,
          question: question)
        continue
      }
      if !languages.isEmpty && !languages.contains(member.key) {
        let suggestion = languages.first { EditDistance.distance($0, member.key) <= 1 }
        sink.add(
          Diagnostic(
            "E014", .error, "\"\(member.key)\" is not a declared language of this questionnaire",
            at: member.keyPosition, length: member.key.count + 2, path: path + "." + member.key,
            questionID: question,
            hint: suggestion.map { "did you mean \"\($0)\"?" }
              ?? "declared languages: \(languages.joined(separator: ", ")); add it to \"languages\" or remove it"))
      }
      texts[member.key] = s
      if s.contains("{") { sink.textsWithFills.append((s, member.value, path + "." + member.key)) }
    }
    for language in languages where texts[language] == nil {
      sink.error(
        "E013", "\(path) has no \(language) text", at: v, path: path, question: question,
        hint: "add \"\(language)\": \"…\" (every text must exist in every declared language)")
    }
    return LocalizedText(texts)
  }

  private func typeError<T>(_ key: String, _ v: JSONNode, _ expected: String) -> T? {
    sink.error(
      "E002", "\(childPath(key)) must be \(expected), not \(v.typeDescription)", at: v,
      path: childPath(key), question: question)
    return nil
  }

  /// Reports every key that no accessor asked for.
  package func finish(context: String? = nil) {
    for member in members where !known.contains(member.key) && member.key != "$schema" && member.key != "comment" {
      let suggestion = EditDistance.suggestions(for: member.key, among: known).first
      sink.add(
        Diagnostic(
          "E004", .error, "unknown key \"\(member.key)\" in \(context ?? path)",
          at: member.keyPosition, length: member.key.count + 2, path: childPath(member.key),
          questionID: question,
          hint: suggestion.map { "did you mean \"\($0)\"?" }
            ?? "allowed here: " + known.sorted().joined(separator: ", ")))
    }
  }
}
