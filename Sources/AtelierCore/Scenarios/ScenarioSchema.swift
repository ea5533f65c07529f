import Foundation

/// The JSON Schema (draft-07 subset, as `SchemaValidator` reads it) of a scenario file. It refers to
/// the instance schema's definitions (`id`, `time`, `window`, `pin`, `session`, `weights`, …),
/// which `ScenarioSchema.parsed` merges in, so a session or a window is checked as in `event.yaml`.
enum ScenarioSchema {
  static let json = #"""
{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://atelier.invalid/schemas/scenario-v1.json",
  "title": "Atelier what-if scenario (format atelier-scenario/1)",
  "description": "A list of changes to an instance; see docs/scenarios.md.",
  "type": "object",
  "additionalProperties": false,
  "required": ["changes"],
  "properties": {
    "format": { "type": "string", "enum": ["atelier-scenario/1"] },
    "name": { "$ref": "#/definitions/scenario_name" },
    "title": { "type": "string", "minLength": 1 },
    "description": { "type": "string" },
    "changes": { "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/change" } }
  },
  "definitions": {
    "scenario_name": {
      "title": "a scenario name (letters, digits, '.', '_' and '-', starting with a letter or digit)",
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$"
    },
    "change": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "close_room": { "$ref": "#/definitions/close_room" },
        "shrink_room": { "$ref": "#/definitions/shrink_room" },
        "add_session": { "$ref": "#/definitions/session" },
        "remove_session": { "$ref": "#/definitions/session_reference" },
        "change_session": { "$ref": "#/definitions/change_session" },
        "cancel_speaker": { "$ref": "#/definitions/speaker_reference" },
        "speaker_unavailable": { "$ref": "#/definitions/speaker_window" },
        "speaker_available": { "$ref": "#/definitions/speaker_available" },
        "pin_session": { "$ref": "#/definitions/pin_session" },
        "unpin_session": { "$ref": "#/definitions/unpin_session" },
        "add_participants": { "$ref": "#/definitions/add_participants" },
        "scale_demand": { "$ref": "#/definitions/scale_demand" },
        "set_weights": { "$ref": "#/definitions/weights" }
      }
    },
    "close_room": {
      "type": "object",
      "additionalProperties": false,
      "required": ["room"],
      "properties": {
        "room": { "$ref": "#/definitions/id" },
        "day": { "$ref": "#/definitions/id" },
        "start": { "$ref": "#/definitions/time" },
        "end": { "$ref": "#/definitions/time" }
      }
    },
    "shrink_room": {
      "type": "object",
      "additionalProperties": false,
      "required": ["room", "capacity"],
      "properties": {
        "room": { "$ref": "#/definitions/id" },
        "capacity": { "type": "integer", "minimum": 1, "maximum": 100000 }
      }
    },
    "session_reference": {
      "type": "object",
      "additionalProperties": false,
      "required": ["session"],
      "properties": { "session": { "$ref": "#/definitions/id" } }
    },
    "speaker_reference": {
      "type": "object",
      "additionalProperties": false,
      "required": ["speaker"],
      "properties": { "speaker": { "$ref": "#/definitions/id" } }
    },
    "speaker_window": {
      "type": "object",
      "additionalProperties": false,
      "required": ["speaker"],
      "properties": {
        "speaker": { "$ref": "#/definitions/id" },
        "day": { "$ref": "#/definitions/id" },
        "start": { "$ref": "#/definitions/time" },
        "end": { "$ref": "#/definitions/time" }
      }
    },
    "speaker_available": {
      "type": "object",
      "additionalProperties": false,
      "required": ["speaker", "windows"],
      "properties": {
        "speaker": { "$ref": "#/definitions/id" },
        "windows": { "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/window" } }
      }
    },
    "pin_session": {
      "type": "object",
      "additionalProperties": false,
      "required": ["session"],
      "properties": {
        "session": { "$ref": "#/definitions/id" },
        "run": { "type": "integer", "minimum": 1, "maximum": 100 },
        "day": { "$ref": "#/definitions/id" },
        "start": { "$ref": "#/definitions/time" },
        "room": { "$ref": "#/definitions/id" }
      }
    },
    "unpin_session": {
      "type": "object",
      "additionalProperties": false,
      "required": ["session"],
      "properties": {
        "session": { "$ref": "#/definitions/id" },
        "run": { "type": "integer", "minimum": 1, "maximum": 100 }
      }
    },
    "add_participants": {
      "type": "object",
      "additionalProperties": false,
      "required": ["count"],
      "properties": {
        "count": { "type": "integer", "minimum": 1, "maximum": 1000000 },
        "seed": { "type": "integer", "minimum": 0 },
        "days": { "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/id" } },
        "id_prefix": { "$ref": "#/definitions/id" }
      }
    },
    "scale_demand": {
      "type": "object",
      "additionalProperties": false,
      "required": ["factor"],
      "properties": {
        "factor": { "type": "number", "minimum": 0.01, "maximum": 10 },
        "seed": { "type": "integer", "minimum": 0 }
      }
    }
  }
}
"""#

  /// The scenario schema with the instance schema's definitions merged in (the scenario's win).
  static let parsed: (root: JSONSchema, definitions: [String: JSONSchema])? = standaloneJSON().flatMap(JSONSchema.parse)

  /// A standalone copy for editors (`docs/scenario.schema.json`): this schema plus the instance
  /// schema's definitions, as one JSON document with sorted keys.
  static func standaloneJSON() -> String? {
    guard let scenario = object(json), let instance = object(InstanceSchema.json) else { return nil }
    let instanceDefinitions = instance["definitions"] as? [String: Any] ?? [:]
    var definitions = instanceDefinitions.merging(scenario["definitions"] as? [String: Any] ?? [:]) { _, own in own }
    definitions["change_session"] = changeSession(from: instanceDefinitions["session"] as? [String: Any])
    var merged = scenario
    merged["definitions"] = definitions
    guard
      let data = try? JSONSerialization.data(
        withJSONObject: merged, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    else { return nil }
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// `change_session`: the instance's session, named by `session` instead of `id`, every other
  /// field optional; derived so that the two never disagree.
  private static func changeSession(from session: [String: Any]?) -> [String: Any]? {
    guard var change = session, var properties = change["properties"] as? [String: Any] else { return nil }
    properties["id"] = nil
    properties["session"] = ["$ref": "#/definitions/id"]
    change["properties"] = properties
    change["required"] = ["session"]
    return change
  }

  private static func object(_ text: String) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
  }
}

extension SchemaValidator {
  /// A validator for another schema than the instance's (scenario files).
  init(schema: (root: JSONSchema, definitions: [String: JSONSchema]), file: String) {
    self.root = schema.root
    self.definitions = schema.definitions
    self.file = file
  }
}
