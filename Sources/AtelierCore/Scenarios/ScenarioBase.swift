import Foundation

/// The instance a scenario changes: its file form (event and participants table), which changes
/// are applied to, and the loaded instance (valid), which the published schedule refers to.
public struct ScenarioBase: Sendable {
  public var event: InstanceFile
  public var participants: ParticipantsTable?
  public var instance: Instance
  /// Warnings of the base instance: the changed instance repeats them, so they are not reported again.
  public var warnings: [Diagnostic]

  public init(event: InstanceFile, participants: ParticipantsTable?, instance: Instance, warnings: [Diagnostic] = []) {
    self.event = event
    self.participants = participants
    self.instance = instance
    self.warnings = warnings
  }

  /// Loads an instance folder (or event file) with `InstanceLoader`, then reads the same files into
  /// their file form. `base` is nil when the instance is invalid or unreadable.
  public static func load(path: String) -> (base: ScenarioBase?, diagnostics: [Diagnostic], unreadable: Bool) {
    let loaded = InstanceLoader.load(path: path)
    guard let instance = loaded.instance, let eventFile = loaded.eventFile else {
      return (nil, loaded.diagnostics, loaded.unreadable)
    }
    guard let data = FileManager.default.contents(atPath: eventFile), let event = decodeEvent(data) else {
      return (
        nil,
        loaded.diagnostics + [.error("unreadable", "cannot read the event file again", at: .init(file: eventFile))],
        true
      )
    }
    var participants: ParticipantsTable?
    if let file = loaded.participantsFile {
      guard let data = FileManager.default.contents(atPath: file) else {
        return (
          nil, loaded.diagnostics + [.error("unreadable", "cannot read the participants file", at: .init(file: file))],
          true
        )
      }
      participants = ParticipantsTable(data: data, mapping: event.participants)
    }
    let base = ScenarioBase(
      event: event, participants: participants, instance: instance,
      warnings: loaded.diagnostics.filter { $0.severity != .error })
    return (base, loaded.diagnostics, false)
  }

  /// A base from a file form in memory (generated instances, tests); nil with the loader's
  /// diagnostics when it is invalid.
  public static func make(event: InstanceFile, participantsCSV: Data?) -> (
    base: ScenarioBase?, diagnostics: [Diagnostic]
  ) {
    var event = event
    event.participants = participantsCSV == nil ? nil : event.participants?.withFile("participants.csv") ?? "participants.csv"
    let loaded = InstanceLoader.load(
      eventData: ScenarioApplier.encode(event), eventFile: "event.json", participants: participantsCSV,
      participantsFile: "participants.csv")
    guard let instance = loaded.instance else { return (nil, loaded.diagnostics) }
    let table = participantsCSV.map { ParticipantsTable(data: $0, mapping: event.participants) }
    return (
      ScenarioBase(event: event, participants: table, instance: instance, warnings: loaded.diagnostics),
      loaded.diagnostics
    )
  }

  /// The event file's bytes as `InstanceFile`, read as the loader reads them (YAML 1.2 core schema).
  static func decodeEvent(_ data: Data) -> InstanceFile? {
    var bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
    guard let root = YAMLDocument.parse(text, file: "").root,
      let json = try? JSONSerialization.data(withJSONObject: YAMLDocument.foundationValue(root))
    else { return nil }
    return try? JSONDecoder().decode(InstanceFile.self, from: json)
  }
}
