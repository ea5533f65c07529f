import ArgumentParser
import AtelierCore
import AtelierExport
import AtelierGenerator
import Foundation

/// `atelier generate`: a realistic synthetic instance, or synthetic participants for an existing event.
public struct GenerateCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Write a realistic synthetic instance (event.yaml and participants.csv).",
    discussion: """
      The same --participants, --days and --seed always give byte-identical files. Proportions follow \
      Numérique en Commun[s] 2022: about 18 rooms and 130 sessions for 1,500 participants over 3 days, \
      about 60 rooms and 600 session runs for 7,500 participants over 5 days. --participants goes from \
      1 to 100,000 (the most an instance may have) and --days from 1 to 14; both are checked before \
      any work (exit 2 outside them). Every generated instance \
      has a timetable that keeps every hard rule.

      With --participants-for EVENT_DIR, only participants.csv is written, for the event in \
      EVENT_DIR/event.yaml (into EVENT_DIR unless --out is given); --attendance then says how many \
      people attend which days, e.g. "d1=300,d1+d2=700,d2=500".

      --preferences ties or scores writes a column per workshop (ranks with ties, or 0–10 scores \
      with must and maybe) instead of choice_1 … choice_N; --rank-weights 10,6,3,1 sets \
      weights.ranks. --min-size 8 gives every workshop run a minimum size, --min-size-policy \
      cancel|hard what a run below it means; --anywhere-share 0.3 marks that share of \
      participants "seat me anywhere for the rest" (an anywhere column) (hard may make validate refuse the instance: a \
      workshop fewer chose than its runs need). --every-slot-share 0.05 gives that share of \
      participants max_workshops every_slot (a workshop in every slot where one runs; a share above \
      what a slot's workshops seat makes the instance infeasible, and solve says where); \
      --parallel-runs-share 0.5 gives that share of repeated workshops parallel_runs: true, without \
      their speakers. --stream-keynotes streams keynotes and plenaries that are not exclusive into \
      the second-largest room (overflow_rooms). --online-share 0.2 marks that share of participants \
      online (an attendance column) and streams half the workshops (--streamed-share 0.5) with the \
      keynotes and plenaries; --online-seats 40 limits each streamed workshop run to 40 online attendees. \
      --academic gives session blocks (tracks drawn per room and half-day of the generated timetable, \
      blocks: true where it keeps H16 and H17, a similar pair it keeps, each track's most used room as \
      preferred_rooms). --labs-through-lunch lets the labs (workshop rooms with computers) run \
      through lunch: the lunch break names every other room, and a 13:00 meal slot needs no seats.
      """)

  @Option(help: "Number of participants (1 to 100,000).")
  var participants: Int

  @Option(help: "Number of days (1 to 14).")
  var days: Int?

  @Option(help: "Seed of the pseudo-random generator.")
  var seed: UInt64 = 1

  @Option(help: "Output folder (created if missing).")
  var out: String?

  @Option(name: .customLong("participants-for"), help: "Only synthesise participants.csv for this instance folder.")
  var participantsFor: String?

  @Option(help: "Attendance groups for --participants-for: DAY[+DAY...]=COUNT, comma-separated.")
  var attendance: String?

  @Option(help: "How participants.csv states preferences: ranks (choice_1 … columns), ties (a rank per workshop column, some equal) or scores (0–10, must, maybe per workshop column).")
  var preferences: GeneratorOptions.Preferences = .ranks

  @Option(name: .customLong("rank-weights"), help: "weights.ranks of the event, rank 1 first, comma-separated (e.g. 10,6,3,1; each 0 to 1000).")
  var rankWeights: String?

  @Option(name: .customLong("min-size"), help: "min_size of every workshop run (0 to 100,000; see --min-size-policy).")
  var minSize: Int?

  @Option(name: .customLong("min-size-policy"), help: "What a run below its minimum means: cancel (it does not take place; default) or hard.")
  var minSizePolicy: MinSizePolicy?

  @Option(name: .customLong("anywhere-share"), help: "Share (0 to 1) of participants who accept a seat anywhere for the rest (an anywhere column; default 0: none).")
  var anywhereShare: Double?

  @Option(name: .customLong("every-slot-share"), help: "Share (0 to 1) of participants with max_workshops every_slot (one workshop in every slot where one runs; default 0).")
  var everySlotShare: Double?

  @Option(name: .customLong("parallel-runs-share"), help: "Share (0 to 1) of repeated workshops given parallel_runs: true, without speakers (default 0).")
  var parallelRunsShare: Double?

  @Option(name: .customLong("relations-share"), help: "Share (0 to 1) of sessions run once given a same_slot, different_slot or same_day relation that the generated timetable keeps (default 0).")
  var relationsShare: Double?
  @Flag(name: .customLong("stream-keynotes"), help: "Stream keynotes and plenaries that are not exclusive into the second-largest room (overflow_rooms; default off).")
  var streamKeynotes = false

  @Flag(name: .customLong("labs-through-lunch"), help: "Labs (workshop rooms with computers) run through lunch: the lunch break names every other room, and a 13:00 meal slot needs no seats (default off).")
  var labsThroughLunch = false
  @Flag(name: .customLong("academic"), help: "Session blocks (issue 16): tracks by room-block, blocks: true, a similar pair and preferred_rooms, all kept by the generated timetable (default off).")
  var academic = false
  @Option(name: .customLong("online-share"), help: "Share (0 to 1) of participants who attend online (an attendance column; default 0: none).")
  var onlineShare: Double?
  @Option(name: .customLong("streamed-share"), help: "Share (0 to 1) of workshops streamed, with keynotes and plenaries (default 0.5 with --online-share, else 0).")
  var streamedShare: Double?
  @Option(name: .customLong("online-seats"), help: "online_seats of every streamed workshop (0 to 1,000,000; default: no limit).")
  var onlineSeats: Int?

  public init() {}

  /// The generator options the flags give.
  func generatorOptions() throws -> GeneratorOptions {
    var options = GeneratorOptions()
    options.preferences = preferences
    if let rankWeights {
      let values = rankWeights.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
      guard !values.isEmpty, values.count <= 100, values.allSatisfy({ $0.map { $0.isFinite && (0...1000).contains($0) } ?? false })
      else {
        throw ValidationError("--rank-weights must be 1 to 100 numbers from 0 to 1000, comma-separated (got '\(rankWeights)').")
      }
      options.rankWeights = values.compactMap { $0 }
    }
    if let minSize {
      guard (0...100_000).contains(minSize) else { throw ValidationError("--min-size must be from 0 to 100,000 (got \(minSize)).") }
      options.minSize = minSize
    }
    options.minSizePolicy = minSizePolicy
    options.streamKeynotes = streamKeynotes
    options.labsThroughLunch = labsThroughLunch
    options.academic = academic
    if let anywhereShare {
      guard anywhereShare.isFinite, (0...1).contains(anywhereShare) else {
        throw ValidationError("--anywhere-share must be from 0 to 1 (got \(anywhereShare)).")
      }
      options.anywhereShare = anywhereShare
    }
    for (flag, value, key) in [
      ("--every-slot-share", everySlotShare, \GeneratorOptions.everySlotShare),
      ("--parallel-runs-share", parallelRunsShare, \GeneratorOptions.parallelRunsShare),
      ("--relations-share", relationsShare, \GeneratorOptions.relationsShare),
      ("--online-share", onlineShare, \GeneratorOptions.onlineShare),
    ] {
      guard let value else { continue }
      guard value.isFinite, (0...1).contains(value) else { throw ValidationError("\(flag) must be from 0 to 1 (got \(value)).") }
      options[keyPath: key] = value
    }
    if let streamedShare {
      guard streamedShare.isFinite, (0...1).contains(streamedShare) else {
        throw ValidationError("--streamed-share must be from 0 to 1 (got \(streamedShare)).")
      }
      options.streamedShare = streamedShare
    }
    if let onlineSeats {
      guard (0...1_000_000).contains(onlineSeats) else { throw ValidationError("--online-seats must be from 0 to 1,000,000 (got \(onlineSeats)).") }
      options.onlineSeats = onlineSeats
    }
    return options
  }

  public func validate() throws {
    // Checked before any work: 10^12 participants ran for ever, 200,000 wrote a hall over a room's
    // maximum capacity that `validate` then refused.
    let range = InstanceGenerator.participantRange
    guard range.contains(participants) else {
      throw ValidationError(
        "--participants must be from \(range.lowerBound) to \(FeasibilityCheck.number(range.upperBound)), "
          + "the most an instance may have (got \(participants)).")
    }
    if participantsFor == nil {
      let dayRange = InstanceGenerator.dayRange
      guard let days else { throw ValidationError("--days is required (\(dayRange.lowerBound) to \(dayRange.upperBound)).") }
      guard dayRange.contains(days) else {
        throw ValidationError("--days must be between \(dayRange.lowerBound) and \(dayRange.upperBound) (got \(days)).")
      }
      guard out != nil else { throw ValidationError("--out DIR is required.") }
      guard attendance == nil else { throw ValidationError("--attendance only goes with --participants-for.") }
    } else if days != nil {
      throw ValidationError("--days does not go with --participants-for: the event's days are used.")
    }
    _ = try generatorOptions()
    if let attendance {
      let groups = try Self.parseAttendance(attendance)
      let total = groups.reduce(0) { $0 + $1.count }
      guard total == participants else {
        throw ValidationError("--attendance counts add up to \(total), but --participants is \(participants).")
      }
    }
  }

  static func parseAttendance(_ text: String) throws -> [ParticipantSynthesizer.AttendancePattern] {
    try text.split(separator: ",").map { item in
      let parts = item.split(separator: "=", omittingEmptySubsequences: false)
      guard parts.count == 2, let count = Int(parts[1].trimmingCharacters(in: .whitespaces)), count >= 0 else {
        throw ValidationError("--attendance: '\(item)' is not DAY[+DAY...]=COUNT.")
      }
      // Each count within the bound, so that their sum cannot overflow.
      guard count <= InstanceGenerator.participantRange.upperBound else {
        throw ValidationError(
          "--attendance: '\(item)' is more than \(FeasibilityCheck.number(InstanceGenerator.participantRange.upperBound)) participants.")
      }
      let days = parts[0].split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces) }
      guard !days.isEmpty, !days.contains(where: \.isEmpty) else {
        throw ValidationError("--attendance: '\(item)' names no day.")
      }
      return ParticipantSynthesizer.AttendancePattern(days: days, count: count)
    }
  }

  public func run() throws {
    if let folder = participantsFor {
      try runParticipantsOnly(folder: folder)
      return
    }
    guard let days, let out else { throw ValidationError("--days and --out are required.") }
    var generator = InstanceGenerator(participants: participants, days: days, seed: seed)
    generator.options = try generatorOptions()
    let generated = generator.generate()
    let workshops = generated.file.sessions.filter { $0.kind == "workshop" }.count
    if preferences != .ranks, workshops + 3 > InstanceLoader.maxColumns {
      Terminal.standardError(
        "error: --preferences \(preferences.rawValue) needs a column per workshop: \(workshops) workshops exceed the "
          + "\(InstanceLoader.maxColumns) columns a participants file may have; use --preferences ranks or fewer participants")
      throw ExitStatus.unreadable
    }
    let yaml: String
    do {
      yaml = try generated.yaml()
    } catch {
      Terminal.standardError("error: cannot encode the instance: \(error)")
      throw ExitStatus.unreadable
    }
    let folder = URL(fileURLWithPath: out)
    try write(["event.yaml": yaml, "participants.csv": generated.participantsCSV], to: folder)
    let runs = generated.file.sessions.reduce(0) { $0 + max(1, $1.runs ?? 1) }
    let present = generated.presentPerDay.map(String.init).joined(separator: "/")
    Terminal.standardOutput(
      "wrote \(folder.appendingPathComponent("event.yaml").path) and participants.csv: \(participants) participants "
        + "(present per day \(present)), \(days) days, \(generated.file.rooms.count) rooms, "
        + "\(generated.file.sessions.count) sessions, \(runs) runs, seed \(seed)")
  }

  func runParticipantsOnly(folder: String) throws {
    let eventURL = URL(fileURLWithPath: folder).appendingPathComponent("event.yaml")
    let text: String
    let event: InstanceFile
    do {
      text = try String(contentsOf: eventURL, encoding: .utf8)
    } catch {
      Terminal.standardError("\(eventURL.path): error: cannot read the event: \(error.localizedDescription)")
      throw ExitStatus.unreadable
    }
    do {
      event = try InstanceYAML.decode(text)
    } catch {
      Terminal.standardError(
        "\(eventURL.path): error: not an atelier/1 event (run 'atelier validate' for details): \(error)")
      throw ExitStatus.unreadable
    }
    let dayIDs = event.days.map(\.id)
    let groups: [ParticipantSynthesizer.AttendancePattern]
    if let attendance {
      groups = try Self.parseAttendance(attendance)
      for group in groups {
        for day in group.days where !dayIDs.contains(day) {
          Terminal.standardError("error: --attendance names day '\(day)', which \(eventURL.path) does not have.")
          throw ExitStatus.unreadable
        }
      }
    } else {
      var rng = SplitMix64(seed: seed)
      groups = ParticipantSynthesizer.defaultAttendance(count: participants, days: dayIDs, rng: &rng)
    }
    let rows = ParticipantSynthesizer(event: event, seed: seed).participants(attendance: groups)
    let target = URL(fileURLWithPath: out ?? folder)
    let workshops = event.sessions.filter { $0.kind == "workshop" && !($0.exclusive ?? false) }.map(\.id)
    let csv =
      preferences == .ranks
      ? ParticipantSynthesizer.csv(rows)
      : ParticipantSynthesizer.preferenceCSV(rows, workshops: workshops, scores: preferences == .scores, seed: seed)
    try write(["participants.csv": csv], to: target)
    if preferences == .scores, event.participants?.preferences != "scores" {
      Terminal.standardError(
        "note: the scores are read as scores only with `participants: {file: participants.csv, preferences: scores}` in event.yaml")
    }
    let present = dayIDs.map { day in "\(day) \(rows.filter { $0.days.contains(day) }.count)" }.joined(separator: ", ")
    Terminal.standardOutput(
      "wrote \(target.appendingPathComponent("participants.csv").path): \(rows.count) participants (\(present)), seed \(seed)"
    )
  }

  /// Writes the files into `folder` through `OutputWriter`: all of them or, on an error, none.
  func write(_ files: [String: String], to folder: URL) throws {
    do {
      try OutputWriter(folder: folder).write(
        files.keys.sorted().map { RenderedFile(path: $0, contents: Data((files[$0] ?? "").utf8)) })
    } catch {
      Terminal.standardError("error: \(error)")
      throw ExitStatus.unreadable
    }
  }
}
extension GeneratorOptions.Preferences: ExpressibleByArgument {}
extension MinSizePolicy: ExpressibleByArgument {}
