import AtelierCore
import Foundation

/// Builds realistic synthetic instances at any scale, in the proportions of Numérique en Commun[s] 2022.
///
/// About 18 rooms and 130 sessions for 1,500 participants over 3 days; about 60 rooms and 600
/// session runs for 7,500 participants over 5 days. Feasibility holds by construction: the
/// generator first lays every run out in a concrete timetable that keeps rules H1–H12 (the
/// *witness*), then derives rooms, speakers' limits, pins and precedence consistent with it, and
/// publishes only the day of each session. The witness comes with the result so tests can check it.
public struct InstanceGenerator: Sendable {
  public let participants: Int
  public let days: Int
  public let seed: UInt64

  /// The participants a generated instance may have: at most the loader's limit
  /// (`InstanceLoader.maxParticipants`), so that every instance generated loads; its plenary hall
  /// (1.1 × 80 % of the peak day, 88,000 seats at the maximum) stays within a room's maximum
  /// capacity (100,000).
  public static let participantRange = 1...InstanceLoader.maxParticipants
  /// The days a generated instance may have.
  public static let dayRange = 1...14

  /// Share of those present who must find a seat in every slot (the rest are in the exhibitors' village).
  public static let seatCoverage = 0.8
  /// The daily grid: 1-hour slots with 15-minute changeovers, lunch 13:00–14:00.
  static let grid: [(start: Int, end: Int)] = [
    (570, 630), (645, 705), (720, 780), (840, 900), (915, 975), (990, 1050),
  ]
  static let changeover = 15

  public init(participants: Int, days: Int, seed: UInt64) {
    self.participants = participants
    self.days = days
    self.seed = seed
  }

  /// Rooms for `participants` people: 18 at 1,500, about 60 at 7,500 (grows as N^0.75).
  public static func roomCount(participants: Int) -> Int {
    max(6, Int((18 * pow(Double(max(1, participants)) / 1500, 0.75)).rounded()))
  }

  /// What the generated instance exercises beyond the defaults (ties, scores, rank weights…).
  public var options = GeneratorOptions()

  public func generate() -> GeneratedInstance {
    var builder = Builder(participants: max(1, participants), days: max(1, days), seed: seed)
    var generated = builder.build()
    generated.apply(options, seed: seed)
    return generated
  }
}

/// A generated instance: the event file, its participants file, and one timetable that keeps every hard rule.
public struct GeneratedInstance: Sendable, Hashable {
  /// Where the generator placed one run in its witness timetable.
  public struct Placement: Sendable, Hashable {
    public var session: String
    /// 1-based run number.
    public var run: Int
    public var day: String
    /// `HH:MM`.
    public var start: String
    public var room: String

    public init(session: String, run: Int, day: String, start: String, room: String) {
      self.session = session
      self.run = run
      self.day = day
      self.start = start
      self.room = room
    }
  }

  public var file: InstanceFile
  public var participantsCSV: String
  /// A timetable that satisfies rules H1–H12 (proof that the instance is feasible).
  public var witness: [Placement]
  /// Participants present on each day, in day order.
  public var presentPerDay: [Int]
  /// The rows of `participantsCSV`.
  public var rows: [ParticipantSynthesizer.Row] = []

  /// `event.yaml`: keys sorted, so the same instance always gives the same bytes.
  public func yaml() throws -> String {
    try InstanceYAML.encode(file)
  }
}

/// The construction behind `InstanceGenerator.generate()`.
struct Builder {
  let participantCount: Int
  let dayCount: Int
  let seed: UInt64
  var rng: SplitMix64

  typealias Room = InstanceFile.RoomEntry
  var rooms: [Room] = []
  var roomRole: [Role] = []
  enum Role { case hall, salon, stage, workshop }
  /// occupied[room][globalSlot]
  var occupied: [[Bool]] = []
  var sessions: [InstanceFile.SessionEntry] = []
  var placements: [GeneratedInstance.Placement] = []
  /// Witness windows of each session's runs: (day, start, end).
  var runWindows: [String: [(day: Int, start: Int, end: Int)]] = [:]
  var speakers: [InstanceFile.SpeakerEntry] = []
  var speakerBusy: [String: [(day: Int, start: Int, end: Int)]] = [:]
  var reusable: [String] = []
  /// Sessions each speaker has so far.
  var speakerSessions: [String: Int] = [:]
  var workshopCount = 0
  var otherCount = 0

  static let tracks: [(String, String, String)] = [
    ("inclusion", "Inclusion numérique", "#e4572e"), ("cyber", "Cybersécurité", "#17bebb"),
    ("souverainete", "Souveraineté numérique", "#2e86ab"), ("sobriete", "Sobriété et durabilité", "#76b041"),
    ("donnees", "Ouverture des données", "#d4a017"),
    ("gouvernance", "Gouvernance des infrastructures et services numériques", "#6a4c93"),
    ("participation", "Participation citoyenne", "#f18f01"), ("sante", "Innovation en santé", "#c73e1d"),
  ]
  static let topics: [String: [String]] = [
    "inclusion": [
      "accompagner les seniors", "les démarches en ligne", "les publics précaires", "l'aller-vers", "les familles",
    ],
    "cyber": [
      "les bons réflexes", "l'hameçonnage", "la gestion de crise", "les mots de passe", "les petites collectivités",
    ],
    "souverainete": [
      "les logiciels libres", "l'hébergement de confiance", "les communs numériques", "la commande publique",
    ],
    "sobriete": ["le réemploi", "l'éco-conception", "l'empreinte carbone", "les achats responsables"],
    "donnees": ["publier ses données", "la data-visualisation", "les indicateurs", "la gouvernance des données"],
    "gouvernance": ["la mutualisation", "le schéma directeur", "les hubs territoriaux", "le pilotage"],
    "participation": [
      "les budgets participatifs", "la concertation en ligne", "les conseils citoyens", "le design avec les usagers",
    ],
    "sante": ["la téléconsultation", "Mon espace santé", "les données de santé", "la e-santé rurale"],
  ]
  static let firstNames = [
    "Claire", "Julien", "Sophie", "Mehdi", "Nathalie", "Thomas", "Aurélie", "Karim", "Isabelle", "Nicolas", "Camille",
    "Yannick", "Fatima", "Olivier", "Élodie", "Sébastien", "Amandine", "Rachid", "Céline", "Guillaume", "Laure",
    "Samir",
    "Hélène", "Maxime", "Anaïs", "Bruno", "Léa", "Christophe", "Nadia", "Pierre", "Inès", "François", "Chloé", "Damien",
  ]
  static let lastNames = [
    "Lefebvre", "Dumont", "Morel", "Girard", "Bonnet", "Lambert", "Fontaine", "Rousseau", "Muller", "Faure", "Mercier",
    "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "Legrand", "Gauthier", "Perrin", "Robin", "Clément", "Morin",
    "Roussel", "Masson", "Marchand", "Duval", "Lemaire", "Dufour", "Meunier", "Brun", "Giraud", "Joly", "Payet",
    "Vidal",
  ]

  init(participants: Int, days: Int, seed: UInt64) {
    participantCount = participants
    dayCount = days
    self.seed = seed
    rng = SplitMix64(seed: seed)
  }

  var slotCount: Int { dayCount * InstanceGenerator.grid.count }
  func dayID(_ d: Int) -> String { "d\(d + 1)" }
  static func time(_ minutes: Int) -> String {
    let h = minutes / 60
    let m = minutes % 60
    return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
  }
  /// Global slot index.
  func slot(_ day: Int, _ s: Int) -> Int { day * InstanceGenerator.grid.count + s }
  /// Slots of a day that a run of `duration` starting at slot `s` covers, or nil when it leaves its block.
  func covered(_ s: Int, duration: Int) -> [Int]? {
    let grid = InstanceGenerator.grid
    let end = grid[s].start + duration
    let blockEnd = s < 3 ? 3 : 6
    var result = [s]
    var next = s + 1
    while grid[result[result.count - 1]].end < end {
      guard next < blockEnd else { return nil }
      if grid[next].start >= end { break }
      result.append(next)
      next += 1
    }
    return result
  }

  mutating func build() -> GeneratedInstance {
    let dayIDs = (0..<dayCount).map(dayID)
    // 1. Who attends which days.
    let attendance = ParticipantSynthesizer.defaultAttendance(count: participantCount, days: dayIDs, rng: &rng)
    var present = [Int](repeating: 0, count: dayCount)
    for pattern in attendance {
      for day in pattern.days { if let d = dayIDs.firstIndex(of: day) { present[d] += pattern.count } }
    }
    let demand = present.map { Int((Double($0) * InstanceGenerator.seatCoverage).rounded(.up)) }
    let peak = demand.max() ?? 0

    // 2. Rooms: one plenary hall seating the peak demand with 10 % to spare, salons, stages, workshop rooms.
    let total = InstanceGenerator.roomCount(participants: participantCount)
    let salons = max(1, Int((Double(total) * 3 / 18).rounded()))
    let stages = max(1, Int((Double(total) / 18).rounded()))
    let workshopRooms = max(3, total - 1 - salons - stages)
    let hallCapacity = max(100, Int((Double(peak) * 1.1 / 50).rounded(.up)) * 50)
    addRoom(
      id: "salle-pleniere", name: "Salle plénière", capacity: hallCapacity,
      features: ["projector", "sound", "step_free", "streaming"],
      kinds: ["keynote", "plenary", "retex", "round_table", "talk"],
      role: .hall)
    for i in 1...salons {
      var features = ["projector", "sound"]
      if rng.chance(0.5) { features.append("streaming") }
      if rng.chance(0.7) { features.append("step_free") }
      let capacity = min(hallCapacity, rng.pick([150, 200, 200, 250, 300, 400]))
      addRoom(
        id: "salon-\(pad(i))", name: "Salon \(pad(i))", capacity: capacity, features: features,
        kinds: ["keynote", "pitch", "retex", "round_table", "talk"], role: .salon)
    }
    for i in 1...stages {
      addRoom(
        id: "scene-\(pad(i))", name: "Scène du village \(pad(i))", capacity: rng.pick([60, 70, 80, 100]),
        features: ["projector", "sound", "step_free"], kinds: ["pitch", "retex", "talk"], role: .stage)
    }
    for i in 1...workshopRooms {
      var features = ["tables"]
      if rng.chance(0.85) { features.append("projector") }
      if rng.chance(0.5) { features.append("whiteboard") }
      if i % 4 == 1 { features.append("computers") }
      if rng.chance(0.6) { features.append("step_free") }
      addRoom(
        id: "atelier-\(pad(i))", name: "Salle d'atelier \(pad(i))", capacity: rng.pick([30, 30, 32, 34, 36, 40]),
        features: features, kinds: ["workshop"], role: .workshop)
    }
    // A room closed for half a day (realism): the second workshop room, on the morning of day 2 (or 1).
    if workshopRooms >= 4, let index = rooms.firstIndex(where: { $0.id == "atelier-\(pad(2))" }) {
      let d = min(1, dayCount - 1)
      rooms[index].unavailable = [InstanceFile.WindowEntry(day: dayID(d), start: "08:30", end: "13:00")]
      for s in 0..<3 { occupied[index][slot(d, s)] = true }
    }

    // 3. Exclusive plenaries: opening (first day, first slot) and closing (last day, last slot).
    let lastSlot = InstanceGenerator.grid.count - 1
    let exclusive = [
      (0, 0, "ouverture", "Plénière d'ouverture"), (dayCount - 1, lastSlot, "cloture", "Plénière de clôture"),
    ]
    for (d, s, key, title) in exclusive {
      for r in rooms.indices { occupied[r][slot(d, s)] = true }
      var session = InstanceFile.SessionEntry(
        id: "pleniere-\(key)", title: title, kind: "plenary", duration: 60, track: "gouvernance",
        requires: ["streaming"], audience: demand[d], exclusive: true,
        pin: InstanceFile.PinEntry(
          day: dayID(d), start: Self.time(InstanceGenerator.grid[s].start), room: "salle-pleniere"))
      session.speakers = (0..<3).map { _ in newSpeaker(reusable: false) }
      record(&session, runs: [(d, s, 0)], freshSpeakers: true)
    }

    // Share of the free room-slots to fill: about 150 runs at 1,500 participants, growing as N^0.86
    // (about 600 at 7,500), never above 62 % (rooms × slots must exceed the runs by 20 %).
    let freeSlots = dayCount * InstanceGenerator.grid.count - 2
    let targetRuns = 150 * pow(Double(participantCount) / 1500, 0.86)
    let fill = min(0.62, max(0.15, (targetRuns - Double(freeSlots)) / Double(max(1, freeSlots * (rooms.count - 1)))))

    // 4. Talks, round tables, pitchs, retex: the hall in every free slot (it alone seats the day's
    //    demand, which is what makes rule H12 hold), salons and stages in a share `fill` of their slots.
    for d in 0..<dayCount {
      for s in 0..<InstanceGenerator.grid.count where !occupied[0][slot(d, s)] {
        for r in rooms.indices where roomRole[r] != .workshop && !occupied[r][slot(d, s)] {
          let role = roomRole[r]
          if role != .hall && !rng.chance(min(0.8, fill * 1.1)) { continue }
          let capacity = rooms[r].capacity
          let kind: String
          switch role {
          case .hall:
            kind = s == 0 ? "plenary" : (rng.chance(0.15) ? "keynote" : (rng.chance(0.5) ? "round_table" : "talk"))
          case .salon:
            let u = rng.unit()
            kind = u < 0.45 ? "talk" : (u < 0.65 ? "round_table" : (u < 0.8 ? "retex" : "pitch"))
          default: kind = rng.chance(0.6) ? "pitch" : "retex"
          }
          let duration = kind == "pitch" ? 30 : (kind == "retex" ? 45 : 60)
          let low = role == .hall ? 0.3 : 0.45
          let audience = max(10, Int(Double(capacity) * (low + rng.unit() * (0.95 - low))))
          addOtherSession(kind: kind, duration: duration, audience: audience, day: d, slot: s, room: r)
        }
      }
    }

    // 5. Workshops of 30 (some 90 min, some repeated), filling a share `fill` (at most 62 %) of the free
    //    workshop room-slots of each day, so rooms × slots exceed runs by more than 20 %.
    for d in 0..<dayCount {
      let workshopIndices = rooms.indices.filter { roomRole[$0] == .workshop }
      let free = workshopIndices.reduce(0) { n, r in
        n + (0..<InstanceGenerator.grid.count).filter { !occupied[r][slot(d, $0)] }.count
      }
      let target = Int(Double(free) * fill)
      var used = 0
      var failures = 0
      while used < target && failures < 20 {
        let duration = rng.chance(0.15) ? 90 : 60
        let u = rng.unit()
        let wanted = u < 0.7 ? 1 : (u < 0.92 ? 2 : 3)
        let placed = placeWorkshop(day: d, duration: duration, runs: wanted, rooms: workshopIndices)
        if placed == 0 { failures += 1 } else { used += placed * (duration == 90 ? 2 : 1) }
      }
    }

    // 6. Precedence, time preferences, speakers' availability.
    addPrecedence()
    addPreferences()
    addSpeakerLimits()

    let file = InstanceFile(
      name: "Synthetic event (\(participantCount) participants, \(dayCount) days, seed \(seed))",
      timeZone: "Europe/Paris", venue: "Generated venue", changeoverMinutes: InstanceGenerator.changeover,
      seatCoverage: InstanceGenerator.seatCoverage, participants: "participants.csv",
      features: [
        .init(id: "computers", description: "Computers for participants"),
        .init(id: "projector", description: "Video projector and screen"),
        .init(id: "sound", description: "Sound system"), .init(id: "step_free", description: "Step-free access"),
        .init(id: "streaming", description: "Filming and live streaming"),
        .init(id: "tables", description: "Tables for group work"), .init(id: "whiteboard", description: "Whiteboard"),
      ],
      days: (0..<dayCount).map { d in
        InstanceFile.DayEntry(
          id: dayID(d), date: Self.date(d), label: "Jour \(d + 1)",
          slots: InstanceGenerator.grid.map { .init(start: Self.time($0.start), end: Self.time($0.end)) },
          breaks: [
            .init(title: "Accueil", start: "08:30", end: "09:30"),
            .init(title: Self.lunch.title, start: Self.lunch.start, end: Self.lunch.end),
          ])
      },
      rooms: rooms,
      tracks: Self.tracks.map { InstanceFile.TrackEntry(id: $0.0, name: $0.1, color: $0.2) },
      speakers: speakers, sessions: sessions)
    let synthesizer = ParticipantSynthesizer(event: file, seed: seed)
    let rows = synthesizer.participants(attendance: attendance)
    return GeneratedInstance(
      file: file, participantsCSV: ParticipantSynthesizer.csv(rows), witness: placements, presentPerDay: present,
      rows: rows)
  }

  /// The lunch break of every day (`GeneratorOptions.labsThroughLunch` rewrites it).
  static let lunch = (title: "Déjeuner", start: "13:00", end: "14:00")

  func pad(_ i: Int) -> String { i < 10 ? "0\(i)" : "\(i)" }

  /// `YYYY-MM-DD`: consecutive days from Tuesday 22 September 2026 (at most 14 days, so into October at most).
  static func date(_ offset: Int) -> String {
    var day = 22 + offset
    var month = 9
    if day > 30 {
      day -= 30
      month = 10
    }
    return "2026-" + (month < 10 ? "0" : "") + "\(month)-" + (day < 10 ? "0" : "") + "\(day)"
  }

  mutating func addRoom(id: String, name: String, capacity: Int, features: [String], kinds: [String], role: Role) {
    rooms.append(Room(id: id, name: name, capacity: capacity, features: features.sorted(), kinds: kinds.sorted()))
    roomRole.append(role)
    occupied.append([Bool](repeating: false, count: slotCount))
  }

  mutating func newSpeaker(reusable canReuse: Bool) -> String {
    let id = "sp-\(speakers.count + 1)"
    let name = rng.pick(Self.firstNames) + " " + rng.pick(Self.lastNames)
    speakers.append(InstanceFile.SpeakerEntry(id: id, name: name))
    if canReuse && rng.chance(0.15) { reusable.append(id) }
    return id
  }

  /// Speakers for a session whose runs occupy `windows`: some new, some reused (2–4 sessions each).
  mutating func chooseSpeakers(count: Int, windows: [(day: Int, start: Int, end: Int)]) -> [String] {
    var chosen: [String] = []
    for _ in 0..<count {
      if rng.chance(0.25), !reusable.isEmpty {
        let candidate = reusable[rng.int(below: reusable.count)]
        let busy = speakerBusy[candidate] ?? []
        let sessionsSoFar = speakerSessions[candidate] ?? 0
        let pause = 15
        let clash = windows.contains { w in
          busy.contains { b in b.day == w.day && b.start < w.end + pause && w.start < b.end + pause }
        }
        if !clash && sessionsSoFar < 4 && !chosen.contains(candidate) {
          chosen.append(candidate)
          continue
        }
      }
      chosen.append(newSpeaker(reusable: true))
    }
    return chosen
  }

  /// Records a session placed at `runs` (day, slot, room index) in the witness.
  mutating func record(
    _ session: inout InstanceFile.SessionEntry, runs: [(day: Int, slot: Int, room: Int)], freshSpeakers: Bool = false
  ) {
    var windows: [(day: Int, start: Int, end: Int)] = []
    for (number, run) in runs.enumerated() {
      let start = InstanceGenerator.grid[run.slot].start
      windows.append((run.day, start, start + session.duration))
      placements.append(
        .init(
          session: session.id, run: number + 1, day: dayID(run.day), start: Self.time(start), room: rooms[run.room].id))
      for s in covered(run.slot, duration: session.duration) ?? [run.slot] {
        occupied[run.room][slot(run.day, s)] = true
      }
    }
    if !freshSpeakers {
      let count = session.speakers?.count ?? 0
      session.speakers = chooseSpeakers(count: count, windows: windows)
    }
    for speaker in session.speakers ?? [] {
      speakerBusy[speaker, default: []] += windows
      speakerSessions[speaker, default: 0] += 1
    }
    runWindows[session.id] = windows
    sessions.append(session)
  }

  mutating func addOtherSession(kind: String, duration: Int, audience: Int, day: Int, slot s: Int, room: Int) {
    otherCount += 1
    let track = rng.pick(Self.tracks).0
    let topic = rng.pick(Self.topics[track] ?? ["le numérique"])
    let title: String
    let speakerCount: Int
    switch kind {
    case "plenary": (title, speakerCount) = ("Plénière du jour \(day + 1)", 3)
    case "keynote": (title, speakerCount) = ("Grand témoin : \(topic)", 1)
    case "round_table": (title, speakerCount) = ("Table ronde : \(topic)", 3 + rng.int(below: 3))
    case "pitch": (title, speakerCount) = ("Pitchs : \(topic)", 3)
    case "retex": (title, speakerCount) = ("Retex : \(topic)", 2)
    default: (title, speakerCount) = ("Conférence : \(topic)", 1 + rng.int(below: 2))
    }
    var requires: [String] = []
    if kind == "talk" || kind == "round_table" { requires.append("projector") }
    if kind == "keynote" { requires = ["sound", "streaming"].filter { (rooms[room].features ?? []).contains($0) } }
    var session = InstanceFile.SessionEntry(
      id: "\(dayID(day))-\(kind.replacingOccurrences(of: "_", with: "-"))-\(pad(otherCount))", title: title, kind: kind,
      duration: duration, speakers: Array(repeating: "", count: speakerCount), track: track,
      requires: requires.isEmpty ? nil : requires, audience: audience, pin: InstanceFile.PinEntry(day: dayID(day)))
    // The first keynote of each day is pinned to its time, as a minister's visit would be.
    if kind == "keynote", !sessions.contains(where: { $0.kind == "keynote" && $0.pin?.day == dayID(day) }) {
      session.pin?.start = Self.time(InstanceGenerator.grid[s].start)
    }
    record(&session, runs: [(day, s, room)])
  }

  /// Places a workshop's runs on `day` (different slots, each in a free workshop room); returns runs placed.
  mutating func placeWorkshop(day: Int, duration: Int, runs wanted: Int, rooms candidates: [Int]) -> Int {
    var runs: [(day: Int, slot: Int, room: Int)] = []
    var taken = Set<Int>()
    var load = [Int](repeating: 0, count: InstanceGenerator.grid.count)
    for r in candidates { for s in load.indices where occupied[r][slot(day, s)] { load[s] += 1 } }
    for _ in 0..<wanted {
      // Least-loaded start first, so workshops spread over the day.
      var starts = Array(InstanceGenerator.grid.indices)
      rng.shuffle(&starts)
      starts.sort { load[$0] < load[$1] }
      var done = false
      for s in starts {
        guard let cover = covered(s, duration: duration), cover.allSatisfy({ !taken.contains($0) }) else { continue }
        var free = candidates.filter { r in cover.allSatisfy { !occupied[r][slot(day, $0)] } }
        guard !free.isEmpty else { continue }
        rng.shuffle(&free)
        let room = free[0]
        runs.append((day, s, room))
        for c in cover {
          taken.insert(c)
          occupied[room][slot(day, c)] = true
        }
        done = true
        break
      }
      if !done { break }
    }
    guard !runs.isEmpty else { return 0 }
    // `record` marks the rooms again; clear our provisional marks first so covered() decides.
    for run in runs {
      for c in covered(run.slot, duration: duration) ?? [] { occupied[run.room][slot(day, c)] = false }
    }
    workshopCount += 1
    let track = rng.pick(Self.tracks).0
    let topic = rng.pick(Self.topics[track] ?? ["le numérique"])
    // Require only what every run's room has.
    var shared = Set(rooms[runs[0].room].features ?? [])
    for run in runs.dropFirst() { shared.formIntersection(rooms[run.room].features ?? []) }
    var requires = ["tables"]
    if shared.contains("computers") && rng.chance(0.6) { requires.append("computers") }
    if shared.contains("projector") && rng.chance(0.3) { requires.append("projector") }
    if shared.contains("whiteboard") && rng.chance(0.2) { requires.append("whiteboard") }
    var session = InstanceFile.SessionEntry(
      id: "\(dayID(day))-atelier-\(pad(workshopCount))", title: "Atelier : \(topic)", kind: "workshop",
      duration: duration,
      speakers: Array(repeating: "", count: rng.chance(0.35) ? 2 : 1), track: track, requires: requires.sorted(),
      maxSize: 30, runs: runs.count > 1 ? runs.count : nil)
    if runs.count > 1 {
      session.pins = runs.map { _ in InstanceFile.PinEntry(day: dayID(day)) }
    } else {
      session.pin = InstanceFile.PinEntry(day: dayID(day))
    }
    record(&session, runs: runs)
    return runs.count
  }

  /// A few "part 2" workshops that must follow their "part 1" (true of the witness).
  mutating func addPrecedence() {
    let workshops = sessions.indices.filter { sessions[$0].kind == "workshop" }
    var added = 0
    let wanted = max(1, workshops.count / 25)
    for a in workshops where added < wanted {
      guard let first = runWindows[sessions[a].id], rng.chance(0.3) else { continue }
      let firstEnd = first.map { ($0.day, $0.end) }.max { $0 < $1 }
      guard let firstEnd else { continue }
      for b in workshops where b != a && sessions[b].track == sessions[a].track && sessions[b].after == nil {
        guard let second = runWindows[sessions[b].id] else { continue }
        if second.allSatisfy({ ($0.day, $0.start) >= firstEnd }) {
          sessions[b].after = [sessions[a].id]
          sessions[b].title += " (suite)"
          added += 1
          break
        }
      }
    }
  }

  /// Some sessions prefer the half-day they are in; some avoid the last slot of a day they are not in.
  mutating func addPreferences() {
    for index in sessions.indices where !(sessions[index].exclusive ?? false) {
      guard let windows = runWindows[sessions[index].id] else { continue }
      if rng.chance(0.06) {
        let morning = windows.allSatisfy { $0.end <= 780 }
        let afternoon = windows.allSatisfy { $0.start >= 840 }
        let day = windows[0].day
        if windows.allSatisfy({ $0.day == day }) && (morning || afternoon) {
          sessions[index].prefer = [
            .init(day: dayID(day), start: morning ? "08:30" : "14:00", end: morning ? "13:00" : "18:00")
          ]
        }
      } else if rng.chance(0.04) {
        let day = windows[0].day
        if !windows.contains(where: { $0.day == day && $0.end > 990 }) {
          sessions[index].avoid = [.init(day: dayID(day), start: "16:30", end: "17:30")]
        }
      }
    }
  }

  /// Speakers with several sessions need 15 minutes between them; a few speakers come for half a day only.
  mutating func addSpeakerLimits() {
    for index in speakers.indices {
      let id = speakers[index].id
      guard let busy = speakerBusy[id], !busy.isEmpty else { continue }
      if busy.count > 1 {
        speakers[index].minPauseMinutes = 15
      } else if rng.chance(0.05) {
        let run = busy[0]
        if run.end <= 780 {
          speakers[index].available = [.init(day: dayID(run.day), start: "08:30", end: "13:00")]
        } else if run.start >= 840 {
          speakers[index].unavailable = [.init(day: dayID(run.day), start: "08:30", end: "12:00")]
        }
      }
    }
  }
}
