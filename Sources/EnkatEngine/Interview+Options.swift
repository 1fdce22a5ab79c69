import EnkatExpressions
import EnkatModel

extension Interview {
  /// The options of question `i` offered now: those whose `showIf` holds, in the question's
  /// order for this case. Shuffled and rotated orders come from the case's seed and the question
  /// id, so they are the same every time (and after resuming); `fixed` options keep their place.
  func offeredChoices(at i: Int) -> [Choice] {
    let question = questions[i]
    guard !question.choices.isEmpty else { return [] }
    let values = question.choices.contains { $0.showIf != nil } ? responseValues : [:]
    var choices = question.choices.filter { choice in
      choice.showIf.map { Evaluator.truth(of: $0.expression, in: values) == .true } ?? true
    }
    let movable = choices.indices.filter { !choices[$0].fixed }
    guard question.optionOrder != .asWritten, movable.count > 1 else { return choices }
    var random = SeededGenerator(seed: seed ^ SeededGenerator.seed(from: question.id))
    let order = question.optionOrder.arrange(movable.map { choices[$0] }, using: &random)
    for (slot, choice) in zip(movable, order) { choices[slot] = choice }
    return choices
  }
}

extension OptionOrder {
  /// `items` in this order: as they are, shuffled, or rotated to start at a random item.
  func arrange<Item>(_ items: [Item], using random: inout SeededGenerator) -> [Item] {
    switch self {
    case .asWritten: return items
    case .shuffle: return items.shuffled(using: &random)
    case .rotate:
      guard !items.isEmpty else { return items }
      let start = Int(random.next() % UInt64(items.count))
      return Array(items[start...] + items[..<start])
    }
  }
}
