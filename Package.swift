// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "Enkat",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "enkat", targets: ["enkat"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
  ],
  targets: [
    // Pure core: no terminal, file, clock or random I/O.
    .target(name: "EnkatExpressions"),
    .target(
      name: "EnkatModel",
      dependencies: ["EnkatExpressions", .product(name: "Crypto", package: "swift-crypto")]),
    .target(name: "EnkatEngine", dependencies: ["EnkatModel", "EnkatExpressions"]),
    .target(name: "EnkatSimulation", dependencies: ["EnkatEngine", "EnkatModel", "EnkatExpressions"]),
    // The dataset seam: a questionnaire's variables, as exports and analyses see them.
    .target(name: "EnkatDataset", dependencies: ["EnkatModel", "EnkatExpressions"]),
    // Exports: SPSS .sav through ReadStat (Debian's libreadstat-dev).
    .systemLibrary(name: "CReadStat", providers: [.apt(["libreadstat-dev"])]),
    .target(name: "EnkatExport", dependencies: ["EnkatDataset", "EnkatModel", "CReadStat"]),
    // Analyses: tables, tests and intervals from a dataset's cells (no I/O).
    .target(name: "EnkatAnalysis", dependencies: ["EnkatDataset", "EnkatModel", "EnkatExpressions"]),
    // The store: the field's response files merged into one SQLite file.
    .target(
      name: "EnkatCollector",
      dependencies: [
        "EnkatLog", "EnkatModel", "EnkatDataset", "CFileSync", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ]),
    // Adapters at the edges.
    // CRC-32 by libdeflate (Debian's libdeflate-dev): PCLMUL, about three times zlib's.
    .systemLibrary(name: "CDeflate", providers: [.apt(["libdeflate-dev"])]),
    .target(name: "EnkatLog", dependencies: ["EnkatModel", "EnkatExpressions", "CDeflate"]),
    .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
    // glibc's malloc settings (mallopt), for the collect's many allocations on several threads.
    .systemLibrary(name: "CMalloc"),
    // sync_file_range, to start writing the store out while a collect goes on.
    .systemLibrary(name: "CFileSync"),
    .target(
      name: "EnkatFieldwork",
      dependencies: [
        "EnkatEngine", "EnkatLog", "EnkatModel", .product(name: "GRDB", package: "GRDB.swift"),
      ]),
    .target(name: "EnkatTerminal", dependencies: ["EnkatEngine", "EnkatLog", "EnkatFieldwork", "CReadline"]),
    .executableTarget(
      name: "enkat",
      dependencies: [
        "EnkatModel", "EnkatEngine", "EnkatLog", "EnkatTerminal", "EnkatSimulation", "EnkatDataset", "EnkatCollector",
        "EnkatFieldwork",
        "EnkatExport",
        "EnkatAnalysis", "CMalloc",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // Test support and tests.
    .target(name: "EnkatTestSupport", dependencies: ["EnkatModel", "EnkatEngine"]),
    .testTarget(
      name: "EnkatExpressionsTests",
      dependencies: ["EnkatExpressions", .product(name: "PropertyBased", package: "swift-property-based")]),
    .testTarget(
      name: "EnkatModelTests",
      dependencies: [
        "EnkatModel", "EnkatTestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
      ]),
    .testTarget(name: "EnkatEngineTests", dependencies: ["EnkatEngine", "EnkatTestSupport"]),
    .testTarget(name: "EnkatLogTests", dependencies: ["EnkatLog", "EnkatEngine", "EnkatTestSupport"]),
    .testTarget(name: "EnkatSimulationTests", dependencies: ["EnkatSimulation", "EnkatLog", "EnkatTestSupport"]),
    .testTarget(name: "EnkatTerminalTests", dependencies: ["EnkatTerminal", "EnkatTestSupport"]),
    .testTarget(name: "EnkatDatasetTests", dependencies: ["EnkatDataset", "EnkatTestSupport"]),
    .testTarget(
      name: "EnkatAnalysisTests", dependencies: ["EnkatAnalysis", "EnkatDataset", "EnkatModel", "EnkatTestSupport"]),
    .testTarget(
      name: "EnkatCollectorTests", dependencies: ["EnkatCollector", "EnkatLog", "EnkatEngine", "EnkatTestSupport"]),
    .testTarget(name: "EnkatFieldworkTests", dependencies: ["EnkatFieldwork", "EnkatTestSupport"]),
    .testTarget(
      name: "EnkatEndToEndTests", dependencies: ["enkat", "EnkatLog", "EnkatEngine", "EnkatTestSupport"]),
  ]
)
