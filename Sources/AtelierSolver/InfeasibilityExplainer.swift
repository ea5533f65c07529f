import AtelierCore
import AtelierGLPK
import AtelierMIP

/// Says why an instance has no timetable: solves the model with penalised slack on every hard-rule
/// family and reports, in domain terms, the rules whose slack had to be used.
struct InfeasibilityExplainer {
  let instance: Instance

  func explain(options: SolveOptions) -> [String] {
    let formulation = TimetableFormulation(instance: instance, relaxed: true, coChoicePairs: 0)
    var relaxedOptions = SolveOptions()
    relaxedOptions.timeLimit = options.timeLimit.map { max(10, $0 / 2) } ?? 60
    relaxedOptions.cancellation = options.cancellation
    let result = GLPKSolver().solve(formulation.model, options: relaxedOptions)
    guard result.hasSolution else {
      return ["the hard rules cannot all hold, and the relaxed model found no answer to say which (\(result.termination))"]
    }
    var messages: [String] = []
    for (variable, rule) in formulation.slacks {
      let amount = result.values[variable.index]
      guard amount > 1e-6 else { continue }
      messages.append(describe(rule, amount: amount))
    }
    return messages.isEmpty ? ["the hard rules cannot all hold together (no single rule family could be named)"] : messages
  }

  private func slotName(_ slot: Int) -> String {
    let s = instance.slots[slot]
    let day = instance.days[s.day]
    return "\(day.label ?? day.id) \(day.date) \(Self.clock(s.start))"
  }

  static func clock(_ minutes: Int) -> String {
    let h = minutes / 60
    let m = minutes % 60
    return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
  }

  private func describe(_ rule: RelaxedRule, amount: Double) -> String {
    switch rule {
    case .unplaced(let run):
      let session = instance.sessions[run.session]
      return "'\(session.title)'\(session.runs > 1 ? " run \(run.run)" : "") cannot be placed with the other rules holding"
    case .roomOverlap(let room, let slot):
      return "room '\(instance.rooms[room].name)' would need to host two sessions at \(slotName(slot))"
    case .exclusiveOverlap(let slot):
      return "an exclusive session at \(slotName(slot)) would have other sessions in parallel"
    case .speakerOverlap(let speaker, let slot):
      return "speaker '\(instance.speakers[speaker].name)' would have to be in two sessions (or without their pause) at \(slotName(slot))"
    case .repeatedRunsOverlap(let session, let slot):
      return "two runs of '\(instance.sessions[session].title)' would overlap at \(slotName(slot))"
    case .precedence(let session, let prerequisite):
      return "'\(instance.sessions[session].title)' cannot start after '\(instance.sessions[prerequisite].title)' ends"
    case .seats(let slot):
      let s = instance.slots[slot]
      return "at \(slotName(slot)) the sessions can seat only \(instance.seatDemand(onDay: s.day) - Int(amount.rounded())) of the \(instance.seatDemand(onDay: s.day)) participants who need a seat (short by \(Int(amount.rounded())))"
    }
  }
}
