// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "Atelier",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "atelier", targets: ["atelier"]),
    .library(name: "AtelierCore", targets: ["AtelierCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
  ],
  targets: [
    // GLPK's C API. Debian's libglpk-dev ships no pkg-config file, hence no `pkgConfig:`.
    .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"])]),
    // Leaves a GLPK call from its terminal hook (setjmp/longjmp must not cross Swift frames).
    .target(name: "CGLPKInterrupt", dependencies: ["CGLPK"]),
    // glibc's mallopt, for the executable's allocator tuning.
    .systemLibrary(name: "CMalloc"),

    // Domain types, the instance format, loading and validation, diagnostics.
    .target(
      name: "AtelierCore",
      dependencies: [.product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto")]),
    // Realistic synthetic instances at any scale.
    .target(name: "AtelierGenerator", dependencies: ["AtelierCore", .product(name: "Yams", package: "Yams")]),
    // A solver-agnostic mixed-integer model: named variables and rows, LP/MPS writers.
    .target(name: "AtelierMIP"),
    // GLPK backend for AtelierMIP models (the only target that sees GLPK's C API).
    .target(name: "AtelierGLPK", dependencies: ["AtelierMIP", "CGLPK", "CGLPKInterrupt"]),
    // Formulations: timetable and participant assignment, mapped back to domain terms.
    .target(name: "AtelierSolver", dependencies: ["AtelierCore", "AtelierMIP", "AtelierGLPK"]),
    // The independent checker: shares nothing with the formulations but the domain types.
    .target(name: "AtelierCheck", dependencies: ["AtelierCore"]),
    // Renderers: schedule JSON, iCalendar, frab, HTML, CSV. Return files in memory.
    .target(
      name: "AtelierExport",
      dependencies: [
        "AtelierCore", .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Mustache", package: "swift-mustache"),
      ]),
    // The command line (a library so tests reach every command in-process).
    .target(
      name: "AtelierCommands",
      dependencies: [
        "AtelierCore", "AtelierGenerator", "AtelierSolver", "AtelierCheck", "AtelierExport",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(name: "atelier", dependencies: ["AtelierCommands", "CMalloc"]),

    .testTarget(name: "AtelierCoreTests", dependencies: ["AtelierCore", "AtelierGenerator"], resources: [.copy("Fixtures")]),
    .testTarget(name: "AtelierGeneratorTests", dependencies: ["AtelierGenerator", "AtelierCore"]),
    .testTarget(name: "AtelierMIPTests", dependencies: ["AtelierMIP", "AtelierGLPK"]),
    .testTarget(
      name: "AtelierSolverTests",
      dependencies: ["AtelierSolver", "AtelierCheck", "AtelierCore", "AtelierMIP", "AtelierGLPK", "AtelierGenerator"]),
    .testTarget(name: "AtelierCheckTests", dependencies: ["AtelierCheck", "AtelierCore", "AtelierGenerator"]),
    .testTarget(
      name: "AtelierCommandsTests",
      dependencies: [
        "AtelierCommands", "AtelierCheck", "AtelierCore", "AtelierExport", "AtelierMIP",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .testTarget(
      name: "AtelierExportTests", dependencies: ["AtelierExport", "AtelierCore", "AtelierGenerator", "AtelierCheck"],
      resources: [.copy("Golden"), .copy("Schemas")]),
  ],
  swiftLanguageModes: [.v6]
)
