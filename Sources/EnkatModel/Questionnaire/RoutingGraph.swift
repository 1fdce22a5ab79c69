/// The routing of a questionnaire as a graph: which question can follow which, and when.
///
/// Conditions are not evaluated: an edge from A to B says B can come right after A, labelled
/// with what must hold (B's conditions, and the negation of the conditions of every question
/// skipped between them). An edge that would need a condition and its own negation (two
/// questions with the same condition, one skipped and one asked) is left out, and so are the
/// conditions already known to hold where the edge starts.
public struct RoutingGraph: Sendable {
  /// A question in the graph.
  public struct Node: Sendable, Equatable {
    public var id: String
    public var text: String
  }

  /// A possible step from one question to the next.
  public struct Edge: Sendable, Equatable {
    public var from: String
    public var to: String
    /// What must hold for the step, as expression texts joined with `and`; empty: always.
    public var condition: String
  }

  /// The questions, and `end` last.
  public var nodes: [Node]
  public var edges: [Edge]

  public static let endID = "end"

  /// The graph of `questionnaire`, with question texts in `language`.
  public init(_ questionnaire: Questionnaire, language: String) {
    var conditions: [[String]] = []
    var loopEdges: [Edge] = []
    nodes = []
    for section in questionnaire.sections {
      // A loop is entered when it has a first iteration, and repeats from its last question.
      var entry: String?
      var again = ""
      switch section.loop?.count {
      case .times(let count, _)?:
        entry = "(\(count.source)) >= 1"
        again = "\(section.id) < \(count.source)"
      case .forEach(let source, _)?:
        entry = "count(\(source)) >= 1"
        again = "another option of \(source)"
      case nil: break
      }
      let shown = section.questions.filter(\.isShown)
      for question in shown {
        // A loop section's condition is read in each iteration, so it follows the entry.
        let parts =
          section.loop == nil
          ? [section.askIf?.source, question.askIf?.source] : [entry, section.askIf?.source, question.askIf?.source]
        conditions.append(parts.compactMap { $0 })
        let loop = section.loop == nil ? "" : "↻ \(section.id): "
        nodes.append(Node(id: question.id, text: loop + question.text.text(in: language)))
      }
      if section.loop != nil, let first = shown.first, let last = shown.last {
        loopEdges.append(Edge(from: last.id, to: first.id, condition: again))
      }
    }
    nodes.append(Node(id: Self.endID, text: ""))
    conditions.append([])
    edges = []
    for i in 0..<(nodes.count - 1) {
      // The conditions of the questions skipped so far: each is false, i.e. not all its parts hold.
      var skipped: [[String]] = []
      // What held for question i to be asked still holds: conditions read only earlier answers.
      let known = Set(conditions[i])
      for j in (i + 1)..<nodes.count {
        let needed = conditions[j].filter { !known.contains($0) }
        let impossible = skipped.contains { Set($0).isSubset(of: Set(needed)) }
        if !impossible {
          let label = needed + skipped.map { "not (\($0.joined(separator: " and ")))" }
          edges.append(Edge(from: nodes[i].id, to: nodes[j].id, condition: label.joined(separator: " and ")))
        }
        if needed.isEmpty { break }  // always asked: nothing after it can follow i directly
        if !skipped.contains(needed) { skipped.append(needed) }
      }
    }
    edges += loopEdges
  }
}
