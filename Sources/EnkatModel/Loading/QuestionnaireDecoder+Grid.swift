extension QuestionnaireDecoder {
  /// A question, or the items of a grid.
  mutating func decodeItem(_ node: JSONNode, path: String) -> [QuestionDraft] {
    if case .object(let members) = node.kind,
      members.contains(where: { if case .string("grid") = $0.value.kind { $0.key == "type" } else { false } }),
      var r = ObjectReader(node, path: path, languages: languages, sink: sink)
    {
      let items = decodeGrid(&r, path: path)
      for option in specifyOptions {
        sink.error(
          "E047", "a grid's options cannot ask to specify", at: option.node, path: option.path,
          hint: "ask the follow-up as a text question after the grid")
      }
      specifyOptions = []
      return items
    }
    guard let draft = decodeQuestion(node, path: path) else {
      specifyOptions = []
      return []
    }
    return [draft] + (specifyFollowUp(of: draft.question).map { [$0] } ?? [])
  }

  /// A grid (battery): several items sharing a question text, a scale or options, missing codes
  /// and a condition; each item is its own question and variable, asked one by one.
  ///
  /// ```json
  /// {"id": "trust", "type": "grid", "text": {"sv": "Hur stort förtroende har du för …"},
  ///  "scale": {"min": 1, "max": 5, "minLabel": …, "maxLabel": …},
  ///  "items": [{"id": "trustPolice", "text": {"sv": "polisen"}}, {"id": "trustCourts", "text": {"sv": "domstolarna"}}]}
  /// ```
  /// `"questionOrder"` of a section or `"itemOrder"` of a grid: `asWritten`, `shuffle` or `rotate`.
  func decodeBlockOrder(_ r: inout ObjectReader, key: String, path: String, owner: String?) -> OptionOrder {
    guard let name = r.string(key) else { return .asWritten }
    guard let order = OptionOrder(rawValue: name) else {
      sink.error(
        "E048", "\(key) is \"asWritten\", \"shuffle\" or \"rotate\", not \"\(name)\"", at: r.value(key)!,
        path: path + "." + key, question: owner)
      return .asWritten
    }
    return order
  }

  private mutating func decodeGrid(_ r: inout ObjectReader, path: String) -> [QuestionDraft] {
    let id = r.string("id", required: true)
    let idNode = r.value("id")
    if let id, let idNode { checkID(id, idNode, path: path + ".id", what: "grid id", question: id) }
    r.question = id
    _ = r.value("type")
    let stem = r.localized("text", required: true)
    let instruction = r.localized("instruction")
    let askIf = r.stringNode("askIf").map { PendingExpression(text: $0.0, node: $0.1, path: path + ".askIf") }
    var kind: QuestionKind?
    if r.value("scale") != nil {
      kind = decodeScale(&r, path: path, question: id).map { .scale($0) }
    } else if r.value("options") != nil {
      kind = decodeChoices(&r, path: path, question: id, multiple: false).map { .singleChoice($0) }
    } else {
      sink.error(
        "E003", "grid '\(id ?? "?")' has neither \"scale\" nor \"options\"", at: r.node, path: path,
        question: id, hint: "give the items a shared scale or shared options")
    }
    let itemOrder = decodeBlockOrder(&r, key: "itemOrder", path: path, owner: id)
    let required = r.bool("required") ?? true
    let allowed =
      decodeMissingList(&r, key: "allowMissing", path: path + ".allowMissing", question: id) ?? defaultMissing
    var items: [(id: String, node: JSONNode, text: LocalizedText, path: String)] = []
    let itemNodes = r.array("items", required: true) ?? []
    if itemNodes.isEmpty, let node = r.value("items") {
      sink.error("E049", "grid '\(id ?? "?")' has no items", at: node, path: path + ".items", question: id)
    }
    for (k, itemNode) in itemNodes.enumerated() {
      let itemPath = "\(path).items[\(k)]"
      guard var item = ObjectReader(itemNode, path: itemPath, question: id, languages: languages, sink: sink) else {
        continue
      }
      let itemID = item.string("id", required: true)
      let itemIDNode = item.value("id")
      if let itemID, let itemIDNode {
        checkID(itemID, itemIDNode, path: itemPath + ".id", what: "item id", question: itemID)
      }
      item.question = itemID
      let text = item.localized("text", required: true)
      item.finish(context: "an item of grid '\(id ?? "?")'")
      if let itemID, let itemIDNode, let text { items.append((itemID, itemIDNode, text, itemPath)) }
    }
    r.finish(context: "grid '\(id ?? "?")'")
    guard let id, let idNode, let stem, let kind else {
      sink.droppedQuestionPaths.insert(path)
      if let id { sink.droppedQuestionIDs.insert(id) }
      for item in items {
        sink.droppedQuestionIDs.insert(item.id)
        sink.droppedQuestionPaths.insert(item.path)
      }
      return []
    }
    groups.append((id, idNode, path))
    return items.enumerated().map { k, item in
      var question = Question(
        id: item.id, kind: kind, text: item.text, instruction: instruction, required: required,
        allowedMissing: allowed, askIf: nil, checks: [], stem: stem)
      if itemOrder != .asWritten { question.block = RandomizedBlock(id: id, order: itemOrder) }
      return QuestionDraft(
        question: question, askIf: k == 0 ? askIf : nil, checks: [], idNode: item.node, path: item.path,
        groupPath: path, sharesPreviousAskIf: k > 0 && askIf != nil)
    }
  }
}
