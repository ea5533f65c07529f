/// How a participant attends (issue 17): in the venue, taking room seats, or online, following
/// streamed sessions without a seat.
public enum Attendance: String, Sendable, Hashable, Codable, CaseIterable {
  case inPerson = "in_person"
  case online

  /// The values a participants file or `attendance:` may hold, normalised
  /// (`ParticipantsColumns.normalize`: no case, accents, spaces or punctuation).
  static let spellings: [String: Attendance] = [
    "inperson": .inPerson, "onsite": .inPerson, "venue": .inPerson, "presentiel": .inPerson, "surplace": .inPerson,
    "physique": .inPerson, "online": .online, "remote": .online, "virtual": .online, "distanciel": .online,
    "adistance": .online, "enligne": .online, "visio": .online,
  ]

  /// The attendance a cell or value names (`in_person`, `présentiel`, `online`, `distanciel`, …).
  public init?(spelling text: String) {
    guard let value = Self.spellings[ParticipantsColumns.normalize(text)] else { return nil }
    self = value
  }
}

extension Participant {
  /// Whether the participant follows the event online: no room seat, only streamed workshops.
  public func isOnline(in instance: Instance) -> Bool { (attendance ?? instance.attendance) == .online }
}

extension Instance {
  /// Whether some participant attends online (the per-type rules then apply; else nothing changes).
  public var hasOnlineAttendees: Bool { participants.contains { $0.isOnline(in: self) } }

  /// Whether participant `p` may take a seat (in person) or follow online a run of session `s`:
  /// online attendees only where it is streamed.
  public func canAttend(participant p: Int, session s: Int) -> Bool {
    !participants[p].isOnline(in: self) || sessions[s].streamed
  }
}
