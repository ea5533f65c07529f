import AtelierCore

extension Checker {
  // MARK: - H16, H17, H18: session blocks (issue 16)

  /// Session blocks, from their definitions in docs/instance-format.md: a run's block is the block
  /// (`Slot.block`, consecutive slots between general breaks) of the slot it starts in.
  /// H16: a room-block holding a run of a track with `blocks: true` holds runs of that track only.
  /// H17: a speaker's runs of such tracks in one block are all in one room.
  /// H18: no block holds runs of two similar tracks.
  func checkBlocks(_ placed: [Placed], _ found: inout [Violation]) {
    guard instance.usesBlocks else { return }
    func block(_ p: Placed) -> Int { instance.slots[p.slot].block }
    func blockName(_ p: Placed) -> String {
      let first = instance.slots.first { $0.block == block(p) } ?? instance.slots[p.slot]
      return "the block of \(dayName(first.day)) from \(TimeText.clock(first.start))"
    }
    // Written from the definitions, not with the helpers the formulation uses.
    func blockTrack(_ s: Int) -> Bool { instance.sessions[s].track.map { instance.tracks[$0].blocks } ?? false }
    func trackName(_ s: Int) -> String {
      instance.sessions[s].track.map { "track '\(instance.tracks[$0].id)'" } ?? "no track"
    }
    let ordered = placed.sorted { ($0.from, $0.room, $0.run.session, $0.run.run) < ($1.from, $1.room, $1.run.session, $1.run.run) }
    // H16: in each room-block, every pair of runs whose tracks differ when one of them is a block track.
    var byRoomBlock = [[Int]: [Placed]]()
    for p in ordered { byRoomBlock[[block(p), p.room], default: []].append(p) }
    for key in byRoomBlock.keys.sorted(by: { ($0[0], $0[1]) < ($1[0], $1[1]) }) {
      let here = byRoomBlock[key] ?? []
      for (i, a) in here.enumerated() {
        for b in here[(i + 1)...] where instance.sessions[a.run.session].track != instance.sessions[b.run.session].track
          && (blockTrack(a.run.session) || blockTrack(b.run.session)) {
          found.append(
            Violation(
              rule: "H16",
              message: "\(placedName(a)) (\(trackName(a.run.session))) and \(placedName(b)) (\(trackName(b.run.session))) "
                + "share \(instance.rooms[a.room].name) in \(blockName(a)), but a block holds one track (blocks)",
              session: instance.sessions[a.run.session].id, room: instance.rooms[a.room].id))
        }
      }
    }
    // H17: per speaker and block, the block-track runs' rooms.
    for (k, speaker) in instance.speakers.enumerated() {
      let mine = ordered.filter { blockTrack($0.run.session) && instance.sessions[$0.run.session].speakers.contains(k) }
      for (i, a) in mine.enumerated() {
        for b in mine[(i + 1)...] where block(a) == block(b) && a.room != b.room {
          found.append(
            Violation(
              rule: "H17",
              message: "\(speaker.name) presents \(placedName(a)) and \(placedName(b)) in \(blockName(a)), "
                + "in two rooms (\(instance.rooms[a.room].name), \(instance.rooms[b.room].name)), but a speaker's papers of a block stay in one room",
              session: instance.sessions[a.run.session].id))
        }
      }
    }
    // H18: similar tracks in one block.
    for pair in instance.similarTracks {
      let first = ordered.filter { instance.sessions[$0.run.session].track == pair.first }
      let second = ordered.filter { instance.sessions[$0.run.session].track == pair.second }
      for a in first {
        for b in second where block(a) == block(b) {
          found.append(
            Violation(
              rule: "H18",
              message: "\(placedName(a)) and \(placedName(b)) are both in \(blockName(a)), but tracks "
                + "'\(instance.tracks[pair.first].id)' and '\(instance.tracks[pair.second].id)' are similar (never in one block)",
              session: instance.sessions[a.run.session].id))
        }
      }
    }
  }
}
