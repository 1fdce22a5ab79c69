import EnkatModel

extension Interview {
  /// The order in which this case is asked `questions`: as written, except that the questions of
  /// each randomized block (a section's `questionOrder`, a grid's `itemOrder`) are shuffled or
  /// rotated, seeded by the case and the block id. An "other, specify" follow-up moves with the
  /// question it follows.
  static func caseOrder(of questions: [Question], seed: UInt64) -> [Int] {
    var order: [Int] = []
    var i = 0
    while i < questions.count {
      guard let block = questions[i].block else {
        order.append(i)
        i += 1
        continue
      }
      var units: [[Int]] = []
      var j = i
      while j < questions.count {
        if questions[j].block?.id == block.id {
          units.append([j])
        } else if questions[j].block == nil, questions[j].specifies != nil, !units.isEmpty {
          units[units.count - 1].append(j)
        } else {
          break
        }
        j += 1
      }
      var random = SeededGenerator(seed: seed ^ SeededGenerator.seed(from: block.id))
      order += block.order.arrange(units, using: &random).joined()
      i = j
    }
    return order
  }

  /// The ids of the questions of `block` in this case's order.
  func questionIDs(inBlock block: String) -> [String] {
    questions.filter { $0.block?.id == block }.map(\.id)
  }
}
