import AtelierCore
import Foundation

/// `comparison.json` (format `atelier-whatif/1`): the published schedule and every scenario side
/// by side. Shards write one each; `atelier whatif merge` joins them. No wall times, so that the
/// same inputs give the same bytes.
public struct WhatIfComparison: Codable, Sendable, Hashable {
  public var format = "atelier-whatif/1"
  /// The instance the scenarios change (name and hash of the unchanged instance).
  public var instance: Schedule.InstanceReference
  /// The published schedule: its file as given, and the instance hash it was made for.
  public var baseline: BaselineReference
  /// `I/N` when this file holds one shard's scenarios; nil for a whole (or merged) run.
  public var shard: String?
  /// The baseline first, then the scenarios in the order given.
  public var rows: [Row]

  public struct BaselineReference: Codable, Sendable, Hashable {
    public var file: String
    public var instanceHash: String
    enum CodingKeys: String, CodingKey {
      case file
      case instanceHash = "instance_hash"
    }
  }

  /// One column of the comparison: the baseline or a scenario.
  public struct Row: Codable, Sendable, Hashable {
    /// `baseline`, or the scenario's name (its folder under the output folder).
    public var scenario: String
    public var title: String?
    /// The scenario file.
    public var file: String?
    /// `optimal`, `feasible` (not proven optimal), `infeasible`, `invalid` (the scenario or the
    /// changed instance breaks a format rule), `no-solution` (stopped before a timetable was found),
    /// `check-failed` (a bug), `not-run` (interrupted before it started); the baseline's own status.
    public var status: String
    /// The timetable's relative gap, when known.
    public var gap: Double?
    /// The timetable objective as solved, stability terms (moved_time, moved_room) included.
    public var objective: Double?
    /// The soft terms as the independent checker measures them (stability terms excluded).
    public var terms: [Schedule.Term]?
    /// Σ of `terms`' contributions.
    public var softTotal: Double?
    /// Runs whose day or start changed / whose room changed (a run can count in both).
    public var runsMovedInTime: Int?
    public var runsMovedInRoom: Int?
    public var runsAdded: Int?
    public var runsCancelled: Int?
    /// Participants of both instances whose workshops or their times or rooms changed.
    public var agendasChanged: Int?
    public var participantsAdded: Int?
    public var participantsRemoved: Int?
    /// Participants with workshop choices, and how they fared.
    public var participants: Int?
    public var gotFirstChoice: Int?
    public var gotTopThree: Int?
    public var gotAllAsked: Int?
    /// The assignment stage's objective: welfare (Σ rank weights), plus in scenarios the bonus for
    /// kept assignments, so it compares scenarios with each other, not with the baseline.
    public var assignmentObjective: Double?
    /// The scenario's changes in words.
    public var changes: [String]?
    /// Why there is no schedule (infeasible, invalid, no solution), in domain terms.
    public var reasons: [String]?

    public init(scenario: String, status: String) {
      self.scenario = scenario
      self.status = status
    }

    enum CodingKeys: String, CodingKey {
      case scenario, title, file, status, gap, objective, terms, participants, changes, reasons
      case softTotal = "soft_total"
      case runsMovedInTime = "runs_moved_in_time"
      case runsMovedInRoom = "runs_moved_in_room"
      case runsAdded = "runs_added"
      case runsCancelled = "runs_cancelled"
      case agendasChanged = "agendas_changed"
      case participantsAdded = "participants_added"
      case participantsRemoved = "participants_removed"
      case gotFirstChoice = "got_first_choice"
      case gotTopThree = "got_top_three"
      case gotAllAsked = "got_all_asked"
      case assignmentObjective = "assignment_objective"
    }
  }

  public func encoded() -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return ((try? encoder.encode(self)) ?? Data()) + Data("\n".utf8)
  }

  public static func decode(_ data: Data) throws -> WhatIfComparison {
    try JSONDecoder().decode(WhatIfComparison.self, from: data)
  }

  // MARK: - Merging shards

  /// Joins comparisons of one instance and baseline: the baseline row once, then every scenario in
  /// the order met (a scenario met twice keeps its last row). Throws when they disagree on the
  /// instance or the baseline.
  public static func merge(_ parts: [WhatIfComparison]) throws -> (WhatIfComparison, duplicates: [String]) {
    guard let first = parts.first else { throw MergeError("nothing to merge") }
    for part in parts.dropFirst() {
      if part.instance != first.instance {
        throw MergeError(
          "comparisons of different instances: '\(first.instance.name)' (\(first.instance.hash.prefix(12))) "
            + "and '\(part.instance.name)' (\(part.instance.hash.prefix(12)))")
      }
      if part.baseline.instanceHash != first.baseline.instanceHash {
        throw MergeError("comparisons against different published schedules")
      }
    }
    var baseline: Row?
    var order: [String] = []
    var rows: [String: Row] = [:]
    var duplicates: [String] = []
    for part in parts {
      for row in part.rows {
        if row.scenario == "baseline" {
          baseline = baseline ?? row
          continue
        }
        if rows[row.scenario] == nil { order.append(row.scenario) } else { duplicates.append(row.scenario) }
        rows[row.scenario] = row
      }
    }
    var merged = first
    merged.shard = nil
    merged.rows = (baseline.map { [$0] } ?? []) + order.compactMap { rows[$0] }
    return (merged, duplicates)
  }

  public struct MergeError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
  }

  // MARK: - Tables

  /// The columns of the summary table, as text cells.
  private func summaryCells(_ row: Row) -> [String] {
    func int(_ value: Int?) -> String { value.map(String.init) ?? "–" }
    let share = { (part: Int?) -> String in
      guard let part, let whole = row.participants, whole > 0 else { return "–" }
      return String(format: "%.1f %%", Double(part) * 100 / Double(whole))
    }
    return [
      row.scenario, row.status, row.gap.map { String(format: "%.1f %%", $0 * 100) } ?? "–",
      int(row.runsMovedInTime), int(row.runsMovedInRoom),
      row.runsAdded.map { "+\($0) / −\(row.runsCancelled ?? 0)" } ?? "–", int(row.agendasChanged),
      row.softTotal.map(Self.number) ?? "–", share(row.gotFirstChoice), share(row.gotAllAsked),
    ]
  }

  private static let summaryHeader = [
    "scenario", "status", "gap", "moved (time)", "moved (room)", "runs +/−", "agendas changed", "soft terms",
    "1st choice", "all asked",
  ]

  /// The summary as an aligned plain-text table, for the terminal.
  public func terminalTable() -> [String] {
    let table = [Self.summaryHeader] + rows.map(summaryCells)
    var widths = [Int](repeating: 0, count: Self.summaryHeader.count)
    for line in table { for (i, cell) in line.enumerated() { widths[i] = max(widths[i], cell.count) } }
    func render(_ cells: [String]) -> String {
      cells.enumerated().map { i, cell in
        let pad = String(repeating: " ", count: widths[i] - cell.count)
        return i < 2 ? cell + pad : pad + cell
      }.joined(separator: "  ")
    }
    return [render(table[0]), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
      + table.dropFirst().map(render)
  }

  /// `comparison.md`: the summary, the soft terms and satisfaction side by side, each scenario's changes.
  public func markdown() -> String {
    var out = ["# What if: \(instance.name)", ""]
    out.append(
      "Published schedule `\(baseline.file)`; \(rows.count - 1) scenario\(rows.count == 2 ? "" : "s")"
        + (shard.map { " (shard \($0))" } ?? "") + ". Moves and agendas are counted against the published schedule; "
        + "soft terms are measured by the independent checker (stability terms excluded).")
    out.append("")
    out.append("| " + Self.summaryHeader.joined(separator: " | ") + " |")
    out.append("|---|---|" + String(repeating: "---:|", count: Self.summaryHeader.count - 2))
    for row in rows { out.append("| " + summaryCells(row).map(Self.cell).joined(separator: " | ") + " |") }
    out.append("")

    let termNames = rows.flatMap { $0.terms ?? [] }.map(\.name).reduce(into: [String]()) {
      if !$0.contains($1) { $0.append($1) }
    }
    if !termNames.isEmpty {
      out += ["## Soft terms (weight × amount)", ""]
      out.append("| term | " + rows.map { Self.cell($0.scenario) }.joined(separator: " | ") + " |")
      out.append("|---|" + String(repeating: "---:|", count: rows.count))
      for name in termNames {
        let cells = rows.map { row in
          row.terms?.first { $0.name == name }.map { Self.number($0.contribution) } ?? "–"
        }
        out.append("| \(name) | " + cells.joined(separator: " | ") + " |")
      }
      out.append("| **total** | " + rows.map { $0.softTotal.map(Self.number) ?? "–" }.joined(separator: " | ") + " |")
      out.append(
        "| objective as solved | " + rows.map { $0.objective.map(Self.number) ?? "–" }.joined(separator: " | ") + " |")
      out.append("")
    }

    out += ["## Participants", ""]
    out.append("| | " + rows.map { Self.cell($0.scenario) }.joined(separator: " | ") + " |")
    out.append("|---|" + String(repeating: "---:|", count: rows.count))
    let lines: [(String, (Row) -> String)] = [
      ("with workshop choices", { $0.participants.map(String.init) ?? "–" }),
      ("got their first choice", { $0.gotFirstChoice.map(String.init) ?? "–" }),
      ("got only top-3 choices", { $0.gotTopThree.map(String.init) ?? "–" }),
      ("got as many as they asked for", { $0.gotAllAsked.map(String.init) ?? "–" }),
      ("agendas changed", { $0.agendasChanged.map(String.init) ?? "–" }),
      (
        "participants added / removed",
        { row in
          row.participantsAdded.map { "+\($0) / −\(row.participantsRemoved ?? 0)" } ?? "–"
        }
      ),
    ]
    for (label, value) in lines { out.append("| \(label) | " + rows.map(value).joined(separator: " | ") + " |") }
    out.append("")

    for row in rows where row.scenario != "baseline" {
      out.append("## \(row.scenario)" + (row.title.map { ": \($0)" } ?? ""))
      out.append("")
      if let file = row.file { out.append("File `\(file)`. Details in `\(row.scenario)/changes.md`.") }
      out.append("")
      for change in row.changes ?? [] { out.append("- \(change)") }
      if let reasons = row.reasons, !reasons.isEmpty {
        out.append("")
        out.append("**\(row.status)**: " + (row.status == "infeasible" ? "why no timetable exists:" : "why:"))
        out.append("")
        for reason in reasons { out.append("- \(reason)") }
      }
      out.append("")
    }
    return out.joined(separator: "\n") + "\n"
  }

  static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.2f", value)
  }

  static func cell(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }
}
