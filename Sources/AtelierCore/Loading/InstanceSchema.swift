/// The JSON Schema (draft-07) of `event.yaml`, the one source of the structural rules.
///
/// `docs/instance.schema.json` is an identical copy for editors (a test keeps them equal).
enum InstanceSchema {
  static let json = #"""
{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://atelier.invalid/schemas/instance-v1.json",
  "title": "Atelier event (instance format v1)",
  "description": "event.yaml / event.json of an Atelier instance folder; see docs/instance-format.md.",
  "type": "object",
  "additionalProperties": false,
  "required": ["name", "time_zone", "days", "rooms", "sessions"],
  "properties": {
    "format": { "description": "Format version.", "type": "string", "enum": ["atelier/1"] },
    "name": { "description": "Name of the event.", "type": "string", "minLength": 1 },
    "time_zone": { "description": "IANA time zone of every time in the file, such as Europe/Paris.", "type": "string", "minLength": 1 },
    "venue": { "description": "Where the event takes place.", "type": "string" },
    "changeover_minutes": { "description": "Minutes a room needs between two sessions (default 0).", "type": "integer", "minimum": 0, "maximum": 240 },
    "seat_coverage": { "description": "Share of the participants present who must find a seat in every slot (default 1).", "type": "number", "minimum": 0, "maximum": 1 },
    "participants": {
      "description": "Participants file, relative to the instance folder (default participants.csv when present); or {file, id, days, choices, max_workshops} naming the columns that hold each field.",
      "type": ["string", "object"],
      "minLength": 1,
      "additionalProperties": false,
      "properties": {
        "file": { "description": "Participants file, relative to the instance folder.", "type": "string", "minLength": 1 },
        "id": { "description": "Heading of the participant id column.", "type": "string", "minLength": 1 },
        "days": { "description": "Heading of the days column.", "type": "string", "minLength": 1 },
        "choices": { "description": "Headings of the choice columns, most wanted first ([] when the file holds no choices).", "type": "array", "items": { "type": "string", "minLength": 1 } },
        "max_workshops": { "description": "Heading of the max_workshops column.", "type": "string", "minLength": 1 },
        "anywhere": { "description": "Heading of the seat-me-anywhere column (yes/no).", "type": "string", "minLength": 1 },
        "attendance": { "description": "Heading of the attendance column (in_person or online).", "type": "string", "minLength": 1 },
        "preferences": { "description": "What columns named after workshops hold: ranks (1 = most wanted, equal numbers tie; default) or scores (0-10, must, maybe).", "type": "string", "enum": ["ranks", "scores"] }
      }
    },
    "features": { "description": "The room-feature vocabulary.", "type": "array", "items": { "$ref": "#/definitions/feature" } },
    "days": { "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/day" } },
    "rooms": { "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/room" } },
    "tracks": { "type": "array", "items": { "$ref": "#/definitions/track" } },
    "speakers": { "type": "array", "items": { "$ref": "#/definitions/speaker" } },
    "sessions": { "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/session" } },
    "weights": { "$ref": "#/definitions/weights" },
    "min_size": { "description": "Default smallest group of every workshop run (0: none).", "type": "integer", "minimum": 0, "maximum": 100000 },
    "seat_anywhere": { "description": "Default of each participant's 'seat me anywhere for the rest' (default false).", "type": "boolean" },
    "max_workshops": { "description": "every_slot: each participant whose row gives no number sits in exactly one workshop run in every slot of their days where one runs (a number goes in weights.workshops_per_participant).", "type": "string", "enum": ["every_slot"] },
    "attendance": { "description": "Default attendance of each participant whose row gives none: in_person (default) or online (no room seat; streamed sessions only).", "type": "string", "enum": ["in_person", "online"] },
    "min_size_policy": { "description": "cancel (a run below its minimum does not take place; default) or hard (every run reaches it).", "type": "string", "enum": ["cancel", "hard"] }
  },
  "definitions": {
    "id": {
      "title": "an id (no spaces, and none of | + , ;)",
      "type": "string",
      "pattern": "^[^\\s|+,;]+$"
    },
    "time": {
      "title": "a time of day HH:MM",
      "type": "string",
      "pattern": "^(([01]?[0-9]|2[0-3]):[0-5][0-9]|24:00)$"
    },
    "date": {
      "title": "a date YYYY-MM-DD",
      "type": "string",
      "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    },
    "kind": {
      "type": "string",
      "enum": ["plenary", "keynote", "talk", "round_table", "workshop", "pitch", "retex"]
    },
    "feature": {
      "type": "object",
      "additionalProperties": false,
      "required": ["id"],
      "properties": {
        "id": { "$ref": "#/definitions/id" },
        "description": { "type": "string" }
      }
    },
    "slot": {
      "type": "object",
      "additionalProperties": false,
      "required": ["start", "end"],
      "properties": {
        "start": { "$ref": "#/definitions/time" },
        "end": { "$ref": "#/definitions/time" },
        "seat_coverage": { "description": "Share of those present who need a seat in this slot, overriding the event's seat_coverage (0 for a meal slot).", "type": "number", "minimum": 0, "maximum": 1 }
      }
    },
    "break": {
      "type": "object",
      "additionalProperties": false,
      "required": ["start", "end"],
      "properties": {
        "title": { "type": "string" },
        "start": { "$ref": "#/definitions/time" },
        "end": { "$ref": "#/definitions/time" },
        "rooms": { "description": "Rooms that take the break (default: every room); runs in other rooms may run through it.", "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/id" } },
        "kinds": { "description": "Session kinds that take the break (default: every kind); runs of other kinds may run through it.", "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/kind" } }
      }
    },
    "day": {
      "type": "object",
      "additionalProperties": false,
      "required": ["id", "date", "slots"],
      "properties": {
        "id": { "$ref": "#/definitions/id" },
        "date": { "$ref": "#/definitions/date" },
        "label": { "type": "string" },
        "slots": { "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/slot" } },
        "breaks": { "type": "array", "items": { "$ref": "#/definitions/break" } }
      }
    },
    "window": {
      "type": "object",
      "additionalProperties": false,
      "required": ["day"],
      "properties": {
        "day": { "$ref": "#/definitions/id" },
        "start": { "$ref": "#/definitions/time" },
        "end": { "$ref": "#/definitions/time" }
      }
    },
    "windows": { "type": "array", "items": { "$ref": "#/definitions/window" } },
    "ids": { "type": "array", "items": { "$ref": "#/definitions/id" } },
    "room": {
      "type": "object",
      "additionalProperties": false,
      "required": ["id", "capacity"],
      "properties": {
        "id": { "$ref": "#/definitions/id" },
        "name": { "type": "string" },
        "capacity": { "type": "integer", "minimum": 1, "maximum": 100000 },
        "features": { "$ref": "#/definitions/ids" },
        "kinds": { "type": "array", "items": { "$ref": "#/definitions/kind" } },
        "available": { "$ref": "#/definitions/windows" },
        "unavailable": { "$ref": "#/definitions/windows" }
      }
    },
    "track": {
      "type": "object",
      "additionalProperties": false,
      "required": ["id"],
      "properties": {
        "id": { "$ref": "#/definitions/id" },
        "name": { "type": "string" },
        "color": { "title": "a colour #rrggbb", "type": "string", "pattern": "^#[0-9A-Fa-f]{6}$" },
        "blocks": { "description": "Session blocks: a room during a block of consecutive slots holds this track's runs only (rule H16); a speaker's runs of such tracks in one block share a room (rule H17). Default false.", "type": "boolean" },
        "similar": { "description": "Tracks whose runs are never in the same block as this one's (rule H18).", "type": "array", "items": { "$ref": "#/definitions/id" } },
        "preferred_rooms": { "description": "Rooms the track's runs should be in; a run elsewhere costs weights.room_preference_missed.", "type": "array", "items": { "$ref": "#/definitions/id" } }
      }
    },
    "speaker": {
      "type": "object",
      "additionalProperties": false,
      "required": ["id"],
      "properties": {
        "id": { "$ref": "#/definitions/id" },
        "name": { "type": "string" },
        "available": { "$ref": "#/definitions/windows" },
        "unavailable": { "$ref": "#/definitions/windows" },
        "min_pause_minutes": { "type": "integer", "minimum": 0, "maximum": 1440 }
      }
    },
    "pin": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "day": { "$ref": "#/definitions/id" },
        "start": { "$ref": "#/definitions/time" },
        "room": { "$ref": "#/definitions/id" }
      }
    },
    "session": {
      "type": "object",
      "additionalProperties": false,
      "required": ["id", "title", "kind", "duration"],
      "properties": {
        "id": { "$ref": "#/definitions/id" },
        "title": { "type": "string", "minLength": 1 },
        "kind": { "$ref": "#/definitions/kind" },
        "duration": { "description": "Minutes.", "type": "integer", "minimum": 5, "maximum": 1440 },
        "speakers": { "$ref": "#/definitions/ids" },
        "track": { "$ref": "#/definitions/id" },
        "requires": { "$ref": "#/definitions/ids" },
        "audience": { "type": "integer", "minimum": 0, "maximum": 1000000 },
        "max_size": { "type": "integer", "minimum": 1, "maximum": 100000 },
        "min_size": { "description": "Smallest group a run takes place with (workshops; 0: none).", "type": "integer", "minimum": 0, "maximum": 100000 },
        "runs": { "type": "integer", "minimum": 1, "maximum": 100 },
        "parallel_runs": { "description": "Runs may take place at the same time, in different rooms (sessions without speakers; default false).", "type": "boolean" },
        "overflow_rooms": { "description": "Rooms each run is also streamed into: taken while it runs; their seats add to its room's.", "type": "array", "items": { "$ref": "#/definitions/id" } },
        "streamed": { "description": "Online attendees may follow it: they take no room seat (default false).", "type": "boolean" },
        "online_seats": { "description": "Online attendees a run takes at most (streamed workshops; default: no limit).", "type": "integer", "minimum": 0, "maximum": 1000000 },
        "stream_url": { "description": "Where the stream is watched (in the online attendees' calendars).", "type": "string", "minLength": 1 },
        "exclusive": { "type": "boolean" },
        "pin": { "$ref": "#/definitions/pin" },
        "pins": { "type": "array", "items": { "$ref": "#/definitions/pin" } },
        "after": { "$ref": "#/definitions/ids" },
        "before": { "description": "Sessions that start only after every run of this one ends (the mirror of after).", "type": "array", "items": { "$ref": "#/definitions/id" } },
        "same_slot": { "description": "Sessions whose runs start at the same times as this one's, in other rooms (rule H13).", "type": "array", "items": { "$ref": "#/definitions/id" } },
        "different_slot": { "description": "Sessions no run of which overlaps a run of this one (rule H14).", "type": "array", "items": { "$ref": "#/definitions/id" } },
        "same_day": { "description": "Sessions that run on the same days as this one (rule H15).", "type": "array", "items": { "$ref": "#/definitions/id" } },
        "prefer": { "$ref": "#/definitions/windows" },
        "avoid": { "$ref": "#/definitions/windows" },
        "description": { "type": "string" }
      }
    },
    "weights": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "co_choice_conflict": { "type": "number", "minimum": 0, "maximum": 1000 },
        "track_parallel": { "type": "number", "minimum": 0, "maximum": 1000 },
        "empty_seats": { "type": "number", "minimum": 0, "maximum": 1000 },
        "track_room_change": { "type": "number", "minimum": 0, "maximum": 1000 },
        "speaker_makespan": { "type": "number", "minimum": 0, "maximum": 1000 },
        "preference_missed": { "type": "number", "minimum": 0, "maximum": 1000 },
        "avoided_time": { "type": "number", "minimum": 0, "maximum": 1000 },
        "room_preference_missed": { "description": "Per run outside its track's preferred_rooms (default 2).", "type": "number", "minimum": 0, "maximum": 1000 },
        "workshops_per_participant": { "type": "integer", "minimum": 0, "maximum": 50 },
        "anywhere": { "description": "Welfare of a seat anywhere (a workshop not chosen; default 0.5).", "type": "number", "minimum": 0, "maximum": 1000 },
        "ranks": { "description": "Welfare of a seat per rank, rank 1 first (default L + 1 - k).", "type": "array", "minItems": 1, "maxItems": 100, "items": { "type": "number", "minimum": 0, "maximum": 1000 } }
      }
    }
  }
}
"""#
}
