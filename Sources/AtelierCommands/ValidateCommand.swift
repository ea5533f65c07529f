import ArgumentParser
import AtelierCore
import Foundation

/// `atelier validate INSTANCE...`: every problem in each instance, as a compiler reports them.
public struct ValidateCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check instances (event.yaml + participants.csv) and report every problem.",
    discussion: """
      INSTANCE is an instance folder (event.yaml, event.yml or event.json, and participants.csv or \
      the file named by `participants:`) or an event file. Diagnostics are printed as \
      `file:line:column: error: message [key.path]` on standard error, or with --format json as one \
      JSON array on standard output; each valid instance gets a one-line summary, and a note says \
      which columns of the participants file were read as id, days and choices.

      Exit status: 0 every instance is valid (warnings allowed); 1 an instance is invalid \
      (diagnostics printed); 2 an instance is unreadable (missing folder or file, I/O error) or \
      the command line is wrong.
      """
  )

  @Argument(help: "Instance folders or event files.")
  var instances: [String]

  @Option(help: "Diagnostics for people (text) or machines (json).")
  var format: DiagnosticFormat = .text

  public init() {}

  public mutating func run() throws {
    var all: [Diagnostic] = []
    var unreadable = false
    var invalid = false
    var summaries: [String] = []
    for path in instances {
      let result = InstanceLoader.load(path: path)
      all += result.diagnostics
      if let note = Self.columnsNote(result) { all.append(note) }
      if result.unreadable { unreadable = true }
      guard let instance = result.instance else {
        invalid = true
        continue
      }
      let warnings = result.diagnostics.filter { $0.severity == .warning }.count
      summaries.append(Self.summary(of: instance, path: path, warnings: warnings))
    }
    DiagnosticOutput.emit(all, format: format)
    if format == .text { for line in summaries { Terminal.standardOutput(line) } }
    if unreadable { throw ExitStatus.unreadable }
    if invalid { throw ExitStatus.invalid }
  }

  /// `participants.csv:1:1: note: read id from column 'Email', days from 'Jours', choices from
  /// columns 'Atelier 1' … 'Atelier 5' (5 columns)`: which columns were read, whether or not the
  /// instance is valid (a wrong column explains the errors that follow it).
  static func columnsNote(_ result: InstanceLoadResult) -> Diagnostic? {
    guard let columns = result.participantsColumns else { return nil }
    return Diagnostic(
      .note, code: "participants-columns", "read \(columns.summary)",
      at: .init(file: result.participantsFile, line: 1, column: 1))
  }

  /// `Instances/nec2022: valid: 128 sessions, 140 runs, 18 rooms, 15 slots, 1500 participants`.
  static func summary(of instance: Instance, path: String, warnings: Int) -> String {
    var line =
      "\(path): valid: \(instance.sessions.count) sessions, \(instance.runs.count) runs, "
      + "\(instance.rooms.count) rooms, \(instance.slots.count) slots, \(instance.participants.count) participants"
    let online = instance.participants.filter { $0.isOnline(in: instance) }.count
    if online > 0 { line += ", \(online) of them online" }
    if warnings > 0 { line += " (\(warnings) warning\(warnings == 1 ? "" : "s"))" }
    return line
  }
}
