import EnkatExpressions

/// Decides, where the domains are small enough, whether a condition can ever hold.
///
/// The variables a condition reads (through computed variables down to answers) are given every
/// value they can take: each code of a choice or scale, every subset of a multiple choice's
/// options (up to 8 options), for numbers the range's ends, each number literal of the expressions
/// and its neighbours, and a point between each two of those (whole numbers where the question
/// takes no decimals), for texts the empty text and each text literal, and always
/// don't know and not asked. If no combination makes the condition true, it never holds. More
/// than `limit` combinations, or arithmetic and value functions (whose solutions can fall between
/// the sample points): undecided (nil), never guessed.
struct ConditionAnalysis {
  /// What is known of each variable before the condition: answers by kind, computed by expression.
  var kinds: [String: QuestionKind] = [:]
  var computed: [String: Expression] = [:]
  /// Computed variables in questionnaire order.
  var computedOrder: [String] = []
  static let limit = 20_000

  /// Whether `expression` can be true for some answers; nil when undecided.
  func canHold(_ expression: Expression) -> Bool? {
    var inputs: [String] = []
    var literals: [Value] = []
    var decidable = true
    var read = Set<String>()
    collect(expression, into: &inputs, literals: &literals, decidable: &decidable, computedRead: &read)
    guard decidable else { return nil }
    let needed = computedOrder.filter(read.contains)
    var domains: [(String, [Value])] = []
    var size = 1
    for name in inputs {
      guard let kind = kinds[name], let domain = Self.domain(of: kind, literals: literals) else { return nil }
      size *= domain.count
      if size > Self.limit { return nil }
      domains.append((name, domain))
    }
    var assignment: [String: Value] = [:]
    return search(expression, domains[...], needed, &assignment)
  }

  /// Tries every assignment of the remaining variables; `needed` are the computed variables the
  /// expression reads, in questionnaire order.
  private func search(
    _ expression: Expression, _ rest: ArraySlice<(String, [Value])>, _ needed: [String],
    _ assignment: inout [String: Value]
  ) -> Bool {
    guard let (name, values) = rest.first else {
      var all = assignment
      for id in needed { if let c = computed[id] { all[id] = Evaluator.evaluate(c, in: all) } }
      return Evaluator.truth(of: expression, in: all) == .true
    }
    for value in values {
      assignment[name] = value
      if search(expression, rest.dropFirst(), needed, &assignment) { return true }
    }
    assignment[name] = nil
    return false
  }

  /// The answer variables `expression` reads, through computed variables, and its literals.
  private func collect(
    _ expression: Expression, into inputs: inout [String], literals: inout [Value], decidable: inout Bool,
    computedRead: inout Set<String>
  ) {
    if !Self.comparesOnly(expression) { decidable = false }
    for name in expression.variables where !inputs.contains(name) && !computedRead.contains(name) {
      if let c = computed[name] {
        computedRead.insert(name)
        collect(c, into: &inputs, literals: &literals, decidable: &decidable, computedRead: &computedRead)
      } else {
        inputs.append(name)
      }
    }
    Self.literals(of: expression, into: &literals)
  }

  /// Whether the expression only compares variables with literals (and tests answers): then the
  /// sample points cover every case.
  private static func comparesOnly(_ e: Expression) -> Bool {
    switch e {
    case .number, .text, .boolean, .variable: return true
    case .arithmetic, .negate: return false
    case .not(let x, _): return comparesOnly(x)
    case .comparison(_, let l, let r, _), .logical(_, let l, let r, _), .contains(let l, let r, _):
      return comparesOnly(l) && comparesOnly(r)
    case .membership(let x, let list, _): return comparesOnly(x) && list.allSatisfy(comparesOnly)
    case .call(let name, let args, _):
      return ["answered", "dontknow", "refused", "asked", "count"].contains(name) && args.allSatisfy(comparesOnly)
    }
  }

  private static func literals(of e: Expression, into out: inout [Value]) {
    switch e {
    case .number(let n, _): out.append(.number(n))
    case .text(let s, _): out.append(.text(s))
    case .boolean, .variable: break
    case .negate(let x, _), .not(let x, _): literals(of: x, into: &out)
    case .arithmetic(_, let l, let r, _), .comparison(_, let l, let r, _), .logical(_, let l, let r, _),
      .contains(let l, let r, _):
      literals(of: l, into: &out)
      literals(of: r, into: &out)
    case .membership(let x, let list, _):
      literals(of: x, into: &out)
      list.forEach { literals(of: $0, into: &out) }
    case .call(_, let args, _): args.forEach { literals(of: $0, into: &out) }
    }
  }

  private static func domain(of kind: QuestionKind, literals: [Value]) -> [Value]? {
    let missing: [Value] = [.missing(.dontKnow), .missing(.notAsked)]
    switch kind {
    case .singleChoice(let choices): return choices.map { .number(Double($0.code)) } + missing
    case .date: return nil  // compared with today(), which the search cannot fix
    case .scale(let s): return (s.min...s.max).map { .number(Double($0)) } + missing
    case .multipleChoice(let choices, _):
      guard choices.count <= 8 else { return nil }
      let codes = choices.map(\.code)
      let subsets = (1..<(1 << codes.count)).map { mask in
        Value.codes(codes.indices.filter { mask & (1 << $0) != 0 }.map { codes[$0] })
      }
      return subsets + missing
    case .number(let range):
      var points = Set([range.min, range.max].compactMap { $0 })
      for case .number(let n) in literals { points.formUnion([n - 1, n, n + 1]) }
      if points.isEmpty { points = [0] }
      // Every interval between two sample points gets a point inside it; whole numbers only when
      // the question takes no decimals.
      let sorted = points.sorted()
      for (a, b) in zip(sorted, sorted.dropFirst()) {
        let middle = (a + b) / 2
        points.formUnion(range.decimals == 0 ? [middle.rounded(.down), middle.rounded(.up)] : [middle])
      }
      let inRange = points.filter {
        (range.min ?? -.infinity) <= $0 && $0 <= (range.max ?? .infinity) && (range.decimals > 0 || $0 == $0.rounded())
      }
      return inRange.sorted().map { .number($0) } + missing
    case .text:
      var texts: Set<String> = [""]
      for case .text(let s) in literals { texts.insert(s) }
      return texts.sorted().map { .text($0) } + missing
    case .display, .computed: return nil
    }
  }
}
