import AtelierCore
import Yams

/// Writes an `InstanceFile` as YAML with sorted keys, so equal instances give equal bytes.
public enum InstanceYAML {
  public static func encode(_ file: InstanceFile) throws -> String {
    let encoder = YAMLEncoder()
    encoder.options = YAMLEncoder.Options(allowUnicode: true, sortKeys: true)
    return try encoder.encode(file)
  }

  /// Reads `event.yaml` text into the file format (no validation: that is `InstanceLoader`'s job).
  public static func decode(_ text: String) throws -> InstanceFile {
    try YAMLDecoder().decode(InstanceFile.self, from: text)
  }
}
