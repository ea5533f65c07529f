/// Online attendees' choices of workshops that are not streamed (issue 17): they cannot attend
/// them, so those choices are ignored (their other choices keep the ranks written). One warning per
/// such workshop, at the row of the first participant concerned.
enum AttendanceCheck {
  static func diagnostics(for instance: Instance, file: String) -> [Diagnostic] {
    guard instance.hasOnlineAttendees else { return [] }
    var who = [Int: [Participant]]()
    for participant in instance.participants where participant.isOnline(in: instance) {
      for s in Set(participant.choices) where instance.sessions[s].kind == .workshop && !instance.sessions[s].streamed {
        who[s, default: []].append(participant)
      }
    }
    return who.keys.sorted().map { s in
      let online = who[s] ?? []
      let first = online.first
      let count = online.count == 1 ? "online participant \(first?.id ?? "")" : "\(online.count) online participants"
      return .warning(
        "online-choice-not-streamed",
        "workshop '\(instance.sessions[s].id)' is not streamed: \(count) chose it and cannot attend (the choice is ignored)",
        at: .init(file: file, line: first?.line),
        hint: "add `streamed: true` to '\(instance.sessions[s].id)' if online attendees can follow it")
    }
  }
}
