#!/usr/bin/env python3
"""Issue 14's benchmark: how fast Atelier proves its schedules, and whether its proof holds up when
another solver checks it. Run it through scripts/bench-proof, which builds the release binary and the
virtual environment (.bench-venv/) with highspy and PyYAML. Python and HiGHS are benchmark tools
only, never dependencies of Atelier.

Instances: Instances/nec2022 and generated ones (`atelier generate --participants N --days 5
--seed 11`, N from --sizes, default 7,500 15,000 30,000).

Sections (all by default; --sections picks some):
  solve   `atelier solve INSTANCE --out OUT --timings --write-model OUT/model.lp` under
          /usr/bin/time -v (nec2022 --repeat times, default 3; the others once), with a timeout per
          size. Records wall time, peak RSS, exit code, `status` and the `proof` object of
          OUT/schedule.json (participants, organisers, score: value, bound, gap, relative_gap;
          proven). Medians over repeats, min–max beside them.
  wub     The time-relaxed assignment bound W_UB computed here from the instance files alone
          (event.yaml with PyYAML, participants.csv with csv) and solved by HiGHS, against Atelier's
          `proof.participants.bound`.
  highs   HiGHS (1 thread) on Atelier's exported organisers' model OUT/model.lp (minimisation),
          time limit = Atelier's wall time on that instance (and a fixed 60 s on nec2022), next to
          Atelier's `proof.organisers.value` and `.bound`.

Atelier's own --time-limit (default 300 s) is not changed: pass --solve-args='--time-limit 1700'
for longer runs (the timeout here only stops a run that overstays: SIGTERM, then SIGKILL 30 s on).

Output: Markdown tables on standard output (progress on standard error); --json FILE writes the raw
figures. Each row carries issue 14's targets, marked met or missed:
  nec2022   end to end under 10 s (median wall time of the whole process, --write-model included),
            participants' and organisers' relative gaps each ≤ 0.5 %;
  7,500     under 2 min, proven score gap ≤ 1 %;
  15,000    under 10 min, proven score gap ≤ 1 %, peak RSS under 1 GiB;
  30,000    a score bound and a score gap reported.
"Proven within 1 %" is read as the score's relative gap (what `atelier solve --gap` tests); the
per-side gaps are in the table beside it.

W_UB, as this script computes it (issue 14, /work/shared/docs/objective.md):
  maximise Σ u[p,r]·a[p,r] over participants p and workshop runs r of sessions p chose,
  u[p,r] = L + 1 − k for the session at rank k of p's choice list (L = the longest list),
  Σ_r a[p,r] ≤ max_workshops(p); Σ over one session's runs ≤ 1; Σ_p a[p,r] ≤ seats(r); 0 ≤ a ≤ 1;
  a[p,r] only when r can be on a day p attends.
  Choice lists are read as ParticipantsReader does: choice columns in number order, empty cells
  skipped, a cell names a session by id (case-insensitive) or else by title (case-insensitive,
  trimmed; the first session with that title), a session chosen twice counts at its first rank,
  choices of exclusive sessions are dropped, and ranks count the choices kept. Rows Atelier refuses
  (unknown session or day, bad max_workshops, duplicate or empty id, wrong field count) are left out.
  A run's possible days: its pin's day (`pins[i]` for run i + 1, or `pin`), else the days with a
  slot starting at its pinned start, else every day. seats(r) = the largest min(max_size, capacity)
  (capacity when there is no max_size) over the rooms that can host it on one of its days: the
  room has every `requires` feature, takes the session's kind (its `kinds`, when listed), has
  capacity ≥ the expected audience (Instance.expectedAudience: max_size, else audience, else
  everyone present that day for an exclusive session, else ceil(choosers / runs)) and is the
  pinned room when the pin names one.
  Approximated (not checked here, unlike Atelier's TimetableFormulation): room and speaker
  availability windows and whether the run's duration fits a block of that day. Leaving them out
  can only raise this W_UB (more days and rooms), never lower it, so it stays a valid bound. A
  value above Atelier's points there first (or at a restriction of Atelier's that is not genuine);
  a value below Atelier's means Atelier's bound is valid but looser than the model it claims to
  solve (or this script reads the instance more strictly than Atelier does).
  When some run may be on several days and a participant who chose it attends only some of them,
  Atelier's WelfareBound gives such runs day binaries (a small integer program, a tighter bound).
  The script then also solves that integer program with HiGHS and compares Atelier with it (the LP
  stays in the table as the plain time-relaxed value).
"""

import argparse
import csv
import io
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import unicodedata
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEC = "Instances/nec2022"
DAYS = 5
SEED = 11
DEFAULT_SIZES = [7500, 15000, 30000]
TIMEOUTS = {"nec2022": 120, 7500: 300, 15000: 900, 30000: 1800}
GRACE = 30  # seconds between SIGTERM (Atelier writes its best schedule) and SIGKILL
TOLERANCE = 1e-6
GIB_KIB = 1024 * 1024


def log(message):
    """Progress on standard error, so that standard output keeps only the Markdown."""
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Section 1: atelier solve


def child_pids(pid):
    """The direct children of a process (Linux /proc), so a timeout can signal Atelier itself and
    leave /usr/bin/time alive to report its peak memory."""
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def run_timed(cmd, timeout, log_base):
    """Runs cmd under /usr/bin/time -v with stdout/stderr in log_base.stdout/.stderr. On timeout,
    sends SIGTERM to the command (Atelier then writes its best schedule) and SIGKILL after GRACE s.
    Returns a dict: exit, wall, rss_kib, cpu (user + system s), timed_out, stderr text, stdout text."""
    out_path, err_path = Path(f"{log_base}.stdout"), Path(f"{log_base}.stderr")
    started = time.monotonic()
    timed_out = False
    with open(out_path, "w") as out, open(err_path, "w") as err:
        proc = subprocess.Popen(["/usr/bin/time", "-v"] + [str(c) for c in cmd], stdout=out, stderr=err)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            children = child_pids(proc.pid)
            log(f"  timeout after {timeout:g} s: SIGTERM to {children or proc.pid}")
            for pid in children or [proc.pid]:
                try:
                    os.kill(pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
            try:
                proc.wait(timeout=GRACE)
            except subprocess.TimeoutExpired:
                for pid in children:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                proc.kill()
                proc.wait()
    wall = time.monotonic() - started
    stderr = err_path.read_text(errors="replace")
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
    user = re.search(r"User time \(seconds\): ([\d.]+)", stderr)
    system = re.search(r"System time \(seconds\): ([\d.]+)", stderr)
    cpu = float(user.group(1)) + float(system.group(1)) if user and system else None
    return {"exit": proc.returncode, "wall": wall, "rss_kib": int(rss.group(1)) if rss else None, "cpu": cpu,
            "timed_out": timed_out, "stderr": stderr, "stdout": out_path.read_text(errors="replace")}


def read_proof(schedule_path):
    """status and proof of a schedule.json, or None values when the file is missing or unreadable."""
    try:
        schedule = json.loads(Path(schedule_path).read_text())
    except (OSError, ValueError):
        return {"status": None, "proof": None}
    return {"status": schedule.get("status"), "proof": schedule.get("proof")}


def solve_once(atelier, instance, out, timeout, log_base, extra):
    """One `atelier solve` with the benchmark's flags; returns the run's figures and its proof."""
    if out.exists():
        shutil.rmtree(out)  # a previous schedule.json must not be read as this run's
    out.mkdir(parents=True)
    cmd = [atelier, "solve", instance, "--out", out, "--timings", "--write-model", out / "model.lp", *extra]
    r = run_timed(cmd, timeout, log_base)
    stages = {name: float(s) for name, s in re.findall(r"^time (.+?)\s+([\d.]+) s$", r["stderr"], re.M)}
    result = {"exit": r["exit"], "wall": r["wall"], "rss_kib": r["rss_kib"], "cpu": r["cpu"], "timed_out": r["timed_out"],
              "stages": stages}
    result.update(read_proof(out / "schedule.json"))
    return result


PROOF_FIELDS = [(side, key) for side in ("participants", "organisers", "score")
                for key in ("value", "bound", "gap", "relative_gap")]


def proof_value(run, side, key):
    """run['proof'][side][key], or None."""
    proof = run.get("proof") or {}
    return (proof.get(side) or {}).get(key)


def summarise(runs):
    """Medians and min–max over repeats of one instance: wall, RSS and every proof figure."""
    def spread(values):
        values = [v for v in values if v is not None]
        if not values:
            return {"median": None, "min": None, "max": None}
        return {"median": statistics.median(values), "min": min(values), "max": max(values)}
    summary = {"repeats": len(runs), "exits": [r["exit"] for r in runs], "timed_out": any(r["timed_out"] for r in runs),
               "wall": spread([r["wall"] for r in runs]), "cpu": spread([r["cpu"] for r in runs]),
               "rss_kib": spread([r["rss_kib"] for r in runs]),
               "statuses": [r["status"] for r in runs],
               "proven": [(r.get("proof") or {}).get("proven") for r in runs], "proof": {}}
    for side, key in PROOF_FIELDS:
        summary["proof"].setdefault(side, {})[key] = spread([proof_value(r, side, key) for r in runs])
    return summary


def section_solve(args, instances):
    """Section 1: solves every instance (nec2022 --repeat times) and stores the summary in it."""
    for inst in instances:
        repeats = args.repeat if inst["name"] == "nec2022" else 1
        runs = []
        for k in range(repeats):
            log(f"solve: {inst['name']} run {k + 1}/{repeats} (timeout {inst['timeout']:g} s)")
            run = solve_once(args.atelier, inst["folder"], inst["out"], inst["timeout"],
                             args.work / f"{inst['key']}.run{k + 1}", args.solve_args)
            log(f"  exit {run['exit']}, {run['wall']:.1f} s, status {run['status']}")
            runs.append(run)
        inst["runs"] = runs
        inst["solve"] = summarise(runs)


# ---------------------------------------------------------------------------------------------
# Section 2: the independent time-relaxed bound W_UB


def load_yaml(path):
    """event.yaml as plain strings (BaseLoader: `09:30` stays a string, as in YAML 1.2)."""
    import yaml
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def event_file(folder):
    """The instance's event file: event.yaml, event.yml or event.json."""
    for name in ("event.yaml", "event.yml", "event.json"):
        if (Path(folder) / name).exists():
            return Path(folder) / name
    raise FileNotFoundError(f"no event.yaml in {folder}")


def normalize_header(text):
    """ParticipantsReader.normalize: accents and case folded, letters and digits only."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in folded if c.isalnum() and not unicodedata.combining(c)).lower()


def header_column(text):
    """ParticipantsReader.column: ('id'|'email'|'days'|'max'|('choice', n)) or None."""
    name = normalize_header(text)
    if name in ("id", "identifiant", "participant", "participantid", "idparticipant"):
        return "id"
    if name in ("email", "mail", "courriel", "adressemail", "adresseemail"):
        return "email"
    if name in ("days", "day", "jours", "jour"):
        return "days"
    if name in ("maxworkshops", "nbateliers", "nombreateliers", "maxateliers"):
        return "max"
    for prefix in ("choice", "choix", "rank", "voeu"):
        rest = name[len(prefix):]
        if name.startswith(prefix) and rest.isdigit() and int(rest) >= 1:
            return ("choice", int(rest))
    return None


def decode_csv(data):
    """CSVReader.decode: UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_separator(text):
    """CSVReader.sniffSeparator: the most frequent of ; , tab on the header line (ties: comma)."""
    counts = {";": 0, ",": 0, "\t": 0}
    quoted = False
    for c in text[:65536]:
        if c == '"':
            quoted = not quoted
        if not quoted and c in "\r\n":
            break
        if not quoted and c in counts:
            counts[c] += 1
    best = max(counts, key=lambda k: (counts[k], k == ","))
    return best if counts[best] > 0 else ","


def day_keys(days):
    """Day id (lower case), date, dd/mm/yyyy and d/m/yyyy → day index."""
    keys = {}
    for d, day in enumerate(days):
        keys[day["id"].lower()] = d
        date = day.get("date", "")
        keys[date] = d
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            year, month, dom = (int(x) for x in date.split("-"))
            keys[f"{dom:02d}/{month:02d}/{year}"] = d
            keys[f"{dom}/{month}/{year}"] = d
    return keys


def read_participants(path, days, sessions):
    """The participants Atelier keeps: [(id, set of day indices, [session index, ...] ranked,
    max_workshops or None)], following ParticipantsReader (see the module docstring)."""
    text = decode_csv(Path(path).read_bytes())
    separator = sniff_separator(text)
    rows = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=separator)
            if any(field.strip() for field in r)]
    if not rows:
        return []
    header, records = rows[0], rows[1:]
    columns = {}
    for i, field in enumerate(header):
        column = header_column(field)
        if column is not None and column not in columns:
            columns[column] = i
    if "id" not in columns and "email" in columns:
        columns["id"] = columns["email"]
    if "id" not in columns:
        return []
    choice_columns = [columns[c] for c in sorted((c for c in columns if isinstance(c, tuple)), key=lambda c: c[1])]
    by_key = {}
    for s in reversed(range(len(sessions))):
        by_key[str(sessions[s].get("title", "")).lower().strip()] = s
    for s in reversed(range(len(sessions))):
        by_key[sessions[s]["id"].lower()] = s
    keys = day_keys(days)
    day_separators = "|+" + ("," if separator == ";" else "")
    participants, seen_ids = [], set()
    for record in records:
        if len(record) != len(header):
            continue
        pid = record[columns["id"]].strip()
        if not pid or pid in seen_ids:
            continue
        seen_ids.add(pid)
        valid = True
        attends = set(range(len(days)))
        if "days" in columns:
            tokens = re.split(f"[{re.escape(day_separators)}\\s]+", record[columns["days"]])
            tokens = [t for t in tokens if t]
            if tokens:
                attends = set()
                for token in tokens:
                    d = keys.get(token.lower(), keys.get(token))
                    if d is None:
                        valid = False
                    else:
                        attends.add(d)
        choices = []
        for index in choice_columns:
            cell = record[index].strip()
            if not cell:
                continue
            s = by_key.get(cell.lower())
            if s is None:
                valid = False
                continue
            if s in choices or sessions[s].get("exclusive") == "true":
                continue
            choices.append(s)
        limit = None
        if "max" in columns and record[columns["max"]].strip():
            cell = record[columns["max"]].strip()
            if cell.isdigit():
                limit = int(cell)
            else:
                valid = False
        if valid:
            participants.append((pid, attends, choices, limit))
    return participants


def runs_of(session):
    """Number of runs (default 1)."""
    return max(1, int(session.get("runs", "1")))


def pin_of(session, run):
    """The pin of run `run` (1-based): pins[run - 1], or `pin` for run 1 (as Session.pin(forRun:))."""
    pins = session.get("pins")
    if pins is None:
        pins = [session["pin"]] if "pin" in session else []
    return pins[run - 1] if run - 1 < len(pins) else None


class WelfareInstance:
    """What W_UB needs from an instance folder: workshop runs with their possible days and seats,
    and participants with their ranked choices."""

    def __init__(self, folder):
        folder = Path(folder)
        event = load_yaml(event_file(folder))
        self.days = event["days"]
        self.rooms = event["rooms"]
        self.sessions = event["sessions"]
        weights = event.get("weights") or {}
        self.default_limit = int(weights.get("workshops_per_participant", "3"))
        csv_path = folder / event.get("participants", "participants.csv")
        self.participants = read_participants(csv_path, self.days, self.sessions) if csv_path.exists() else []
        self.choice_counts = [0] * len(self.sessions)
        self.present = [0] * len(self.days)
        for _, attends, choices, _ in self.participants:
            for s in set(choices):
                self.choice_counts[s] += 1
            for d in attends:
                self.present[d] += 1
        self.day_index = {day["id"]: d for d, day in enumerate(self.days)}
        # Per workshop session: [(run number, possible days, seats)], runs that can be placed only.
        self.runs = {}
        for s, session in enumerate(self.sessions):
            if session.get("kind") != "workshop":
                continue
            for run in range(1, runs_of(session) + 1):
                days, seats = self.run_days_and_seats(s, run)
                if days and seats > 0:
                    self.runs.setdefault(s, []).append((run, days, seats))

    def expected_audience(self, s, day):
        """Instance.expectedAudience."""
        session = self.sessions[s]
        if "max_size" in session:
            return int(session["max_size"])
        if "audience" in session:
            return int(session["audience"])
        if session.get("exclusive") == "true":
            return self.present[day]
        runs = runs_of(session)
        return (self.choice_counts[s] + runs - 1) // runs

    def seats(self, s, room):
        """Instance.seats(ofSession:inRoom:)."""
        capacity = int(room["capacity"])
        session = self.sessions[s]
        return min(int(session["max_size"]), capacity) if "max_size" in session else capacity

    def run_days_and_seats(self, s, run):
        """The days run `run` of session s can be on, and the most seats it can offer there."""
        session = self.sessions[s]
        pin = pin_of(session, run) or {}
        if "day" in pin:
            days = {self.day_index[pin["day"]]}
        elif "start" in pin:
            days = {d for d, day in enumerate(self.days) if any(slot["start"] == pin["start"] for slot in day["slots"])}
        else:
            days = set(range(len(self.days)))
        requires = set(session.get("requires") or [])
        best, usable = 0, set()
        for d in days:
            need = self.expected_audience(s, d)
            for room in self.rooms:
                if "room" in pin and pin["room"] != room["id"]:
                    continue
                kinds = room.get("kinds")
                if int(room["capacity"]) >= need and (kinds is None or session["kind"] in kinds) \
                        and requires <= set(room.get("features") or []):
                    best = max(best, self.seats(s, room))
                    usable.add(d)
        return usable, best


def solve_welfare_bound(instance, day_binaries, time_limit):
    """W_UB with HiGHS: the LP (day_binaries False) or Atelier's integer program with a day binary
    per run that may be on several days (True). Returns a dict with value, status, seconds,
    columns, rows and how many a[p,r] are fractional."""
    import highspy
    import numpy as np
    longest = max((len(c) for _, _, c, _ in instance.participants), default=1) or 1
    costs, upper, integrality = [], [], []
    row_lower, row_upper, row_entries = [], [], []  # row_entries[i] = [(column, coefficient)]
    day_column = {}  # (session, run) → {day: column of y}
    seats_terms = {}
    a_columns = []

    def add_column(cost, ub, integer):
        costs.append(cost)
        upper.append(ub)
        integrality.append(1 if integer else 0)
        return len(costs) - 1

    if day_binaries:
        for s, runs in instance.runs.items():
            for run, days, _ in runs:
                if len(days) > 1:
                    day_column[(s, run)] = {d: add_column(0.0, 1.0, True) for d in sorted(days)}
                    row_entries.append([(c, 1.0) for c in day_column[(s, run)].values()])
                    row_lower.append(1.0)
                    row_upper.append(1.0)
    for _, attends, choices, limit in instance.participants:
        mine = []
        for rank, s in enumerate(choices, start=1):
            same_session = []
            for run, days, _ in instance.runs.get(s, []):
                if not days & attends:
                    continue
                a = add_column(float(longest + 1 - rank), 1.0, False)
                a_columns.append(a)
                if day_binaries and (s, run) in day_column and not days <= attends:
                    theirs = [c for d, c in day_column[(s, run)].items() if d in attends]
                    row_entries.append([(a, 1.0)] + [(c, -1.0) for c in theirs])
                    row_lower.append(-highspy.kHighsInf)
                    row_upper.append(0.0)
                seats_terms.setdefault((s, run), []).append(a)
                same_session.append(a)
                mine.append(a)
            if len(same_session) > 1:
                row_entries.append([(a, 1.0) for a in same_session])
                row_lower.append(-highspy.kHighsInf)
                row_upper.append(1.0)
        cap = instance.default_limit if limit is None else limit
        if len(mine) > cap:
            row_entries.append([(a, 1.0) for a in mine])
            row_lower.append(-highspy.kHighsInf)
            row_upper.append(float(cap))
    seats = {(s, run): n for s, runs in instance.runs.items() for run, _, n in runs}
    for key, terms in seats_terms.items():
        if len(terms) > seats[key]:
            row_entries.append([(a, 1.0) for a in terms])
            row_lower.append(-highspy.kHighsInf)
            row_upper.append(float(seats[key]))
    if not a_columns:
        return {"value": 0.0, "status": "empty", "seconds": 0.0, "columns": 0, "rows": 0, "fractional": 0,
                "day_binaries": len(day_column)}

    lp = highspy.HighsLp()
    lp.num_col_ = len(costs)
    lp.num_row_ = len(row_entries)
    lp.col_cost_ = np.array(costs, dtype=np.double)
    lp.col_lower_ = np.zeros(len(costs), dtype=np.double)
    lp.col_upper_ = np.array(upper, dtype=np.double)
    lp.row_lower_ = np.array(row_lower, dtype=np.double)
    lp.row_upper_ = np.array(row_upper, dtype=np.double)
    lp.sense_ = highspy.ObjSense.kMaximize
    starts, index, value = [0], [], []
    for entries in row_entries:
        for column, coefficient in entries:
            index.append(column)
            value.append(coefficient)
        starts.append(len(index))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(value, dtype=np.double)
    if day_binaries and day_column:
        lp.integrality_ = [highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous
                           for i in integrality]
    h = new_highs(time_limit)
    started = time.monotonic()
    h.passModel(lp)
    h.run()
    seconds = time.monotonic() - started
    info = h.getInfo()
    status = h.modelStatusToString(h.getModelStatus())
    result = {"status": status, "seconds": seconds, "columns": len(costs), "rows": len(row_entries),
              "day_binaries": len(day_column), "value": None, "fractional": None}
    if info.primal_solution_status == 2:
        solution = h.getSolution().col_value
        result["value"] = info.objective_function_value
        result["fractional"] = sum(1 for a in a_columns if 1e-6 < solution[a] < 1 - 1e-6)
    if day_binaries and day_column:
        result["dual_bound"] = info.mip_dual_bound
    return result


def needs_day_binaries(instance):
    """True when a run may be on several days and a participant who can get it misses some of them
    (Atelier's WelfareBound then adds day binaries)."""
    for _, attends, choices, _ in instance.participants:
        for s in choices:
            for _, days, _ in instance.runs.get(s, []):
                if len(days) > 1 and (days & attends) and not days <= attends:
                    return True
    return False


def section_wub(args, instances):
    """Section 2: the independent W_UB against Atelier's proof.participants.bound."""
    for inst in instances:
        log(f"wub: {inst['name']}")
        entry = {}
        try:
            started = time.monotonic()
            model = WelfareInstance(inst["folder"])
            entry["read_seconds"] = time.monotonic() - started
            entry["participants"] = len(model.participants)
            entry["workshop_runs"] = sum(len(r) for r in model.runs.values())
            entry["lp"] = solve_welfare_bound(model, False, args.wub_limit)
            if needs_day_binaries(model):
                entry["mip"] = solve_welfare_bound(model, True, args.wub_limit)
        except Exception as error:  # a failure line in the table, not a crash
            entry["error"] = f"{type(error).__name__}: {error}"
        atelier = atelier_figure(inst, "participants", "bound")
        if atelier is None:
            atelier = schedule_on_disk(inst, "participants", "bound")
        entry["atelier_bound"] = atelier
        reference = (entry.get("mip") or entry.get("lp") or {}).get("value")
        if reference is not None and entry.get("mip") and entry["mip"]["status"] != "Optimal":
            reference = None  # an unfinished integer program proves nothing either way
        entry["agree"] = None if reference is None or atelier is None else abs(reference - atelier) <= TOLERANCE
        inst["wub"] = entry
        log(f"  independent {reference}, Atelier {atelier}")


# ---------------------------------------------------------------------------------------------
# Section 3: HiGHS on Atelier's exported organisers' model


def new_highs(time_limit):
    """A quiet single-threaded HiGHS with a time limit."""
    import highspy
    with StdoutToStderr():
        h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("log_to_console", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("time_limit", float(time_limit))
    return h


class StdoutToStderr:
    """Sends file descriptor 1 to standard error while HiGHS prints its banner."""

    def __enter__(self):
        sys.stdout.flush()
        self.saved = os.dup(1)
        os.dup2(2, 1)

    def __exit__(self, *exc):
        sys.stdout.flush()
        os.dup2(self.saved, 1)
        os.close(self.saved)


def highs_on_model(lp_path, time_limit):
    """HiGHS on an LP file: status, incumbent, dual bound, gap, seconds (reading included)."""
    h = new_highs(time_limit)
    started = time.monotonic()
    with StdoutToStderr():
        h.readModel(str(lp_path))
        h.run()
    seconds = time.monotonic() - started
    info = h.getInfo()
    has_solution = info.primal_solution_status == 2
    return {"limit": time_limit, "seconds": seconds, "status": h.modelStatusToString(h.getModelStatus()),
            "incumbent": info.objective_function_value if has_solution else None,
            "dual_bound": info.mip_dual_bound, "gap": info.mip_gap if has_solution else None,
            "columns": h.getNumCol(), "rows": h.getNumRow()}


def atelier_figure(inst, side, key):
    """The median of proof[side][key] over this run's repeats, or None without section 1."""
    return (((inst.get("solve") or {}).get("proof") or {}).get(side) or {}).get(key, {}).get("median")


def schedule_on_disk(inst, side, key):
    """proof[side][key] from a schedule.json left by an earlier run (sections without `solve`)."""
    proof = read_proof(inst["out"] / "schedule.json").get("proof") or {}
    return (proof.get(side) or {}).get(key)


def section_highs(args, instances):
    """Section 3: HiGHS on OUT/model.lp with Atelier's wall time as limit (and 60 s on nec2022)."""
    for inst in instances:
        lp_path = inst["out"] / "model.lp"
        inst["highs"] = []
        if not lp_path.exists():
            inst["highs"].append({"error": f"no {lp_path} (run the solve section first)"})
            continue
        wall = ((inst.get("solve") or {}).get("wall") or {}).get("median")
        limits = []
        if args.highs_limit is not None:
            limits.append(args.highs_limit)
        else:
            if wall is not None:
                limits.append(round(wall, 1))
            if inst["name"] == "nec2022" or wall is None:
                limits.append(args.highs_fixed)
        for limit in limits:
            log(f"highs: {inst['name']} on {lp_path} ({limit:g} s)")
            try:
                inst["highs"].append(highs_on_model(lp_path, limit))
            except Exception as error:
                inst["highs"].append({"limit": limit, "error": f"{type(error).__name__}: {error}"})


# ---------------------------------------------------------------------------------------------
# Targets and tables


def check_targets(inst):
    """Issue 14's targets for this instance: [(target, measured text, met True/False/None)]."""
    s = inst.get("solve")
    if not s:
        return []
    wall = s["wall"]["median"]
    rss = s["rss_kib"]["median"]
    proof = s["proof"]

    def rel(side):
        return proof[side]["relative_gap"]["median"]

    def at_most(value, limit):
        return None if value is None else value <= limit + 1e-12

    targets = []
    if inst["name"] == "nec2022":
        targets.append(("end to end < 10 s", fmt_s(wall), None if wall is None else wall < 10))
        targets.append(("participants gap ≤ 0.5 %", pct(rel("participants")), at_most(rel("participants"), 0.005)))
        targets.append(("organisers gap ≤ 0.5 %", pct(rel("organisers")), at_most(rel("organisers"), 0.005)))
    elif inst["size"] == 7500:
        targets.append(("< 2 min", fmt_s(wall), None if wall is None else wall < 120))
        targets.append(("score gap ≤ 1 %", pct(rel("score")), at_most(rel("score"), 0.01)))
    elif inst["size"] == 15000:
        targets.append(("< 10 min", fmt_s(wall), None if wall is None else wall < 600))
        targets.append(("score gap ≤ 1 %", pct(rel("score")), at_most(rel("score"), 0.01)))
        targets.append(("peak RSS < 1 GiB", mib(rss), None if rss is None else rss < GIB_KIB))
    elif inst["size"] == 30000:
        bound, gap = proof["score"]["bound"]["median"], proof["score"]["gap"]["median"]
        targets.append(("score bound and gap reported", f"bound {num(bound)}, gap {num(gap)}",
                        bound is not None and gap is not None))
    return [(target, measured, bool(met)) for target, measured, met in targets]  # nothing measured: missed


def num(value, digits=2):
    """A number with thousands separators, or – for None."""
    if value is None:
        return "–"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.{digits}f}"


def pct(value):
    """A fraction as a percentage, or –."""
    return "–" if value is None else f"{value * 100:.2f} %"


def fmt_s(value):
    """Seconds, or –."""
    return "–" if value is None else f"{value:.1f} s"


def mib(kib):
    """KiB as MiB, or –."""
    return "–" if kib is None else f"{kib / 1024:.0f} MiB"


def spread_text(spread, formatter):
    """median (min–max) when there were several different values."""
    if spread["median"] is None:
        return "–"
    text = formatter(spread["median"])
    if spread["min"] != spread["max"]:
        text += f" ({formatter(spread['min'])}–{formatter(spread['max'])})"
    return text


def side_text(proof, side):
    """value / bound, gap: relative gap of one side of the proof."""
    part = proof[side]
    return (f"{spread_text(part['value'], num)} / {spread_text(part['bound'], num)}, "
            f"gap {spread_text(part['relative_gap'], pct)}")


def table(headers, rows):
    """A Markdown table."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def print_solve_table(instances, failures):
    """Section 1's table, with the targets beside each row."""
    rows = []
    for inst in instances:
        s = inst.get("solve")
        if not s:
            continue
        targets = check_targets(inst)
        for target, measured, met in targets:
            if not met:
                failures.append(f"{inst['name']}: target missed: {target} (measured {measured})")
        target_text = "; ".join(f"{t}: **{'met' if m else 'missed'}**" for t, _, m in targets) or "–"
        statuses = sorted({str(x) for x in s["statuses"]})
        proven = sorted({str(x) for x in s["proven"]})
        rows.append([inst["name"], s["repeats"], spread_text(s["wall"], fmt_s), spread_text(s["cpu"], fmt_s),
                     spread_text(s["rss_kib"], mib),
                     ",".join(str(e) for e in s["exits"]) + (" (timeout)" if s["timed_out"] else ""),
                     "/".join(statuses), "/".join(proven),
                     side_text(s["proof"], "participants"), side_text(s["proof"], "organisers"),
                     side_text(s["proof"], "score"), target_text])
    if not rows:
        return
    print("\n## atelier solve (medians over repeats, min–max when they differ)\n")
    print("Sides as value / bound, relative gap (Atelier's proof object; participants' welfare and the score "
          "maximise, organisers' penalties minimise). Wall: the whole process, --write-model included.\n")
    print(table(["instance", "runs", "wall", "CPU", "peak RSS", "exit", "status", "proven", "participants (welfare)",
                 "organisers (penalties)", "score", "targets (issue 14)"], rows))


def print_wub_table(instances, failures):
    """Section 2's table: the independent W_UB against Atelier's."""
    rows = []
    for inst in instances:
        w = inst.get("wub")
        if w is None:
            continue
        if "error" in w:
            failures.append(f"{inst['name']}: W_UB not computed: {w['error']}")
            rows.append([inst["name"], "–", "–", "–", num(w.get("atelier_bound")), "**error**", w["error"]])
            continue
        lp, mip = w["lp"], w.get("mip")
        verdict = {True: "agree", False: "**MISMATCH**", None: "not compared"}[w["agree"]]
        notes = [f"{w['participants']:,} participants, {w['workshop_runs']:,} workshop runs, "
                 f"{lp['columns']:,} columns, {lp['rows']:,} rows, LP {lp['status']} in {lp['seconds']:.2f} s"]
        if lp.get("fractional"):
            notes.append(f"{lp['fractional']} fractional a (not integral!)")
        if mip:
            notes.append(f"day-choice MIP: {mip['day_binaries']} runs with day binaries, {mip['status']} in "
                         f"{mip['seconds']:.1f} s, dual bound {num(mip.get('dual_bound'))}")
        if w["agree"] is False:
            reference = (mip or lp)["value"]
            if w["atelier_bound"] < reference:
                direction = ("independent value is higher: Atelier's model is tighter, or the approximations "
                             "(availability, durations) matter")
            else:
                direction = "Atelier's bound is above the independent optimum: Atelier's W_UB is loose or wrong"
            failures.append(f"{inst['name']}: W_UB mismatch: independent {num(reference)}, "
                            f"Atelier {num(w['atelier_bound'])} ({direction})")
        elif w["agree"] is None:
            failures.append(f"{inst['name']}: W_UB not compared (Atelier's bound "
                            f"{num(w['atelier_bound'])}, independent {num((mip or lp).get('value'))})")
        rows.append([inst["name"], num(lp["value"]), num(mip["value"]) if mip else "–",
                     f"{w['read_seconds']:.2f} s", num(w["atelier_bound"]), verdict, "; ".join(notes)])
    if rows:
        print("\n## W_UB: the time-relaxed assignment bound, computed independently (HiGHS) vs Atelier\n")
        print(table(["instance", "independent W_UB (LP)", "with day binaries (MIP)", "read files",
                     "Atelier proof.participants.bound", "verdict", "notes"], rows))


def print_highs_table(instances, failures):
    """Section 3's table: HiGHS on Atelier's exported model next to Atelier's organisers' side."""
    rows = []
    for inst in instances:
        value = atelier_figure(inst, "organisers", "value")
        bound = atelier_figure(inst, "organisers", "bound")
        if value is None and bound is None:
            value = schedule_on_disk(inst, "organisers", "value")
            bound = schedule_on_disk(inst, "organisers", "bound")
        for r in inst.get("highs", []):
            if "error" in r:
                failures.append(f"{inst['name']}: HiGHS: {r['error']}")
                rows.append([inst["name"], fmt_s(r.get("limit")), "**error**", "–", "–", "–", num(value), num(bound),
                             r["error"]])
                continue
            notes = [f"{r['columns']:,} columns, {r['rows']:,} rows, {r['seconds']:.1f} s"]
            if r["incumbent"] is not None and bound is not None and r["incumbent"] < bound - 1e-6:
                notes.append("HiGHS found a solution below Atelier's proven minimum (bound not valid for this model)")
                failures.append(f"{inst['name']}: HiGHS incumbent {num(r['incumbent'])} < Atelier's organisers' "
                                f"bound {num(bound)}")
            if r["dual_bound"] is not None and value is not None and r["dual_bound"] > value + 1e-6:
                notes.append("HiGHS proves more than Atelier's value (exported model differs from the one solved?)")
                failures.append(f"{inst['name']}: HiGHS dual bound {num(r['dual_bound'])} > Atelier's organisers' "
                                f"value {num(value)}")
            if bound is not None and r["dual_bound"] is not None:
                notes.append("Atelier's bound " + ("≥" if bound >= r["dual_bound"] - 1e-6 else "<") + " HiGHS's")
            rows.append([inst["name"], fmt_s(r["limit"]), r["status"], num(r["incumbent"]), num(r["dual_bound"]),
                         pct(r["gap"]), num(value), num(bound), "; ".join(notes)])
    if rows:
        print("\n## HiGHS 1 thread on Atelier's exported organisers' model (OUT/model.lp, minimise)\n")
        print(table(["instance", "HiGHS limit", "HiGHS status", "HiGHS incumbent", "HiGHS dual bound", "HiGHS gap",
                     "Atelier organisers value", "Atelier organisers bound", "notes"], rows))


# ---------------------------------------------------------------------------------------------
# Driver


def parse_sizes(values):
    """--sizes 7500 15000 or --sizes 7500,15000 (0 or none: nec2022 only)."""
    sizes = []
    for value in values:
        for part in value.replace(",", " ").split():
            if part.lower() not in ("0", "none"):
                sizes.append(int(part.replace("_", "")))
    return sizes


def timeout_for(size, overrides):
    """The timeout of one instance: --timeout overrides, else the defaults (the next larger size's
    default for sizes between them, 1800 s beyond 30,000)."""
    key = "nec2022" if size is None else size
    if key in overrides:
        return overrides[key]
    if size is None:
        return TIMEOUTS["nec2022"]
    for known in sorted(k for k in TIMEOUTS if k != "nec2022"):
        if size <= known:
            return TIMEOUTS[known]
    return TIMEOUTS[30000]


def parse_timeouts(text):
    """--timeout nec2022=60,7500=200 → {"nec2022": 60.0, 7500: 200.0}."""
    overrides = {}
    for item in (text or "").split(","):
        if not item.strip():
            continue
        key, value = item.split("=")
        key = key.strip()
        overrides["nec2022" if key == "nec2022" else int(key)] = float(value)
    return overrides


def prepare_instances(args):
    """nec2022 (unless --no-nec) and the generated instances, generated now into the work folder."""
    instances = []
    if not args.no_nec:
        instances.append({"name": "nec2022", "key": "nec2022", "folder": ROOT / NEC, "size": None,
                          "timeout": timeout_for(None, args.timeouts), "out": args.work / "out-nec2022"})
    for n in args.sizes:
        folder = args.work / f"gen-{n}-d{DAYS}-s{SEED}"
        if "solve" in args.sections or "wub" in args.sections:
            log(f"generate: {n:,} participants into {folder}")
            subprocess.run([str(args.atelier), "generate", "--participants", str(n), "--days", str(DAYS),
                            "--seed", str(SEED), "--out", str(folder)], check=True, stdout=subprocess.DEVNULL)
        instances.append({"name": f"generated {n:,}", "key": f"gen-{n}", "folder": folder, "size": n,
                          "timeout": timeout_for(n, args.timeouts), "out": args.work / f"out-gen-{n}"})
    return instances


def machine_header(args, load_before):
    """Date, machine, load, commit and versions, as Markdown lines."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                          text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "Sources", "Package.swift"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    version = subprocess.run([str(args.atelier), "--version"], capture_output=True, text=True).stdout.strip()
    import highspy
    with StdoutToStderr():
        highs_version = highspy.Highs().version()
    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load_after = os.getloadavg()
    return [
        f"# Atelier proof benchmark (issue 14), {datetime.now().strftime('%Y-%m-%d %H:%M')}",
        "",
        f"- Machine: {platform.machine()}, nproc {nproc}, {platform.platform()}",
        f"- Load average before: {load_before[0]:.2f} / {load_before[1]:.2f} / {load_before[2]:.2f}; "
        f"after: {load_after[0]:.2f} / {load_after[1]:.2f} / {load_after[2]:.2f}",
        f"- Atelier: commit {head or '?'}"
        + (" with uncommitted changes in Sources/ (built as found)" if dirty else "")
        + f", `{args.atelier}` (version {version or '?'})"
        + ("" if args.atelier == (ROOT / ".build/release/atelier").resolve()
           else "; a binary given with --atelier, not necessarily built from this commit"),
        f"- HiGHS {highs_version} (highspy), 1 thread; Python {platform.python_version()}",
        f"- Command: scripts/bench-proof {' '.join(sys.argv[1:])}".rstrip(),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--atelier", default=str(ROOT / ".build/release/atelier"), help="the atelier binary")
    parser.add_argument("--sections", default="solve,wub,highs", help="comma-separated: solve, wub, highs")
    parser.add_argument("--sizes", nargs="*", default=[str(n) for n in DEFAULT_SIZES],
                        help="generated sizes (participants), space- or comma-separated; 'none' for nec2022 only")
    parser.add_argument("--no-nec", action="store_true", help="leave out Instances/nec2022")
    parser.add_argument("--repeat", type=int, default=3, help="solves of nec2022 (medians over them)")
    parser.add_argument("--timeout", dest="timeouts", type=parse_timeouts, default={},
                        help="per-instance timeouts, e.g. nec2022=120,7500=300 (defaults: nec2022 120, 7500 300, "
                             "15000 900, 30000 1800 s); SIGTERM then, SIGKILL 30 s later")
    parser.add_argument("--solve-args", default="", help="extra arguments for atelier solve, e.g. '--time-limit 600'")
    parser.add_argument("--highs-limit", type=float, default=None,
                        help="HiGHS time limit for every instance (default: Atelier's wall time, plus --highs-fixed "
                             "on nec2022)")
    parser.add_argument("--highs-fixed", type=float, default=60, help="the fixed HiGHS limit on nec2022")
    parser.add_argument("--wub-limit", type=float, default=300, help="HiGHS time limit of the W_UB models")
    parser.add_argument("--work", default=str(ROOT / ".bench-work/proof"), help="instances, outputs and logs")
    parser.add_argument("--json", help="also write the raw figures to this file")
    args = parser.parse_args()
    args.sections = {s.strip() for s in args.sections.split(",") if s.strip()}
    unknown = args.sections - {"solve", "wub", "highs"}
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    args.sizes = parse_sizes(args.sizes)
    args.solve_args = args.solve_args.split()
    args.atelier = Path(args.atelier).resolve()
    args.work = Path(args.work).resolve()
    args.work.mkdir(parents=True, exist_ok=True)
    if not args.atelier.exists():
        parser.error(f"no atelier binary at {args.atelier} (swift build -c release, or --atelier PATH)")
    os.chdir(ROOT)

    load_before = os.getloadavg()
    instances = prepare_instances(args)
    if "solve" in args.sections:
        section_solve(args, instances)
    if "wub" in args.sections:
        section_wub(args, instances)
    if "highs" in args.sections:
        section_highs(args, instances)

    failures = []
    print("\n".join(machine_header(args, load_before)))
    print_solve_table(instances, failures)
    print_wub_table(instances, failures)
    print_highs_table(instances, failures)
    print("\n## Failures and missed targets\n")
    print("\n".join(f"- FAIL {f}" for f in failures) if failures else "None.")
    if args.json:
        raw = {"date": datetime.now().isoformat(timespec="seconds"), "load_before": load_before,
               "load_after": os.getloadavg(), "argv": sys.argv[1:], "failures": failures, "instances": []}
        for inst in instances:
            entry = {k: (str(v) if isinstance(v, Path) else v) for k, v in inst.items()}
            entry["targets"] = check_targets(inst)
            raw["instances"].append(entry)
        Path(args.json).write_text(json.dumps(raw, indent=1, default=str) + "\n")
        log(f"wrote {args.json}")


if __name__ == "__main__":
    main()
