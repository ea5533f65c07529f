extension InstanceResolver {
  /// A session's `streamed`, `online_seats` and `stream_url` (issue 17): online seats only on a
  /// streamed workshop (`online-seats-not-streamed`, `online-seats-not-workshop`), a stream URL only
  /// on a streamed session (a warning).
  mutating func resolveStreaming(_ entry: InstanceFile.SessionEntry, kind: SessionKind, path: String, into session: inout Session) {
    session.streamed = entry.streamed == true
    session.streamURL = entry.streamURL
    if let seats = entry.onlineSeats {
      if entry.streamed != true {
        error(
          "online-seats-not-streamed", "'\(entry.id)' gives online_seats but is not streamed", "\(path).online_seats",
          hint: "add `streamed: true` so that online attendees can follow it, or remove online_seats")
      } else if kind != .workshop {
        warning(
          "online-seats-not-workshop",
          "online_seats limits workshop runs; '\(entry.id)' is a \(kind.rawValue), to which nobody is assigned",
          "\(path).online_seats", hint: "remove online_seats")
      } else {
        session.onlineSeats = seats
      }
    }
    if entry.streamURL != nil, entry.streamed != true {
      warning(
        "stream-url-not-streamed", "'\(entry.id)' gives a stream_url but is not streamed", "\(path).stream_url",
        hint: "add `streamed: true`, or remove stream_url")
    }
  }
}
