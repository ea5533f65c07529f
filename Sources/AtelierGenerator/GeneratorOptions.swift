import AtelierCore

/// What `atelier generate` writes beyond its default instance, so that benchmarks exercise the
/// format's options: how participants state preferences, rank weights.
public struct GeneratorOptions: Sendable, Hashable {
  /// How participants.csv states preferences.
  public enum Preferences: String, Sendable, Hashable, CaseIterable {
    /// `choice_1` … `choice_N` columns (the default).
    case ranks
    /// A column per workshop holding the participant's rank; about a third of the ranks tie
    /// with the one before.
    case ties
    /// A column per workshop holding a score: `must`, 10 … 1, `maybe` (higher is more wanted).
    case scores
  }

  public var preferences = Preferences.ranks
  /// `weights.ranks` of the event, when given.
  public var rankWeights: [Double]?
  /// `min_size` of the event (every workshop run), and its `min_size_policy`.
  public var minSize: Int?
  public var minSizePolicy: MinSizePolicy?
  /// Share (0–1) of participants marked "seat me anywhere for the rest" in an `anywhere` column;
  /// 0 writes no column.
  public var anywhereShare = 0.0
  /// Share (0–1) of participants whose `max_workshops` is `every_slot` (one workshop in every slot
  /// where one runs); 0 writes none.
  public var everySlotShare = 0.0
  /// Share (0–1) of repeated workshops given `parallel_runs: true`; their speakers are dropped
  /// (a speaker is in every run, so parallel runs have none).
  public var parallelRunsShare = 0.0
  /// Share (0–1) of sessions run once given a relation to another such session (same_slot,
  /// different_slot or same_day, in turn by a seeded draw), each one the witness keeps; 0 writes none.
  public var relationsShare = 0.0
  /// Keynotes and plenaries that are not exclusive are streamed into the second-largest room
  /// (`overflow_rooms`, issue 16); off by default.
  public var streamKeynotes = false
  /// Session blocks (issue 16): tracks redrawn per room-block of the witness, `blocks: true` on
  /// the tracks whose witness runs keep H16 and H17, a `similar` pair the witness keeps (H18), and
  /// each track's most used room as its `preferred_rooms`; off by default.
  public var academic = false
  /// Share (0–1) of participants who attend online, in an `attendance` column (issue 17); 0 writes none.
  public var onlineShare = 0.0
  /// Share (0–1) of workshops given `streamed: true` (keynotes and plenaries too, when above 0); nil:
  /// half of them when `onlineShare` is above 0, else none.
  public var streamedShare: Double?
  /// `online_seats` of every streamed workshop; nil: no limit.
  public var onlineSeats: Int?
  /// Labs through lunch (issue 16): the lunch break names the rooms that take it (all but the
  /// workshop rooms with computers), and a meal slot at lunch needs no seats (`seat_coverage: 0`),
  /// so hands-on labs may run while the talk rooms break; off by default.
  public var labsThroughLunch = false

  public init() {}
}

extension GeneratedInstance {
  /// Rewrites the event and the participants file for `options` (the default options change nothing).
  mutating func apply(_ options: GeneratorOptions, seed: UInt64) {
    if let ranks = options.rankWeights {
      var weights = file.weights ?? InstanceFile.WeightsEntry()
      weights.ranks = ranks
      file.weights = weights
    }
    if let minSize = options.minSize { file.minSize = minSize }
    if let policy = options.minSizePolicy { file.minSizePolicy = policy.rawValue }
    if options.preferences != .ranks {
      let workshops = file.sessions.filter { $0.kind == "workshop" && !($0.exclusive ?? false) }.map(\.id)
      participantsCSV = ParticipantSynthesizer.preferenceCSV(
        rows, workshops: workshops, scores: options.preferences == .scores, seed: seed)
      if options.preferences == .scores { file.participants = .init(file: "participants.csv", preferences: "scores") }
    }
    if options.parallelRunsShare > 0 {
      var rng = SplitMix64(seed: seed ^ 0x5041_5241_4C4C_454C)  // "PARALLEL"
      for i in file.sessions.indices where file.sessions[i].kind == "workshop" && (file.sessions[i].runs ?? 1) > 1 {
        guard rng.unit() < options.parallelRunsShare else { continue }
        file.sessions[i].parallelRuns = true
        file.sessions[i].speakers = nil
      }
    }
    if options.relationsShare > 0 { addRelations(share: options.relationsShare, seed: seed) }
    if options.streamKeynotes {
      // The second-largest room (largest first, then id) takes the stream; the largest hosts them.
      let byCapacity = file.rooms.sorted { ($0.capacity, $1.id) > ($1.capacity, $0.id) }
      if byCapacity.count >= 2 {
        let overflow = byCapacity[1].id
        for i in file.sessions.indices
        where ["keynote", "plenary"].contains(file.sessions[i].kind) && file.sessions[i].exclusive != true
          && file.sessions[i].parallelRuns != true
          && !(file.sessions[i].pins ?? []).contains(where: { $0.room == overflow }) && file.sessions[i].pin?.room != overflow {
          file.sessions[i].overflowRooms = [overflow]
        }
      }
    }
    if options.academic { addSessionBlocks(seed: seed) }
    if options.labsThroughLunch { letLabsRunThroughLunch() }
    if options.everySlotShare > 0 {
      // max_workshops is the last column here (the anywhere column comes after).
      var rng = SplitMix64(seed: seed ^ 0x4556_4552_5953_4C54)  // "EVERYSLT"
      var lines = participantsCSV.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      for i in lines.indices.dropFirst() where !lines[i].isEmpty && rng.unit() < options.everySlotShare {
        if let comma = lines[i].lastIndex(of: ",") { lines[i] = lines[i][...comma] + "every_slot" }
      }
      participantsCSV = lines.joined(separator: "\n")
    }
    if options.anywhereShare > 0 {
      // An `anywhere` column, the last: yes for a seeded share of the rows (in row order).
      var rng = SplitMix64(seed: seed ^ 0x414E_5957_4845_5245)  // "ANYWHERE"
      var lines = participantsCSV.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      for i in lines.indices where !lines[i].isEmpty {
        lines[i] += i == 0 ? ",anywhere" : (rng.unit() < options.anywhereShare ? ",yes" : ",")
      }
      participantsCSV = lines.joined(separator: "\n")
    }
    addAttendance(options, seed: seed)
  }

  /// The lunch break taken by every room but the labs (workshop rooms with computers), and a meal
  /// slot in it that needs no seats. The witness is untouched: it places nothing at lunch.
  mutating func letLabsRunThroughLunch() {
    let labs = Set(file.rooms.filter { ($0.kinds ?? []) == ["workshop"] && ($0.features ?? []).contains("computers") }.map(\.id))
    guard !labs.isEmpty else { return }
    let others = file.rooms.map(\.id).filter { !labs.contains($0) }
    for d in file.days.indices {
      guard let lunch = file.days[d].breaks?.firstIndex(where: { $0.title == Builder.lunch.title }) else { continue }
      file.days[d].breaks?[lunch].rooms = others
      let meal = InstanceFile.SlotEntry(start: Builder.lunch.start, end: Builder.lunch.end, seatCoverage: 0)
      file.days[d].slots.append(meal)
      file.days[d].slots.sort { $0.start < $1.start }
    }
  }

  /// Streamed sessions and an `attendance` column (issue 17), each drawn from the seed.
  mutating func addAttendance(_ options: GeneratorOptions, seed: UInt64) {
    let share = options.streamedShare ?? (options.onlineShare > 0 ? 0.5 : 0)
    if share > 0 {
      var rng = SplitMix64(seed: seed ^ 0x5354_5245_414D_4544)  // "STREAMED"
      for i in file.sessions.indices {
        switch file.sessions[i].kind {
        case "keynote", "plenary": file.sessions[i].streamed = true
        case "workshop" where rng.unit() < share:
          file.sessions[i].streamed = true
          file.sessions[i].onlineSeats = options.onlineSeats
        default: break
        }
      }
    }
    if options.onlineShare > 0 {
      // An `attendance` column, the last: online for a seeded share of the rows (in row order).
      var rng = SplitMix64(seed: seed ^ 0x4F4E_4C49_4E45_2121)  // "ONLINE!!"
      var lines = participantsCSV.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      for i in lines.indices where !lines[i].isEmpty {
        lines[i] += i == 0 ? ",attendance" : (rng.unit() < options.onlineShare ? ",online" : ",in_person")
      }
      participantsCSV = lines.joined(separator: "\n")
    }
  }
}

extension GeneratedInstance {
  /// Same slot, different slot and same day between sessions run once, each kept by the witness
  /// (so the instance stays feasible): a drawn share of sessions names the first later session
  /// the witness puts in the same slot, apart, or on the same day. A session is in at most one
  /// same_slot pair, so that no group needs more rooms than two.
  mutating func addRelations(share: Double, seed: UInt64) {
    var rng = SplitMix64(seed: seed ^ 0x5245_4C41_5449_4F4E)  // "RELATION"
    var placed = [String: (day: String, start: Int)]()
    var runCount = [String: Int]()
    for p in witness {
      runCount[p.session, default: 0] += 1
      let parts = p.start.split(separator: ":").compactMap { Int($0) }
      placed[p.session] = (p.day, (parts.first ?? 0) * 60 + (parts.dropFirst().first ?? 0))
    }
    let eligible = file.sessions.indices.filter {
      !(file.sessions[$0].exclusive ?? false) && (file.sessions[$0].runs ?? 1) == 1 && runCount[file.sessions[$0].id] == 1
    }
    var inSameSlot = Set<Int>()
    for (k, i) in eligible.enumerated() where rng.unit() < share {
      let kind = rng.int(below: 3)
      guard let a = placed[file.sessions[i].id], kind != 0 || !inSameSlot.contains(i) else { continue }
      let aEnd = a.start + file.sessions[i].duration
      for j in eligible[(k + 1)...] {
        guard let b = placed[file.sessions[j].id] else { continue }
        let bEnd = b.start + file.sessions[j].duration
        let sharesSpeaker = !Set(file.sessions[i].speakers ?? []).isDisjoint(with: file.sessions[j].speakers ?? [])
        switch kind {
        case 0:
          guard a == b, !inSameSlot.contains(j), !sharesSpeaker else { continue }
          file.sessions[i].sameSlot = [file.sessions[j].id]
          inSameSlot.formUnion([i, j])
        case 1:
          guard a.day != b.day || aEnd <= b.start || bEnd <= a.start else { continue }
          file.sessions[i].differentSlot = [file.sessions[j].id]
        default:
          guard a.day == b.day else { continue }
          file.sessions[i].sameDay = [file.sessions[j].id]
        }
        break
      }
    }
  }
}

extension ParticipantSynthesizer {
  /// `participants.csv` with a column per workshop (`id,days,<workshop ids>,max_workshops`): each
  /// chosen workshop's cell holds its rank (ties: about a third equal the rank before) or its score
  /// (`must` for some first choices, decreasing scores, `maybe` for some last ones); choices of other
  /// kinds are left out.
  public static func preferenceCSV(_ rows: [Row], workshops: [String], scores: Bool, seed: UInt64) -> String {
    var rng = SplitMix64(seed: seed ^ 0x5052_4546_5345_5453)  // "PREFSETS"
    let column = Dictionary(workshops.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    var lines = [(["id", "days"] + workshops + ["max_workshops"]).joined(separator: ",")]
    for row in rows {
      var cells = [String](repeating: "", count: workshops.count)
      let chosen = row.choices.filter { column[$0] != nil }
      var rank = 0
      var score = 10
      for (i, id) in chosen.enumerated() {
        guard let c = column[id] else { continue }
        let tie = i > 0 && rng.unit() < 1.0 / 3
        if scores {
          if i == 0 && rng.unit() < 0.2 {
            cells[c] = "must"
            continue
          }
          if i > 0 && !tie { score = max(1, score - 1 - rng.int(below: 3)) }
          cells[c] = i == chosen.count - 1 && i > 0 && rng.unit() < 0.3 ? "maybe" : String(score)
        } else {
          if !tie { rank += 1 }
          cells[c] = String(rank)
        }
      }
      lines.append(([row.id, row.days.joined(separator: "|")] + cells + [row.maxWorkshops.map(String.init) ?? ""]).joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

extension GeneratedInstance {
  /// Session blocks kept by the witness (so the instance stays feasible). A room-block is a room
  /// during a morning or an afternoon of the witness; room-blocks that share a session (its runs)
  /// form a group, and each group gets one track, drawn, for all its sessions: so every room-block
  /// holds one track (H16). The first two tracks are `similar` (H18): a group whose half-days meet
  /// the other's draws again among the rest. `blocks: true` goes to every track; a speaker with
  /// runs in two rooms of one half-day leaves the later session (H17); each track prefers its most
  /// used room.
  mutating func addSessionBlocks(seed: UInt64) {
    var rng = SplitMix64(seed: seed ^ 0x424C_4F43_4B53)  // "BLOCKS"
    let trackIDs = (file.tracks ?? []).map(\.id)
    guard trackIDs.count >= 3 else { return }
    let lunch = 13 * 60  // the generator's grid: a block before lunch, one after
    func minutes(_ text: String) -> Int {
      let parts = text.split(separator: ":").compactMap { Int($0) }
      return (parts.first ?? 0) * 60 + (parts.dropFirst().first ?? 0)
    }
    func block(_ p: Placement) -> String { "\(p.day) \(minutes(p.start) < lunch ? 0 : 1)" }
    func roomBlock(_ p: Placement) -> String { "\(block(p)) \(p.room)" }
    let index = Dictionary(file.sessions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    let ordered = witness.sorted {
      (block($0), $0.room, minutes($0.start), $0.session, $0.run) < (block($1), $1.room, minutes($1.start), $1.session, $1.run)
    }
    // Groups of room-blocks joined by the runs of a session (union-find).
    var parent = [String: String]()
    func root(_ k: String) -> String {
      var k = k
      while let p = parent[k], p != k { k = p }
      return k
    }
    var firstBlockOf = [String: String]()
    for p in ordered {
      let key = roomBlock(p)
      if parent[key] == nil { parent[key] = key }
      if let first = firstBlockOf[p.session] {
        let (a, b) = (root(key), root(first))
        if a != b { parent[a] = b }
      } else {
        firstBlockOf[p.session] = key
      }
    }
    var groups = [String: (blocks: Set<String>, sessions: [String])]()
    var groupOrder: [String] = []
    for p in ordered {
      let g = root(roomBlock(p))
      if groups[g] == nil {
        groupOrder.append(g)
        groups[g] = ([], [])
      }
      groups[g]?.blocks.insert(block(p))
      if groups[g]?.sessions.contains(p.session) == false { groups[g]?.sessions.append(p.session) }
    }
    let (first, second) = (trackIDs[0], trackIDs[1])
    var halfDays = [String: Set<String>]()  // track → half-days
    for g in groupOrder {
      guard let group = groups[g] else { continue }
      var track = trackIDs[rng.int(below: trackIDs.count)]
      let clash =
        (track == first && !(halfDays[second] ?? []).isDisjoint(with: group.blocks))
        || (track == second && !(halfDays[first] ?? []).isDisjoint(with: group.blocks))
      if clash { track = trackIDs[2 + rng.int(below: trackIDs.count - 2)] }
      halfDays[track, default: []].formUnion(group.blocks)
      for id in group.sessions { if let i = index[id] { file.sessions[i].track = track } }
    }
    func track(_ p: Placement) -> String? { index[p.session].flatMap { file.sessions[$0].track } }
    // H17: a speaker's runs in one half-day stay in one room; a speaker who has runs in two rooms
    // of a half-day is dropped from the later session (papers have one presenter each, mostly).
    var roomOf = [String: String]()  // speaker + half-day → first room
    for p in ordered {
      guard let i = index[p.session] else { continue }
      for speaker in file.sessions[i].speakers ?? [] {
        let key = "\(speaker) \(block(p))"
        if let room = roomOf[key], room != p.room {
          file.sessions[i].speakers?.removeAll { $0 == speaker }
        } else {
          roomOf[key] = p.room
        }
      }
    }
    var roomUse = [String: [String: Int]]()
    for p in witness { if let t = track(p) { roomUse[t, default: [:]][p.room, default: 0] += 1 } }
    for k in (file.tracks ?? []).indices {
      let id = trackIDs[k]
      file.tracks?[k].blocks = true
      if id == first { file.tracks?[k].similar = [second] }
      if let most = roomUse[id]?.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }).first?.key {
        file.tracks?[k].preferredRooms = [most]
      }
    }
  }
}
