import AtelierCheck
import AtelierCore
import AtelierExport
import AtelierSolver
import Foundation

/// `report.md`, the explanation of a result: what was proven, what each objective term cost, what
/// the independent check found, how participants fared, how rooms were used and which resources
/// were tightest. No wall times: the same input must give byte-identical files.
struct ReportWriter {
  let instance: Instance
  let timetable: Timetable
  let schedule: Schedule
  let timetableSolution: TimetableSolution
  let assignment: AssignmentSolution?
  let check: CheckReport

  func markdown() -> String {
    var out: [String] = []
    out.append("# \(Self.text(instance.name)): solve report")
    out.append("")
    out.append("Instance hash `\(instance.hash)`. Status: **\(schedule.status.rawValue)**"
      + (schedule.status == .optimal
        ? " (proven optimal: welfare at its bound, penalties at their minimum)."
        : " (not proven optimal: the proven gap is given below)."))
    out.append("")
    out += proofSection()
    out += timetableSection()
    out += checkSection()
    if let assignment { out += assignmentSection(assignment) }
    out += roomSection()
    out += tightestSection()
    return out.joined(separator: "\n") + "\n"
  }

  private func timetableSection() -> [String] {
    var out = ["## Timetable", ""]
    let size = timetableSolution.size
    out.append(
      "\(instance.runs.count) session runs in \(instance.rooms.count) rooms and \(instance.slots.count) slots; "
        + "integer program of \(size.variables) variables (\(size.integers) integer), \(size.rows) rows, "
        + "\(size.nonzeros) nonzeros. Status: \(timetableSolution.status?.rawValue ?? "nothing found").")
    if let objective = schedule.objective {
      out.append("")
      out.append(Self.format("Organisers' penalties %.2f", objective.value)
        + (objective.bound.map { Self.format(", proven minimum %.2f", $0) } ?? "")
        + (objective.gap.map { Self.format(", gap %.2f %%", $0 * 100) } ?? "") + ".")
      out.append("")
      out.append("| term | weight | amount (solver) | amount (checked) | contribution (checked) |")
      out.append("|---|---:|---:|---:|---:|")
      // Every term the checker measures (a term with weight 0 is not in the model but still
      // measured), then the model's own extra terms (stability against a baseline).
      let modelled = Dictionary(objective.terms.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
      let checkedNames = Set(check.softTerms.map(\.name))
      for exact in check.softTerms {
        let term = modelled[exact.name]
        out.append(
          "| \(exact.name) | \(Self.number(exact.weight)) | \(term.map { Self.number($0.amount) } ?? "–") | "
            + "\(Self.number(exact.amount)) | \(Self.number(exact.contribution)) |")
      }
      for term in objective.terms where !checkedNames.contains(term.name) {
        out.append(
          "| \(term.name) | \(Self.number(term.weight)) | \(Self.number(term.amount)) | – | "
            + "\(Self.number(term.contribution)) (solver) |")
      }
      out.append("")
      out.append(
        "The solver's amounts come from its integer program; the checked ones are recomputed from the "
          + "schedule alone by `atelier check`."
          + (objective.terms.contains { !checkedNames.contains($0.name) }
            ? " moved_time and moved_room count changes against `--baseline`: the checker, which sees no baseline, does not measure them (–)."
            : ""))
    }
    out.append("")
    return out
  }

  /// What is proved, per side, in each side's units (docs/solver.md, "What is proved").
  private func proofSection() -> [String] {
    guard let proof = schedule.proof else { return [] }
    var out = ["## What is proved", ""]
    out.append("| | achieved | bound | gap | share |")
    out.append("|---|---:|---:|---:|---:|")
    if let p = proof.participants {
      out.append(
        "| participants: welfare (Σ rank weights) | \(Self.number(p.value)) | at most \(p.bound.map(Self.number) ?? "–") | "
          + "\(p.gap.map(Self.number) ?? "–") | \(p.bound.map { Self.format("%.2f %% of the bound", p.value * 100 / max(1, $0)) } ?? "–") |")
    }
    let o = proof.organisers
    out.append(
      "| organisers: penalties | \(Self.number(o.value)) | at least \(o.bound.map(Self.number) ?? "–") | "
        + "\(o.gap.map(Self.number) ?? "–") | \(o.relativeGap.map { Self.format("%.2f %% above the minimum", $0 * 100) } ?? "–") |")
    let score = proof.score
    out.append(
      "| score: welfare − penalties | \(Self.number(score.value)) | at most \(score.bound.map(Self.number) ?? "–") | "
        + "\(score.gap.map(Self.number) ?? "–") | \(score.relativeGap.map { Self.format("%.2f %% proven gap", $0 * 100) } ?? "–") |")
    out.append("")
    if proof.participants != nil {
      out.append(
        "The participants' bound is the assignment with every time conflict relaxed (each participant may take any "
          + "workshops they chose on their days, within the most seats each run can have): no timetable can give more. "
          + "The organisers' bound is the proven minimum of the penalties over every timetable that keeps the hard rules. "
          + "The score's bound is their difference: only \"a participant is in one place at a time\" is relaxed between them.")
    } else {
      out.append("The organisers' bound is the proven minimum of the penalties over every timetable that keeps the hard rules.")
    }
    out.append("")
    if let stop = proof.stop {
      out.append("The timetable search stopped: \(Self.text(stop.description)) (`proof.stop`: `\(stop.rawValue)`).")
      out.append("")
    }
    if !timetableSolution.boundNotes.isEmpty {
      // Say why a bound is missing (a "–" above) or weak, rather than leave it unexplained.
      out += timetableSolution.boundNotes.map { "- " + Self.text($0.prefix(1).uppercased() + $0.dropFirst()) + "." }
      out.append("")
    }
    return out
  }

  private func checkSection() -> [String] {
    var out = ["## Independent check", ""]
    if check.isValid {
      out.append(
        // H13–H15 bind only sessions with relations: named then, so other reports stay as they were.
        "Every hard rule holds (H1–\(instance.relations.isEmpty ? "H12" : "H15") for the timetable"
          + (timetable.assignments.isEmpty ? "" : ", A1–A9 for \(timetable.assignments.count) assignments")
          + "), verified by `atelier check`, which shares no code with the solver.")
    } else {
      out += check.violations.map { "- [\($0.rule)] \(Self.text($0.message))" }
    }
    out.append("")
    return out
  }

  private func assignmentSection(_ assignment: AssignmentSolution) -> [String] {
    var out = ["## Participants", ""]
    let s = assignment.statistics
    let n = max(1, s.participants)
    out.append("Assignment: \(assignment.status?.rawValue ?? "nothing found")"
      + (assignment.objective.map { ", welfare \(Self.number($0.value))" } ?? "")
      + (assignment.objective?.bound.map { Self.format(", bound %.0f", $0) } ?? "")
      + (assignment.stageValue.map {
        " (first stage \(assignment.status == .optimal ? "optimum" : "value") \(Self.number($0)))"
      } ?? "") + ".")
    if let line = worstRankLine(assignment) { out += ["", "Worst rank received: \(line)"] }
    if assignment.usedGreedy {
      out.append("")
      out.append(
        "The search stopped (\(assignment.termination.description)) before GLPK found an assignment: "
          + "this is the greedy one (choices served by rank rounds), valid but not optimised.")
    }
    out.append("")
    out.append("| | participants | share |")
    out.append("|---|---:|---:|")
    out.append("| with workshop choices | \(s.participants) | 100 % |")
    out.append("| got their first choice | \(s.gotFirstChoice) | \(Self.percent(s.gotFirstChoice, n)) |")
    out.append("| got only top-3 choices | \(s.gotTopThree) | \(Self.percent(s.gotTopThree, n)) |")
    out.append("| got as many as they asked for | \(s.gotAllAsked) | \(Self.percent(s.gotAllAsked, n)) |")
    out.append("")
    out.append("Workshops received by choice rank: "
      + s.rankHistogram.enumerated().map { "rank \($0.offset + 1): \($0.element)" }.joined(separator: ", ") + ".")
    out.append("")
    if s.worstOff.isEmpty {
      out.append("Worst off: nobody; everyone got as many workshops as they asked for.")
    } else {
      out.append("Worst off (fewest workshops against what they asked for): "
        + s.worstOff.prefix(10).map(Self.text).joined(separator: ", ") + (s.worstOff.count > 10 ? ", …" : "")
        + ".")
    }
    if !s.unmetDemand.isEmpty {
      out.append("")
      out.append("Unmet demand (participants who chose a workshop, did not get it and got fewer than they asked for):")
      out.append("")
      out.append("| workshop | chose it | got in | turned away |")
      out.append("|---|---:|---:|---:|")
      for unmet in s.unmetDemand.prefix(15) {
        out.append("| \(Self.cell(unmet.session)) | \(unmet.wanted) | \(unmet.placed) | \(unmet.turnedAway) |")
      }
    }
    if let anywhere = s.seatedAnywhere, anywhere > 0 {
      out.append("")
      out.append(
        "Seated anywhere: \(anywhere) seat\(anywhere == 1 ? "" : "s") in workshops participants did not choose but accept "
          + "(seat anywhere for the rest), from seats no ranked choice could fill.")
    }
    out += onlineLines(s)
    if let cancelled = s.cancelledRuns, !cancelled.isEmpty {
      out.append("")
      out.append(
        "Cancelled runs (fewer participants than their minimum size; those who chose them are seated elsewhere): "
          + cancelled.map(Self.text).joined(separator: ", ") + ".")
    }
    out.append("")
    return out
  }

  /// Online attendees (issue 17): how many follow streams, the choices they could not follow, and
  /// per streamed workshop run those in person against those online.
  private func onlineLines(_ s: Schedule.Statistics) -> [String] {
    guard instance.hasOnlineAttendees else { return [] }
    let online = s.onlineAssignments ?? 0
    let ignored = s.onlineChoicesIgnored ?? 0
    var out = [
      "",
      "Online: \(online) assignment\(online == 1 ? "" : "s") of online attendees, who follow streamed runs without a seat"
        + (ignored > 0 ? "; \(ignored) of their choices were of workshops not streamed (ignored)." : "."),
    ]
    var inPerson = [SessionRun: Int]()
    var remote = [SessionRun: Int]()
    for a in timetable.assignments {
      if instance.participants[a.participant].isOnline(in: instance) { remote[a.run, default: 0] += 1 } else { inPerson[a.run, default: 0] += 1 }
    }
    let streamed = timetable.placements.filter {
      instance.sessions[$0.run.session].kind == .workshop && instance.sessions[$0.run.session].streamed
    }.sorted { $0.run < $1.run }
    guard !streamed.isEmpty else { return out }
    out += ["", "| streamed workshop run | in person | seats | online | online seats |", "|---|---:|---:|---:|---:|"]
    for p in streamed {
      let session = instance.sessions[p.run.session]
      out.append(
        "| \(Self.cell(session.id))#\(p.run.run) | \(inPerson[p.run] ?? 0) | \(instance.seats(ofSession: p.run.session, inRoom: p.room)) | "
          + "\(remote[p.run] ?? 0) | \(session.onlineSeats.map(String.init) ?? "no limit") |")
    }
    return out
  }

  private func roomSection() -> [String] {
    var out = ["## Room use", "", "| room | capacity | runs | hours used | of hours open |", "|---|---:|---:|---:|---:|"]
    var minutes = [Int](repeating: 0, count: instance.rooms.count)
    var runs = [Int](repeating: 0, count: instance.rooms.count)
    for placement in timetable.placements {
      minutes[placement.room] += instance.sessions[placement.run.session].durationMinutes
      runs[placement.room] += 1
    }
    for (r, room) in instance.rooms.enumerated() {
      var open = 0
      for slot in instance.slots where room.isAvailable(during: slot.window) { open += slot.end - slot.start }
      out.append(
        "| \(Self.cell(room.name)) | \(room.capacity) | \(runs[r]) | \(Self.format("%.1f", Double(minutes[r]) / 60)) | "
          + "\(Self.percent(minutes[r], max(1, open))) |")
    }
    out.append("")
    return out
  }

  /// Slots with seats offered and needed, tightest first: where a closed room or more people
  /// would hurt first.
  private func seatRows() -> [(slot: Slot, seats: Int, demand: Int)] {
    var seats = [Int](repeating: 0, count: instance.slots.count)
    for placement in timetable.placements {
      let window = instance.window(ofSession: placement.run.session, startingAt: placement.slot)
      for slot in instance.slots(overlapping: window) {
        seats[slot] += instance.seats(ofSession: placement.run.session, inRoom: placement.room)
      }
    }
    let rows = instance.slots.compactMap { slot -> (slot: Slot, seats: Int, demand: Int)? in
      let demand = instance.seatDemand(inSlot: slot.index)
      return demand > 0 ? (slot, seats[slot.index], demand) : nil
    }.sorted { ($0.seats - $0.demand, $0.slot.index) < ($1.seats - $1.demand, $1.slot.index) }
    return rows
  }

  private func tightestSection() -> [String] {
    let rows = seatRows()
    guard !rows.isEmpty else { return [] }
    var out = [
      "## Tightest slots", "",
      "Seats offered against seats needed (share \(Self.number(instance.seatCoverage)) of those present):", "",
      "| day | slot | seats offered | seats needed | spare |", "|---|---|---:|---:|---:|",
    ]
    for row in rows.prefix(5) {
      out.append(
        "| \(Self.cell(instance.dayName(row.slot.day))) | "
          + "\(TimeText.clock(row.slot.start))–\(TimeText.clock(row.slot.end)) | "
          + "\(row.seats) | \(row.demand) | \(row.seats - row.demand) |")
    }
    out.append("")
    return out
  }

  /// `worst-rank`: its stage value beside the checker's own count, and the shortfall it kept.
  func worstRankLine(_ assignment: AssignmentSolution) -> String? {
    guard let rank = assignment.stageValue, let shortfall = assignment.keptShortfall else { return nil }
    return "\(Self.number(rank)) (\(assignment.status == .optimal ? "proved smallest" : "not proved smallest")"
      + " with a largest shortfall of \(Self.number(shortfall)); seats anywhere have no rank); "
      + "the checker counts \(Checker(instance: instance).worstRank(timetable.assignments))."
  }

  /// A few lines for the terminal after a solve.
  func terminalLines() -> [String] {
    var lines: [String] = []
    if let assignment, let line = worstRankLine(assignment) { lines.append("participants: worst rank received \(line)") }
    if let s = schedule.statistics, s.participants > 0 {
      lines.append(
        "participants: \(s.participants) with choices; first choice \(Self.percent(s.gotFirstChoice, s.participants)), "
          + "as many as asked \(Self.percent(s.gotAllAsked, s.participants))")
    }
    var minutes = [Int](repeating: 0, count: instance.rooms.count)
    for placement in timetable.placements {
      minutes[placement.room] += instance.sessions[placement.run.session].durationMinutes
    }
    if let busiest = minutes.indices.max(by: { (minutes[$0], $1) < (minutes[$1], $0) }), minutes[busiest] > 0 {
      lines.append(
        "rooms: \(Set(timetable.placements.map(\.room)).count) of \(instance.rooms.count) used; busiest "
          + "\(instance.rooms[busiest].name) (\(Self.format("%.1f", Double(minutes[busiest]) / 60)) h)")
    }
    if let tightest = seatRows().first {
      lines.append(
        "tightest slot: \(instance.dayName(tightest.slot.day)) \(TimeText.clock(tightest.slot.start)), "
          + "\(tightest.seats) seats for \(tightest.demand) needed (\(tightest.seats - tightest.demand) spare)")
    }
    lines.append("check: " + (check.isValid ? "every hard rule holds" : "\(check.violations.count) violations"))
    return lines
  }

  static func format(_ format: String, _ value: Double) -> String { String(format: format, value) }
  static func number(_ value: Double) -> String {
    // Int(_:) traps beyond ±2^63 (a weight of 1e30): such values are printed as they are.
    guard value.isFinite, abs(value) < 1e15 else { return String(format: "%g", value) }
    return value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
  }
  static func percent(_ part: Int, _ whole: Int) -> String {
    String(format: "%.1f %%", Double(part) * 100 / Double(max(1, whole)))
  }
  /// Escapes a Markdown table cell.
  static func cell(_ text: String) -> String {
    Self.text(text).replacingOccurrences(of: "|", with: "\\|")
  }

  /// Names and ids as Markdown text: `\ < > &` backslash-escaped, so that a name holding markup
  /// shows as typed and never becomes HTML when the report is rendered; control characters and
  /// line breaks become spaces, bidi controls go.
  static func text(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    // Bidi controls would reorder what a reader sees ("gnp.exe" shown as "exe.png").
    for scalar in DisplayText.neutralised(text).unicodeScalars {
      switch scalar {
      case "\\", "<", ">", "&":
        out.append("\\")
        out.append(scalar)
      case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}"
        || scalar == "\u{2029}":
        out.append(" ")
      default: out.append(scalar)
      }
    }
    return String(out)
  }
}
