import ArgumentParser
import EnkatAnalysis
import Foundation

/// `--weight`'s argument: a variable's name, or a weighting spec file (a path ending in `.json`
/// or naming a file), read with its problems printed as `file:line:column` (exit status 65).
enum WeightingFile {
  static func read(_ argument: String) throws -> WeightSpec {
    guard argument.hasSuffix(".json") || argument.contains("/") || FileManager.default.fileExists(atPath: argument)
    else { return .variable(argument) }
    guard let data = FileManager.default.contents(atPath: argument) else {
      printError("error: \(argument): no such weighting file")
      throw ExitCode(66)
    }
    switch WeightSpec.parse(Array(data), file: argument) {
    case .success(let spec): return spec
    case .failure(let problems):
      printError(problems.description)
      throw ExitCode(65)
    }
  }
}
