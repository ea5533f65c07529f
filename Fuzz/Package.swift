// swift-tools-version: 6.0
import Foundation
import PackageDescription

// libFuzzer targets for Atelier's readers, kept out of the main package so that `swift build` and
// `swift test` there never see the sanitizer flags. Run them with `scripts/fuzz` (which also
// instruments AtelierCore and its dependencies: flags given here reach only these targets).
//
// A path dependency is named by its folder, so the root package's identity is that folder's name.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let rootIdentity = root.lastPathComponent.lowercased()

let fuzzFlags: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer,address", "-parse-as-library"])]

let package = Package(
  name: "AtelierFuzz",
  dependencies: [.package(path: "..")],
  targets: [.target(name: "FuzzDriver")]
    + ["FuzzInstance", "FuzzParticipants", "FuzzSchedule", "FuzzScenario", "FuzzPath", "FuzzImport"].map { name in
      .executableTarget(
        name: name, dependencies: ["FuzzDriver", .product(name: "AtelierCore", package: rootIdentity)],
        swiftSettings: fuzzFlags)
    },
  swiftLanguageModes: [.v6]
)
