import ArgumentParser
import EnkatFieldwork
import Foundation

/// `--quotas FILE`: read against the sample's stratum columns, problems printed (exit status 65).
enum QuotaFile {
  static func read(_ path: String, sample: SampleStore) throws -> Quotas {
    guard let bytes = FileManager.default.contents(atPath: path) else {
      printError("error: \(path): no such file")
      throw ExitCode(66)
    }
    let strata = try sample.columns().filter { $0.role == .stratum }.map(\.name)
    switch Quotas.parse(Array(bytes), file: path, strata: strata) {
    case .success(let quotas): return quotas
    case .failure(let problems):
      printError(problems.description)
      throw ExitCode(65)
    }
  }
}
