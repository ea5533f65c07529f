import Foundation

/// The files of an import, in memory: `event.yaml`, and `schedule.json` when the source placed
/// every session; with the instance they load into and what loading it says.
public struct ImportOutput: Sendable {
  /// Paths relative to the output folder, in writing order.
  public var files: [(path: String, contents: Data)]
  /// The imported event as `atelier validate` loads it; `nil` when it is not yet complete.
  public var instance: Instance?
  /// The published timetable as `schedule.json` holds it (status `manual`).
  public var schedule: Schedule?
  /// What loading `event.yaml` reports (file `event.yaml`): what is left to complete.
  public var validation: [Diagnostic]
}

extension ImportedEvent {
  /// `event.yaml`, loaded back as `validate` loads it, and `schedule.json` of the published runs
  /// (with the hash of that `event.yaml`, so `check` and `solve --baseline` take it as it is).
  public func render() -> ImportOutput {
    let yaml = Data(eventYAML().utf8)
    let loaded = InstanceLoader.load(eventData: yaml, eventFile: "event.yaml")
    var files: [(path: String, contents: Data)] = [("event.yaml", yaml)]
    var schedule: Schedule?
    if let instance = loaded.instance, let published, let timetable = timetable(of: published, in: instance) {
      let made = Schedule(instance: instance, timetable: timetable, status: .manual)
      files.append(("schedule.json", made.encoded()))
      schedule = made
    }
    return ImportOutput(files: files, instance: loaded.instance, schedule: schedule, validation: loaded.diagnostics)
  }

  /// The published runs on the loaded instance, or `nil` when one names no session, day, slot or room.
  private func timetable(of runs: [PublishedRun], in instance: Instance) -> Timetable? {
    let sessions = Dictionary(instance.sessions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    let rooms = Dictionary(instance.rooms.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    let days = Dictionary(instance.days.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    var placements: [Timetable.Placement] = []
    for run in runs {
      guard let s = sessions[run.session], let r = rooms[run.room], let d = days[run.day],
        let slot = instance.days[d].slots.first(where: { instance.slots[$0].start == run.start })
      else { return nil }
      placements.append(.init(run: SessionRun(session: s, run: run.run), slot: slot, room: r))
    }
    return Timetable(placements: placements)
  }

  /// `event.yaml` as a person edits it: a header that says where it comes from and what to
  /// complete, one line per slot, room, track and speaker, a block per session, every string in
  /// double quotes (so no title can be read as another type), placeholders marked on their line.
  public func eventYAML() -> String {
    var out: [String] = [
      "# Imported by `\(origin)` (format atelier/1).",
      "# Complete what the source does not say, then check and solve:",
    ]
    if !placeholderCapacities.isEmpty {
      out.append("#   - room capacities marked PLACEHOLDER below (the source gives none);")
    }
    if event.days.isEmpty { out.append("#   - the days and their slots (the source places no session on a day);") }
    if event.rooms.isEmpty { out.append("#   - the rooms (the source names none);") }
    out += [
      "#   - features, speakers' availability, audiences and workshop sizes, where they matter.",
      "#   atelier validate FOLDER" + (published == nil ? "" : "; atelier check FOLDER FOLDER/schedule.json"),
      "#   atelier solve FOLDER --out OUT" + (published == nil ? "" : " --baseline FOLDER/schedule.json"),
      "format: atelier/1",
      "name: \(q(event.name))",
      "time_zone: \(q(event.timeZone))",
    ]
    if let venue = event.venue { out.append("venue: \(q(venue))") }
    out.append("changeover_minutes: \(event.changeoverMinutes ?? 0)")

    out.append("")
    if event.days.isEmpty {
      out.append("days: []   # TO COMPLETE: - {id: d1, date: \"2026-06-01\", slots: [{start: \"09:00\", end: \"10:00\"}]}")
    } else {
      out.append("days:")
      for day in event.days {
        out.append("  - id: \(q(day.id))")
        out.append("    date: \(q(day.date))")
        if let label = day.label { out.append("    label: \(q(label))") }
        if day.slots.isEmpty {
          out.append("    slots: []   # TO COMPLETE: - {start: \"09:00\", end: \"10:00\"}")
        } else {
          out.append("    slots:")
          for slot in day.slots { out.append("      - {start: \(q(slot.start)), end: \(q(slot.end))}") }
        }
        if let breaks = day.breaks, !breaks.isEmpty {
          out.append("    breaks:")
          for pause in breaks {
            out.append("      - {title: \(q(pause.title ?? "Break")), start: \(q(pause.start)), end: \(q(pause.end))}")
          }
        }
      }
    }

    out.append("")
    if event.rooms.isEmpty {
      out.append("rooms: []   # TO COMPLETE: - {id: main, name: \"Main hall\", capacity: 200}")
    } else {
      out.append("rooms:")
      for (r, room) in event.rooms.enumerated() {
        var fields = ["id: \(q(room.id))"]
        if let name = room.name { fields.append("name: \(q(name))") }
        fields.append("capacity: \(room.capacity)")
        if let kinds = room.kinds { fields.append("kinds: [\(kinds.joined(separator: ", "))]") }
        let mark = placeholderCapacities.contains(r) ? "   # PLACEHOLDER capacity: write the room's seats" : ""
        out.append("  - {\(fields.joined(separator: ", "))}\(mark)")
      }
    }

    if let tracks = event.tracks, !tracks.isEmpty {
      out.append("")
      out.append("tracks:")
      for track in tracks {
        var fields = ["id: \(q(track.id))"]
        if let name = track.name { fields.append("name: \(q(name))") }
        if let color = track.color { fields.append("color: \(q(color))") }
        out.append("  - {\(fields.joined(separator: ", "))}")
      }
    }

    if let speakers = event.speakers, !speakers.isEmpty {
      out.append("")
      out.append("speakers:")
      for speaker in speakers {
        let name = speaker.name.map { ", name: \(q($0))" } ?? ""
        out.append("  - {id: \(q(speaker.id))\(name)}")
      }
    }

    out.append("")
    out.append("sessions:")
    for session in event.sessions {
      out.append("  - id: \(q(session.id))")
      out.append("    title: \(q(session.title))")
      out.append("    kind: \(session.kind)")
      out.append("    duration: \(session.duration)")
      if let speakers = session.speakers, !speakers.isEmpty {
        out.append("    speakers: [\(speakers.map(q).joined(separator: ", "))]")
      }
      if let track = session.track { out.append("    track: \(q(track))") }
      if let runs = session.runs { out.append("    runs: \(runs)") }
      if let maxSize = session.maxSize { out.append("    max_size: \(maxSize)") }
      if let pin = session.pin {
        var fields: [String] = []
        if let day = pin.day { fields.append("day: \(q(day))") }
        if let start = pin.start { fields.append("start: \(q(start))") }
        if let room = pin.room { fields.append("room: \(q(room))") }
        out.append("    pin: {\(fields.joined(separator: ", "))}")
      }
      if let description = session.description { out.append("    description: \(q(description))") }
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// A YAML double-quoted scalar (JSON's escapes, which YAML shares), with every character YAML
  /// does not print as it is (C0 and C1 controls, DEL, line and paragraph separators, BOM) escaped.
  private func q(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        let v = scalar.value
        if v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029 || v == 0xFEFF {
          out += String(format: "\\u%04X", v)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
