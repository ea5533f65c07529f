import AtelierCore
import AtelierExport
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
    FileHandle.standardError.write(Data((visible(line) + "\n").utf8))
  }

  static func standardOutput(_ line: String) {
    FileHandle.standardOutput.write(Data((visible(line) + "\n").utf8))
  }

  /// The line with control characters (but line feeds and tabs) and bidirectional controls written
  /// as `\u{1B}`: an id or a
  /// title that holds an escape sequence is shown, never obeyed (colours, window titles,
  /// clipboard writes, a carriage return hiding what precedes it).
  static func visible(_ line: String) -> String {
    func isControl(_ scalar: Unicode.Scalar) -> Bool {
      (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
        || DisplayText.isBidiControl(scalar)  // would reorder the rest of the line
    }
    guard line.unicodeScalars.contains(where: isControl) else { return line }
    var out = String.UnicodeScalarView()
    for scalar in line.unicodeScalars {
      if isControl(scalar) {
        out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
      } else {
        out.append(scalar)
      }
    }
    return String(out)
  }

  static var standardErrorIsTerminal: Bool { isatty(2) != 0 }
}
