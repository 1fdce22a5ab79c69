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
    var order = movable.map { choices[$0] }
    switch question.optionOrder {
    case .shuffle: order.shuffle(using: &random)
    case .rotate:
      let start = Int(random.next() % UInt64(order.count))
      order = Array(order[start...] + order[..<start])
    case .asWritten: break
    }
    for (slot, choice) in zip(movable, order) { choices[slot] = choice }
    return choices
  }
}
