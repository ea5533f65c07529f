import AtelierCore
import Foundation
import Yams

/// Writes an `InstanceFile` as YAML with sorted keys, so equal instances give equal bytes.
public enum InstanceYAML {
  public static func encode(_ file: InstanceFile) throws -> String {
    let encoder = YAMLEncoder()
    encoder.options = YAMLEncoder.Options(allowUnicode: true, sortKeys: true)
    return plainDecimals(try encoder.encode(file))
  }

  /// Reads `event.yaml` text into the file format (no validation: that is `InstanceLoader`'s job).
  public static func decode(_ text: String) throws -> InstanceFile {
    try YAMLDecoder().decode(InstanceFile.self, from: text)
  }

  /// Yams writes 0.8 as `8e-1`, a float in YAML 1.2 but a string to YAML 1.1 readers (PyYAML, many
  /// editors): rewrite such plain values as `0.8`. Strings that look like numbers are quoted by Yams,
  /// so only real numbers match.
  static func plainDecimals(_ yaml: String) -> String {
    var lines = yaml.components(separatedBy: "\n")
    for index in lines.indices {
      let line = lines[index]
      guard let colon = line.range(of: ": ", options: .backwards) else { continue }
      let value = String(line[colon.upperBound...])
      guard value.contains("e"), value.allSatisfy({ "0123456789.e-+".contains($0) }), let number = Double(value)
      else { continue }
      lines[index] = String(line[..<colon.upperBound]) + "\(number)"
    }
    return lines.joined(separator: "\n")
  }
}
