#!/usr/bin/env python3
"""Writes event.yaml and schedule.json of the packed instance (issue 16, item 4) from its published
programme: 6 rooms x 12 one-hour slots (2 days, blocks of 3 slots around lunch), every room busy
in every slot. Run from this folder; the files are committed, this script documents how."""
import json
import os
import random

SLOTS = ["09:00", "10:00", "11:00", "13:00", "14:00", "15:00"]
# Per room and block (d1 AM, d1 PM, d2 AM, d2 PM): the durations in slots, in time order.
GRID = {
    "hall": [[1, 2], [1, 1, 1], [2, 1], [1, 2]],
    "lab1": [[3], [2, 1], [3], [1, 1, 1]],
    "lab2": [[2, 1], [3], [1, 1, 1], [3]],
    "r1": [[1, 2], [2, 1], [1, 1, 1], [2, 1]],
    "r2": [[1, 1, 1], [1, 2], [2, 1], [1, 1, 1]],
    "r3": [[2, 1], [1, 1, 1], [1, 2], [3]],
}
ROOMS = {
    "hall": dict(capacity=400, features=["stream", "projector"], kinds=["keynote", "talk"]),
    "lab1": dict(capacity=30, features=["computers", "gpu"], kinds=["workshop"]),
    "lab2": dict(capacity=30, features=["computers", "soldering"], kinds=["workshop"]),
    "r1": dict(capacity=120, features=["projector", "recording"], kinds=["talk"]),
    "r2": dict(capacity=80, features=["projector", "whiteboard"], kinds=["talk"]),
    "r3": dict(capacity=60, features=["projector", "sofa"], kinds=["talk"]),
}
AUDIENCE = {"r1": 100, "r2": 70, "r3": 50}
FEATURE = {"r1": "recording", "r2": "whiteboard", "r3": "sofa"}
TRACKS = ["web", "data", "ops"]
SPEAKERS = int(os.environ.get("SPEAKERS", 12))
PER_SESSION = int(os.environ.get("PER_SESSION", 2))
rng = random.Random(int(os.environ.get("SEED", 1)))

sessions, runs = [], []
busy = {}  # speaker -> set of (day, slot)
n = 0
for room, blocks in GRID.items():
    for b, durations in enumerate(blocks):
        day = "d1" if b < 2 else "d2"
        slot = 0 if b % 2 == 0 else 3
        for d in durations:
            n += 1
            sid = f"s{n:02d}"
            cells = {(day, s) for s in range(slot, slot + d)}
            # Speakers: the next one free at these times, in turn (several talks each).
            # Speakers: PER_SESSION drawn among those free at these times (several sessions each).
            free = [f"sp{k:02d}" for k in range(1, SPEAKERS + 1) if not busy.get(f"sp{k:02d}", set()) & cells]
            speakers = sorted(rng.sample(free, min(PER_SESSION, len(free))))
            for sp in speakers:
                busy.setdefault(sp, set()).update(cells)
            s = {"id": sid, "title": f"Session {n}", "duration": 60 * d, "speakers": speakers,
                 "track": TRACKS[n % 3]}
            if room.startswith("lab"):
                s.update(kind="workshop", max_size=30, requires=["gpu"] if room == "lab1" else ["soldering"])
            elif room == "hall":
                s.update(kind="keynote" if d == 1 and slot == 0 else "talk", audience=250, requires=["stream"])
            else:
                s.update(kind="talk", audience=AUDIENCE[room], requires=[FEATURE[room]])
            sessions.append(s)
            runs.append({"session": sid, "run": 1, "day": day, "start": SLOTS[slot], "room": room})
            slot += d

def flow(d):
    return "{" + ", ".join(f"{k}: {json.dumps(v) if not isinstance(v, list) else '[' + ', '.join(v) + ']'}" for k, v in d.items()) + "}"

lines = [
    "# A fully packed grid (issue 16, item 4): 6 rooms x 12 one-hour slots, every room busy in every",
    "# slot of the published programme (schedule.json, which `atelier check` passes). Written by make.py.",
    "# Rooms are fixed by features and kinds: `stream` talks only in hall, `gpu` workshops only in lab1,",
    "# other workshops in lab1 or lab2, other talks in hall, r1, r2 or r3 by audience. Sessions of",
    "# 60, 120 and 180 minutes in blocks of three slots; 14 speakers with several sessions each.",
    "format: atelier/1",
    "name: Packed grid",
    "time_zone: Europe/Paris",
    "days:",
]
for d, date in [("d1", "2024-06-03"), ("d2", "2024-06-04")]:
    lines += [f"  - id: {d}", f"    date: \"{date}\"", "    slots:"]
    lines += [f"      - {{start: \"{s}\", end: \"{int(s[:2]) + 1:02d}:00\"}}" for s in SLOTS]
    lines += ["    breaks:", "      - {title: Lunch, start: \"12:00\", end: \"13:00\"}"]
lines.append("rooms:")
for r, spec in ROOMS.items():
    lines.append(f"  - {{id: {r}, capacity: {spec['capacity']}, features: [{', '.join(spec['features'])}], kinds: [{', '.join(spec['kinds'])}]}}")
lines.append("tracks:")
lines += [f"  - {{id: {t}}}" for t in TRACKS]
lines.append("speakers:")
lines += [f"  - {{id: sp{i:02d}}}" for i in range(1, SPEAKERS + 1)]
lines.append("sessions:")
lines += ["  - " + flow(s) for s in sessions]
open("event.yaml", "w").write("\n".join(lines) + "\n")
schedule = {"format": "atelier-schedule/1", "instance": {"name": "Packed grid", "hash": "published"},
            "status": "manual", "runs": runs}
open("schedule.json", "w").write(json.dumps(schedule, indent=2) + "\n")
print(len(sessions), "sessions,", sum(len(v) for v in busy.values()), "speaker-hours")
