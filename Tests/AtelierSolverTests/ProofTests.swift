import AtelierCore
import AtelierGLPK
import AtelierMIP
import Testing

@testable import AtelierSolver

/// Both stages and the proof they give, as `atelier solve` runs them.
func solveBoth(_ instance: Instance, seconds: Double = 20) -> (TimetableSolution, AssignmentSolution?, Schedule.Proof?) {
  let timetable = solve(instance, seconds: seconds)
  guard let placed = timetable.timetable else { return (timetable, nil, nil) }
  let assignment = instance.participants.contains { !$0.choices.isEmpty } ? assign(instance, placed, .welfare) : nil
  return (timetable, assignment, Schedule.Proof(timetable: timetable, assignment: assignment))
}

/// The most welfare any timetable allows, by enumeration: every participant takes any subset of
/// runs of workshops they chose (one run per session, within their limit, on their days), runs
/// within their largest room's seats, time ignored. Independent of `WelfareBound`'s model.
func enumeratedWelfareBound(_ instance: Instance) -> Double {
  let longest = instance.participants.map(\.choices.count).max() ?? 1
  let limit = { (p: Participant) in p.maxWorkshops ?? instance.weights.workshopsPerParticipant }
  // Largest seats a run could offer, and the days it could be on (its pins, else any day).
  func seats(_ run: SessionRun) -> Int {
    let session = instance.sessions[run.session]
    return instance.rooms.indices.filter { r in
      let room = instance.rooms[r]
      return room.takes(session.kind) && session.requires.isSubset(of: room.features)
        && room.capacity >= (session.maxSize ?? session.audience ?? 0)
    }.map { instance.seats(ofSession: run.session, inRoom: $0) }.max() ?? 0
  }
  func days(_ run: SessionRun) -> Set<Int> {
    instance.sessions[run.session].pin(forRun: run.run)?.day.map { [$0] } ?? Set(instance.days.indices)
  }
  var options: [[(runs: [SessionRun], welfare: Double)]] = []
  for participant in instance.participants {
    var candidates: [(run: SessionRun, weight: Double)] = []
    for (k, s) in participant.choices.enumerated() where participant.choices.firstIndex(of: s) == k {
      guard instance.sessions[s].kind == .workshop else { continue }
      for run in instance.runs where run.session == s && !days(run).isDisjoint(with: participant.days) {
        candidates.append((run, Double(longest - k)))
      }
    }
    var subsets: [(runs: [SessionRun], welfare: Double)] = []
    for mask in 0..<(1 << candidates.count) {
      let picked = candidates.indices.filter { mask & (1 << $0) != 0 }.map { candidates[$0] }
      guard picked.count <= limit(participant), Set(picked.map(\.run.session)).count == picked.count else { continue }
      subsets.append((picked.map(\.run), picked.reduce(0) { $0 + $1.weight }))
    }
    options.append(subsets)
  }
  var best = 0.0
  var taken = [SessionRun: Int]()
  func visit(_ p: Int, _ welfare: Double) {
    guard p < options.count else {
      best = max(best, welfare)
      return
    }
    for subset in options[p] where subset.runs.allSatisfy({ (taken[$0] ?? 0) < seats($0) }) {
      for run in subset.runs { taken[run, default: 0] += 1 }
      visit(p + 1, welfare + subset.welfare)
      for run in subset.runs { taken[run, default: 0] -= 1 }
    }
  }
  visit(0, 0)
  return best
}

@Suite("The proof: welfare bound, organisers' bound, score")
struct ProofTests {
  typealias T = Tiny

  /// The time terms and the clash guide at its default weight.
  static var guided: Weights {
    var weights = T.timeWeights
    weights.coChoiceConflict = Weights().coChoiceConflict
    return weights
  }

  /// Three workshops (A 2 seats, B 2, C 1) in 2 slots and 2 rooms; p1 ranks A, B, C; p2 A, C;
  /// p3 A, B; two workshops each. Rank weights 3, 2, 1 (the longest list has 3). Time relaxed:
  /// A's two seats go to two of the three (3 each); whoever misses A gets B (2) or C; the best is
  /// 12 (p1 A+B = 5, p3 A+B = 5, p2 C = 2; or p1 A+B, p2 A+C, p3 B: 5 + 5 + 2). A timetable with
  /// A and B apart reaches it, and no penalty applies (time weights only): proven optimal, 12 ≤ 12.
  static let threeWorkshops = T.instance(
    slots: 2, rooms: [T.room("r1", 10), T.room("r2", 10)],
    sessions: [T.workshop("a", maxSize: 2), T.workshop("b", maxSize: 2), T.workshop("c", maxSize: 1)],
    participants: [
      Participant(id: "p1", days: [0], choices: [0, 1, 2], maxWorkshops: 2),
      Participant(id: "p2", days: [0], choices: [0, 2], maxWorkshops: 2),
      Participant(id: "p3", days: [0], choices: [0, 1], maxWorkshops: 2),
    ], weights: guided, seatCoverage: 0)

  @Test("the welfare bound of a hand-computed case, and the proof that meets it")
  func handComputed() throws {
    let instance = Self.threeWorkshops
    let bound = try #require(WelfareBound(formulation: TimetableFormulation(instance: instance), weights: WelfareWeights(instance: instance)))
    #expect(bound.value == 12)
    #expect(enumeratedWelfareBound(instance) == 12)
    let (_, assignment, proof) = solveBoth(instance)
    #expect(assignment?.objective?.value == 12)
    let p = try #require(proof)
    #expect(p.participants == Schedule.Side(value: 12, bound: 12, gap: 0, relativeGap: 0))
    #expect(p.organisers.value == 0 && p.organisers.bound == 0)
    #expect(p.proven)
  }

  /// One single-run workshop that p1 (Monday only) and p3 (Tuesday only) both want: it is on one
  /// day, so only one of them can have it, which the day binaries of the bound see (without them
  /// the bound would be 2 + 2 = 4 for 2 reachable).
  @Test("a run with a choice of days is on one of them in the bound")
  func dayChoice() throws {
    let instance = T.instance(
      days: 2, slots: 1, rooms: [T.room("r", 10)], sessions: [T.workshop("w", maxSize: 5)],
      participants: [
        Participant(id: "p1", days: [0], choices: [0]), Participant(id: "p3", days: [1], choices: [0]),
      ], seatCoverage: 0)
    let bound = try #require(WelfareBound(formulation: TimetableFormulation(instance: instance), weights: WelfareWeights(instance: instance)))
    #expect(bound.value == 1)
    let (_, _, proof) = solveBoth(instance)
    #expect(proof?.proven == true)
  }

  /// The bound against enumeration on the random tiny instances, and never below what the solved
  /// timetable's assignment gets.
  @Test("the welfare bound equals an independent enumeration", arguments: Array(UInt64(1)...40))
  func welfareBoundByEnumeration(seed: UInt64) throws {
    var instance = RandomTinyInstance.make(seed: seed)
    // The enumeration pins runs to days through their pins only: keep every session on one day
    // or free, as the random instances have them.
    instance.participants = instance.participants.filter { !$0.choices.isEmpty }
    let formulation = TimetableFormulation(instance: instance)
    guard formulation.optionsByRun.allSatisfy({ !$0.isEmpty }) else { return }
    let bound = try #require(WelfareBound(formulation: formulation, weights: WelfareWeights(instance: instance)))
    let enumerated = enumeratedWelfareBound(instance)
    // Equal unless a run free to move between days is wanted by participants of different days
    // (then the bound's day binaries make it tighter than the enumeration, which ignores them).
    #expect(bound.value <= enumerated + 1e-9)
    let movable = instance.runs.contains { run in
      instance.days.count > 1 && instance.sessions[run.session].pin(forRun: run.run)?.day == nil
    }
    if !movable { #expect(bound.value == enumerated, "seed \(seed)") }
  }

  /// Both sides against enumeration of every timetable (with the best assignment of each): the
  /// score's bound is never below the best score, the score found never above it, each side's
  /// bound holds, and a proven result is the enumerated optimum.
  @Test("both sides against enumeration: bounds hold, a proof is the optimum", arguments: Array(UInt64(1)...50))
  func bothSides(seed: UInt64) throws {
    let instance = RandomTinyInstance.make(seed: seed)
    guard let (best, bestWelfare, leastPenalty) = enumerateScores(instance) else { return }
    let (_, _, proof) = solveBoth(instance)
    let p = try #require(proof)
    let tolerance = 1e-6
    #expect(p.score.value <= best + tolerance)
    #expect((p.score.bound ?? .infinity) >= best - tolerance, "seed \(seed)")
    #expect((p.organisers.bound ?? -.infinity) <= leastPenalty + tolerance)
    if let participants = p.participants { #expect((participants.bound ?? .infinity) >= bestWelfare - tolerance) }
    if p.proven { #expect(abs(p.score.value - best) < tolerance, "seed \(seed): proven \(p.score.value), enumerated \(best)") }
  }

  /// (best score, best welfare, least penalty) over every timetable, each with its best assignment.
  func enumerateScores(_ instance: Instance) -> (Double, Double, Double)? {
    var best: Double?
    var bestWelfare = 0.0
    var leastPenalty = Double.infinity
    BruteForce(instance: instance).forEachTimetable { timetable in
      let calculator = SoftTermCalculator(instance: instance, timetable: timetable)
      let penalty = calculator.objective(calculator.amounts())
      let welfare = AssignmentBruteForce.optimum(instance, timetable, .welfare, k: 2).welfare
      best = max(best ?? -.infinity, welfare - penalty)
      bestWelfare = max(bestWelfare, welfare)
      leastPenalty = min(leastPenalty, penalty)
    }
    return best.map { ($0, bestWelfare, leastPenalty) }
  }

  /// n one-hour talks of one track over the slots of one day, 3 rooms, track_parallel 5 per pair:
  /// the LP bound of the organisers' model is the pigeonhole value, and so is the optimum. By
  /// hand: 5 over 2 slots → 3 + 2 → C(3,2) + C(2,2) = 4 pairs → 20; 7 over 3 → 3 + 2 + 2 → 3 + 1
  /// + 1 = 5 → 25; 6 over 2 → 3 + 3 → 6 → 30; 4 over 4 → 0. (Rows y ≥ z_a + z_b − 1 per pair
  /// would give an LP bound of 0 in every case: each talk spread evenly over the slots.)
  @Test(
    "convex-count rows: the LP bound of same-track pairs is the pigeonhole value",
    arguments: [(5, 2, 20.0), (7, 3, 25.0), (6, 2, 30.0), (4, 4, 0.0)])
  func trackPairs(talks: Int, slots: Int, expected: Double) throws {
    var weights = T.timeWeights
    weights.trackParallel = 5
    let instance = T.instance(
      slots: slots, rooms: [T.room("r1", 10), T.room("r2", 10), T.room("r3", 10)],
      sessions: (0..<talks).map { T.talk("t\($0)", track: 0) }, tracks: [Track(id: "k", name: "K")],
      weights: weights, seatCoverage: 0)
    let model = TimetableSolver(instance: instance).model()
    let relaxation = try #require(GLPKSolver().solveRelaxation(model).objective)
    #expect(abs(relaxation - expected) < 1e-6)
    let solution = solve(instance)
    #expect(solution.objective?.value == expected)
    #expect(solution.status == .optimal)
  }

  /// 5 talks of one track over 2 slots need 3 rooms at once (pigeonhole): 2 rooms beyond the
  /// first, weight 2 → 4; the LP bound says so through Σ used ≥ ⌈5 / 2⌉ (without that row the LP
  /// spreads each talk over the rooms and uses 5/3 of a room: bound 4/3).
  @Test("a track needs as many rooms as its runs in one slot, in the LP bound too")
  func trackRooms() throws {
    var weights = T.timeWeights
    weights.trackRoomChange = 2
    let instance = T.instance(
      slots: 2, rooms: [T.room("r1", 10), T.room("r2", 10), T.room("r3", 10)],
      sessions: (0..<5).map { T.talk("t\($0)", track: 0) }, tracks: [Track(id: "k", name: "K")],
      weights: weights, seatCoverage: 0)
    let relaxation = try #require(GLPKSolver().solveRelaxation(TimetableSolver(instance: instance).model()).objective)
    #expect(abs(relaxation - 4) < 1e-6)
    #expect(solve(instance).objective?.value == 4)
  }

  /// Two talks a and b of one track, 2 slots, rooms r1 and r2; c holds r1 at 10:00 and d holds r2
  /// at 9:00, so a and b can only be in r1 at 9:00 or r2 at 10:00, one in each: two rooms, one
  /// change, weight 2 → 2. The LP can put each talk half in each place; the rows per run then
  /// allow used[r] = ½ for both rooms (bound 0), while the clique rows (a room holds one run per
  /// slot, so used[r1] ≥ x_a(9:00, r1) + x_b(9:00, r1) = 1) give the optimum, 2.
  @Test("a room holds one run per slot: the track's rooms in the LP bound count it")
  func trackRoomCliques() throws {
    var weights = T.timeWeights
    weights.trackRoomChange = 2
    let instance = T.instance(
      slots: 2, rooms: [T.room("r1", 10), T.room("r2", 10)],
      sessions: [
        T.talk("a", track: 0), T.talk("b", track: 0),
        T.talk("c", pins: [Pin(day: 0, start: T.clock(10), room: 0)]),
        T.talk("d", pins: [Pin(day: 0, start: T.clock(9), room: 1)]),
      ],
      tracks: [Track(id: "k", name: "K")], weights: weights, seatCoverage: 0)
    let relaxation = try #require(GLPKSolver().solveRelaxation(TimetableSolver(instance: instance).model()).objective)
    #expect(abs(relaxation - 2) < 1e-6)
    let solution = solve(instance)
    #expect(solution.objective?.value == 2)
    #expect(solution.status == .optimal)
  }

  /// Every run pinned to its day, start and room, with participants: one timetable exists, its
  /// penalties are the minimum and its assignment is all participants can get: optimal at once,
  /// whatever the time-relaxed bound says (here 12: A's third chooser would want a seat it lacks,
  /// but with A and B in one slot p1 and p3 can only take one of them).
  @Test("a fully pinned timetable is optimal at once")
  func fullyPinned() throws {
    var instance = Self.threeWorkshops
    instance.sessions[0].pins = [Pin(day: 0, start: T.clock(9), room: 0)]
    instance.sessions[1].pins = [Pin(day: 0, start: T.clock(9), room: 1)]
    instance.sessions[2].pins = [Pin(day: 0, start: T.clock(10), room: 0)]
    let (timetable, assignment, proof) = solveBoth(instance)
    #expect(timetable.onlyTimetable)
    #expect(timetable.status == .optimal)
    #expect(timetable.termination == .completed)
    // p1 A + C (3 + 1), p2 A + C? C has one seat: p2 A (3) + p1 C … the assignment's own optimum.
    let welfare = try #require(assignment?.objective?.value)
    #expect(welfare < 12)
    let p = try #require(proof)
    #expect(p.participants?.bound == welfare)
    #expect(p.proven)
  }
}
