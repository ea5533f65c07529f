import ArgumentParser
import AtelierCore
import Foundation

/// `atelier whatif`: scenarios against a published schedule (`run`, the default), and the merging
/// of shards' comparisons (`merge`).
public struct WhatIfCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "whatif",
    abstract:
      "Re-solve scenarios (a room closed, a speaker cancels, …) close to a published schedule and compare them.",
    discussion: """
      `atelier whatif INSTANCE --baseline SCHEDULE.json --scenario FILE... --out DIR` runs each \
      scenario (see docs/scenarios.md); `atelier whatif merge DIR...` joins the comparisons of shards.
      """,
    subcommands: [WhatIfRunCommand.self, WhatIfMergeCommand.self],
    defaultSubcommand: WhatIfRunCommand.self
  )

  public init() {}
}

/// `atelier whatif run` (the default): every scenario of the shard, on `--jobs` threads.
public struct WhatIfRunCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Apply each scenario, re-solve it close to the published schedule, write its outputs and a comparison.",
    discussion: """
      For each scenario file: apply its changes to INSTANCE (docs/scenarios.md), validate the changed \
      instance like `atelier validate`, solve it with stability against --baseline (a run that keeps \
      its day and start costs 100 less than one that moves, one that keeps its room 20 less; \
      participants keep their workshops where possible; pinned sessions never move), check it, and \
      write into DIR/<scenario>/: every output of `atelier solve`, changes.md (what moved, who is \
      notified), agenda-changes.csv and the changed instance (instance/event.json, \
      instance/participants.csv). DIR/comparison.json and DIR/comparison.md compare the published \
      schedule and every scenario; the same table is printed.

      An infeasible scenario is an answer, not an error: the comparison says why, in domain terms, \
      and the other scenarios go on. --jobs N solves N scenarios at once (one GLPK problem per \
      thread). --shard I/N runs only the I-th of N contiguous slices of the scenario list (I from 1) \
      and writes DIR/comparison-shard-I-of-N.json (and .md); `atelier whatif merge` joins them.

      Exit status: 0 every scenario of the shard has an answer (a schedule, proven optimal or not, \
      or a reason why none exists); 1 the instance, a scenario file or a changed instance is \
      invalid (the others still run); 2 unreadable input or wrong usage; 4 a scenario stopped \
      before any timetable was found (time limit, interrupt); 70 internal error.
      """
  )

  @Argument(help: "The instance the published schedule was made for (folder or event file).")
  var instance: String

  @Option(name: .long, help: "The published schedule (schedule.json) to change as little as possible.")
  var baseline: String

  @Option(name: .long, parsing: .upToNextOption, help: "Scenario files (YAML); repeat or list several.")
  var scenario: [String] = []

  @Option(name: .long, help: "Output folder: one folder per scenario, and the comparison.")
  var out: String = "whatif"

  @Option(name: .long, help: "Scenarios solved at once, each on its own thread.")
  var jobs: Int = 1

  @Option(name: .long, help: "Run only slice I of N of the scenario list (I from 1), e.g. 2/4.")
  var shard: String?

  @Option(name: .long, help: "Time limit in seconds per scenario (timetable, then assignment), at most 604800 (a week).")
  var timeLimit: Double = 60

  @Option(name: .long, help: "Proven relative gap of each scenario's score at which its solve counts as done (0.01 = 1 %).")
  var gap: Double = 0.01

  @Option(name: .long, help: "Language of the programme's pages and feeds (e.g. fr, en; default en).")
  var language: String?

  @Option(help: "Diagnostics for people (text) or machines (json).")
  var format: DiagnosticFormat = .text

  public init() {}

  /// `I/N` with 1 ≤ I ≤ N.
  static func parseShard(_ text: String) -> (index: Int, count: Int)? {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1,
      (1...count).contains(index)
    else { return nil }
    return (index, count)
  }

  /// The positions of slice `index` of `count` over `total` items: contiguous, sizes differing by at most one.
  static func slice(_ index: Int, of count: Int, total: Int) -> Range<Int> {
    (total * (index - 1) / count)..<(total * index / count)
  }

  public mutating func validate() throws {
    if scenario.isEmpty { throw ValidationError("give at least one --scenario FILE") }
    if !(1...256).contains(jobs) { throw ValidationError("--jobs must be from 1 to 256, got \(jobs)") }
    if !(timeLimit > 0 && timeLimit <= SolvePipeline.maxTimeLimit) {
      throw ValidationError(
        "--time-limit must be a number of seconds above 0 and at most \(Int(SolvePipeline.maxTimeLimit)) (a week), got \(timeLimit)")
    }
    if !(gap >= 0 && gap < 1) { throw ValidationError("--gap must be in [0, 1), e.g. 0.01 for 1 %, got \(gap)") }
    if let shard, Self.parseShard(shard) == nil {
      throw ValidationError("--shard takes I/N with 1 ≤ I ≤ N, e.g. 2/4; got '\(shard)'")
    }
  }

  public func run() throws {
    let trap = InterruptTrap()
    let (base, baseDiagnostics, unreadable) = ScenarioBase.load(path: instance)
    DiagnosticOutput.emit(baseDiagnostics, format: format)
    if unreadable { throw ExitStatus.unreadable }
    guard let base else { throw ExitStatus.invalid }
    let (published, scheduleDiagnostics) = Schedule.load(path: baseline)
    DiagnosticOutput.emit(scheduleDiagnostics, format: format)
    guard let published else { throw ExitStatus.unreadable }
    if published.instance.hash != base.instance.hash {
      Terminal.standardError(
        "\(baseline): warning: the published schedule was made for another version of the instance "
          + "(hash \(published.instance.hash.prefix(12)), now \(base.instance.hash.prefix(12))); runs are matched by ids"
      )
    }

    // Every file is read, so that names are unique across shards; only the shard's are run.
    let loads = scenario.map { ScenarioLoader.load(path: $0) }
    let range =
      shard.flatMap(Self.parseShard).map { Self.slice($0.index, of: $0.count, total: loads.count) }
      ?? 0..<loads.count
    var seen: [String: String] = [:]
    var duplicates: [String] = []
    for (load, file) in zip(loads, scenario) {
      guard let name = load.scenario?.name else { continue }
      if let first = seen[name] { duplicates.append("'\(name)' (\(first) and \(file))") }
      seen[name] = seen[name] ?? file
    }
    if !duplicates.isEmpty {
      Terminal.standardError(
        "error: two scenarios have the same name, so the same output folder: " + duplicates.joined(separator: ", ")
          + "\n  hint: give one of them another `name:`")
      throw ExitStatus.unreadable
    }
    var anyInvalid = false
    var anyUnreadable = false
    for position in range {
      DiagnosticOutput.emit(loads[position].diagnostics, format: format)
      if loads[position].scenario == nil {
        anyInvalid = true
        anyUnreadable = anyUnreadable || loads[position].unreadable
      }
    }

    let outURL = URL(fileURLWithPath: out)
    let runner = WhatIfRunner(
      base: base, published: published, publishedFile: baseline, out: outURL, timeLimit: timeLimit,
      relativeGap: gap, language: language, cancellation: trap.flag)
    let (baselineRow, baselineDiagnostics) = runner.baselineRow()
    DiagnosticOutput.emit(baselineDiagnostics.filter { $0.severity == .error }, format: format)

    let scenarios = range.compactMap { loads[$0].scenario }
    let results = WhatIfPool(count: scenarios.count)
    let total = scenarios.count
    let format = self.format
    let threads = min(jobs, max(1, total))
    let group = DispatchGroup()
    for _ in 0..<threads {
      group.enter()
      let thread = Thread {
        while let index = results.take() {
          let began = Date()
          let outcome = runner.run(scenarios[index])
          let seconds = Date().timeIntervalSince(began)
          results.finish(index, outcome) { done in
            DiagnosticOutput.emit(outcome.diagnostics, format: format)
            Terminal.standardOutput("[\(done)/\(total)] " + Self.line(outcome.row, seconds: seconds))
          }
        }
        group.leave()
      }
      thread.stackSize = 16 << 20
      thread.start()
    }
    group.wait()

    let outcomes = results.outcomes.compactMap { $0 }
    var rows = [baselineRow]
    // Scenario files that could not be read still get a row, so that a batch's table is complete.
    var next = 0
    for position in range {
      if let scenario = loads[position].scenario, next < outcomes.count, outcomes[next].row.scenario == scenario.name {
        rows.append(outcomes[next].row)
        next += 1
      } else {
        var row = WhatIfComparison.Row(scenario: Self.fallbackName(scenario[position]), status: "invalid")
        row.file = scenario[position]
        row.reasons = loads[position].diagnostics.errors.map(\.formatted)
        rows.append(row)
      }
    }
    var comparison = WhatIfComparison(
      instance: Schedule.InstanceReference(name: base.instance.name, hash: base.instance.hash),
      baseline: .init(file: baseline, instanceHash: published.instance.hash), shard: shard, rows: rows)
    if let shard = shard.flatMap(Self.parseShard) { comparison.shard = "\(shard.index)/\(shard.count)" }
    let stem = shard.flatMap(Self.parseShard).map { "comparison-shard-\($0.index)-of-\($0.count)" } ?? "comparison"
    do {
      try OutputWriter(folder: outURL).write([
        .init(path: "\(stem).json", contents: comparison.encoded()),
        .init(path: "\(stem).md", contents: Data(comparison.markdown().utf8)),
      ])
    } catch {
      Terminal.standardError("error: \(error)")
      throw ExitStatus.unreadable
    }
    Terminal.standardOutput("")
    for line in comparison.terminalTable() { Terminal.standardOutput(line) }
    Terminal.standardOutput("wrote \(out)/\(stem).json, \(stem).md and one folder per scenario")

    let kinds = outcomes.map(\.kind)
    if kinds.contains(.checkFailed) { throw ExitStatus.internalError }
    if anyUnreadable { throw ExitStatus.unreadable }
    if anyInvalid || kinds.contains(.invalid) { throw ExitStatus.invalid }
    if kinds.contains(.nothingFound) || kinds.contains(.notRun) { throw ExitStatus.stoppedEarly }
  }

  static func fallbackName(_ file: String) -> String {
    InstancePaths.stem(of: file)
  }

  /// `trannin-closed: feasible (gap 41.2 %), 3 moved in time, 5 in room, 96 agendas changed (61 s)`.
  static func line(_ row: WhatIfComparison.Row, seconds: Double) -> String {
    var text = "\(row.scenario): \(row.status)"
    if let gap = row.gap, gap > 0 { text += String(format: " (gap %.1f %%)", gap * 100) }
    if let time = row.runsMovedInTime, let room = row.runsMovedInRoom {
      text += ", \(time) run\(time == 1 ? "" : "s") moved in time, \(room) in room"
    }
    if let agendas = row.agendasChanged { text += ", \(agendas) agenda\(agendas == 1 ? "" : "s") changed" }
    if let reason = row.reasons?.first, row.status != "optimal", row.status != "feasible" {
      text += ": " + reason.replacingOccurrences(of: "\n", with: " ")
      if let count = row.reasons?.count, count > 1 { text += " (+\(count - 1) more)" }
    }
    return text + String(format: " (%.0f s)", seconds)
  }
}

/// Hands out scenario indices to worker threads and collects their outcomes, in order.
final class WhatIfPool: @unchecked Sendable {  // every access goes through `lock`
  private let lock = NSLock()
  private var next = 0
  private var done = 0
  private(set) var outcomes: [WhatIfRunner.Outcome?]

  init(count: Int) { outcomes = Array(repeating: nil, count: count) }

  func take() -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard next < outcomes.count else { return nil }
    next += 1
    return next - 1
  }

  /// Stores an outcome and runs `report` (printing) under the lock, so lines never interleave.
  func finish(_ index: Int, _ outcome: WhatIfRunner.Outcome, report: (Int) -> Void) {
    lock.lock()
    defer { lock.unlock() }
    outcomes[index] = outcome
    done += 1
    report(done)
  }
}

/// `atelier whatif merge DIR...`: joins the comparisons of shards.
public struct WhatIfMergeCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Join the comparisons of `atelier whatif --shard` runs into one comparison.json and comparison.md.",
    discussion: """
      Each argument is an output folder of `atelier whatif` or a comparison JSON file. From a folder, \
      the shard files (comparison-shard-*.json) are read when there are any, else comparison.json. \
      The comparisons must be of the same instance and published schedule. The baseline row is kept \
      once; scenarios follow in the order met (a scenario met twice keeps its last row, with a \
      warning). Writes comparison.json and comparison.md into --out (default: the first folder) and \
      prints the table.

      Exit status: 0 merged; 2 a file is missing or unreadable, or the comparisons disagree.
      """
  )

  @Argument(help: "Output folders of `atelier whatif` runs (or comparison JSON files).")
  var inputs: [String]

  @Option(name: .long, help: "Where to write comparison.json and comparison.md (default: the first folder).")
  var out: String?

  public init() {}

  public mutating func validate() throws {
    if inputs.isEmpty { throw ValidationError("give at least one folder or comparison file") }
  }

  /// The comparison files an argument stands for.
  static func files(for input: String) -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue else {
      return [input]
    }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: input)) ?? []
    let shards = names.filter { $0.hasPrefix("comparison-shard-") && $0.hasSuffix(".json") }
      .sorted { shardIndex($0) < shardIndex($1) }
    let chosen = shards.isEmpty ? ["comparison.json"] : shards
    let folder = InstancePaths(path: input, isDirectory: true)
    return chosen.map { folder.file($0) }
  }

  /// `comparison-shard-3-of-10.json` → 3 (for numeric order).
  private static func shardIndex(_ name: String) -> Int {
    Int(name.dropFirst("comparison-shard-".count).prefix { $0.isNumber }) ?? Int.max
  }

  public func run() throws {
    var parts: [WhatIfComparison] = []
    for file in inputs.flatMap(Self.files(for:)) {
      guard let data = FileManager.default.contents(atPath: file) else {
        Terminal.standardError("\(file): error: cannot read the comparison")
        throw ExitStatus.unreadable
      }
      do {
        parts.append(try WhatIfComparison.decode(data))
      } catch {
        Terminal.standardError("\(file): error: not a comparison of `atelier whatif` (\(error))")
        throw ExitStatus.unreadable
      }
    }
    let merged: WhatIfComparison
    do {
      let (comparison, duplicates) = try WhatIfComparison.merge(parts)
      merged = comparison
      for name in duplicates {
        Terminal.standardError("warning: scenario '\(name)' appears twice; the last row is kept")
      }
    } catch {
      Terminal.standardError("error: \(error)")
      throw ExitStatus.unreadable
    }
    var isDirectory: ObjCBool = false
    let first = inputs[0]
    let folder =
      out
      ?? (FileManager.default.fileExists(atPath: first, isDirectory: &isDirectory) && isDirectory.boolValue
        ? first : InstancePaths(path: first, isDirectory: false).shownFolder)
    do {
      try OutputWriter(folder: URL(fileURLWithPath: folder.isEmpty ? "." : folder)).write([
        .init(path: "comparison.json", contents: merged.encoded()),
        .init(path: "comparison.md", contents: Data(merged.markdown().utf8)),
      ])
    } catch {
      Terminal.standardError("error: \(error)")
      throw ExitStatus.unreadable
    }
    for line in merged.terminalTable() { Terminal.standardOutput(line) }
    Terminal.standardOutput(
      "merged \(parts.count) comparison\(parts.count == 1 ? "" : "s") into \(folder)/comparison.json")
  }
}
