/// Levenshtein distance, for "did you mean" suggestions.
public enum EditDistance {
  /// The number of single-character edits (insert, delete, replace, swap two neighbours) that
  /// turn `a` into `b`, ignoring case.
  public static func distance(_ a: String, _ b: String) -> Int {
    let x = Array(a.lowercased())
    let y = Array(b.lowercased())
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var before = Array(repeating: 0, count: y.count + 1)
    var previous = Array(0...y.count)
    for i in 1...x.count {
      var current = [i] + Array(repeating: 0, count: y.count)
      for j in 1...y.count {
        let cost: Int = x[i - 1] == y[j - 1] ? 0 : 1
        let deletion: Int = previous[j] + 1
        let insertion: Int = current[j - 1] + 1
        var best = Swift.min(deletion, insertion, previous[j - 1] + cost)
        if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
          best = Swift.min(best, before[j - 2] + 1)
        }
        current[j] = best
      }
      before = previous
      previous = current
    }
    return previous[y.count]
  }

  /// Candidates close to `word`, closest first: within a third of its length (at least 1, at
  /// most 3 edits), or differing only in case.
  public static func suggestions(for word: String, among candidates: some Sequence<String>)
    -> [String]
  {
    let limit = Swift.min(3, Swift.max(1, word.count / 3))
    var scored: [(candidate: String, distance: Int)] = []
    for candidate in candidates {
      let d = distance(word, candidate)
      if d <= limit { scored.append((candidate, d)) }
    }
    scored.sort { a, b in a.distance == b.distance ? a.candidate < b.candidate : a.distance < b.distance }
    return scored.map(\.candidate)
  }
}
