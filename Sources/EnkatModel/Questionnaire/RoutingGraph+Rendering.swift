import Foundation

extension RoutingGraph {
  /// The graph in Graphviz DOT.
  public var dot: String {
    func quoted(_ s: String) -> String {
      "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
    var lines = ["digraph routing {", "  rankdir=TB;", "  node [shape=box, fontname=\"Helvetica\"];"]
    for node in nodes {
      let label = node.id == Self.endID ? "end" : node.id + "\\n" + Self.shortened(node.text)
      lines.append("  \(quoted(node.id)) [label=\(quoted(label).replacingOccurrences(of: "\\\\n", with: "\\n"))];")
    }
    for edge in edges {
      let label = edge.condition.isEmpty ? "" : " [label=\(quoted(edge.condition))]"
      lines.append("  \(quoted(edge.from)) -> \(quoted(edge.to))\(label);")
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  /// The graph as a Mermaid flowchart.
  public var mermaid: String {
    func text(_ s: String) -> String {
      s.replacingOccurrences(of: "\"", with: "#quot;").replacingOccurrences(of: "|", with: "#124;")
    }
    var lines = ["flowchart TD"]
    for node in nodes {
      let label = node.id == Self.endID ? "end" : node.id + ": " + Self.shortened(node.text)
      lines.append("  \(Self.mermaidID(node.id))[\"\(text(label))\"]")
    }
    for edge in edges {
      let arrow = edge.condition.isEmpty ? "-->" : "-->|\"\(text(edge.condition))\"|"
      lines.append("  \(Self.mermaidID(edge.from)) \(arrow) \(Self.mermaidID(edge.to))")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Node ids prefixed, so that a question called `end` or `graph` cannot clash with Mermaid words.
  private static func mermaidID(_ id: String) -> String { "q_" + id }

  static func shortened(_ text: String, to length: Int = 48) -> String {
    text.count <= length ? text : String(text.prefix(length - 1)) + "…"
  }
}
