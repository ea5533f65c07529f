import AtelierCore
import ArgumentParser
import Foundation

/// How commands print diagnostics: for people (compiler style) or for machines (JSON).
public enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
  case text, json
}

/// Prints diagnostics to standard error (text) or standard output (JSON, an array).
enum DiagnosticOutput {
  static func emit(_ diagnostics: [Diagnostic], format: DiagnosticFormat) {
    let sorted = diagnostics.sortedForDisplay
    switch format {
    case .text:
      for diagnostic in sorted { Terminal.standardError(diagnostic.formatted) }
    case .json:
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      if let data = try? encoder.encode(sorted), let text = String(data: data, encoding: .utf8) {
        Terminal.standardOutput(text)
      }
    }
  }
}

/// Writing to the terminal, and knowing whether it is one (progress lines only on a terminal).
enum Terminal {
  static func standardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }

  static func standardOutput(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
  }

  static var standardErrorIsTerminal: Bool { isatty(2) != 0 }
}
