import Foundation

/// Kinds as sources name them: `Talk`, `Lightning talk`, `Panel`, `Atelier`, `Table ronde`.
public enum ImportedKind {
  /// Atelier's kind for a source's type (submission type, spreadsheet cell), or `nil` when none fits.
  public static func kind(_ text: String) -> SessionKind? {
    let name = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
      .lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
    if let exact = SessionKind(rawValue: name.replacingOccurrences(of: " ", with: "_")) { return exact }
    let table: [(words: [String], kind: SessionKind)] = [
      (["lightning", "pitch", "flash", "ignite", "short pitch"], .pitch),
      (["keynote", "key note"], .keynote),
      (["plenary", "pleniere", "opening", "closing", "ouverture", "cloture"], .plenary),
      (["panel", "round table", "roundtable", "table ronde", "discussion", "debate", "debat", "fishbowl"], .roundTable),
      (["retex", "experience report", "retour d experience", "retour experience"], .retex),
      (["workshop", "atelier", "hands on", "tutorial", "training", "formation", "lab", "bof"], .workshop),
      (["talk", "lecture", "presentation", "conference", "vortrag", "session", "expose", "intervention"], .talk),
    ]
    let words = " " + name + " "
    for entry in table where entry.words.contains(where: { words.contains(" \($0) ") }) { return entry.kind }
    return nil
  }

  /// `talk, keynote, …`: the kinds, as a hint lists them.
  public static var names: String { SessionKind.allCases.map(\.rawValue).joined(separator: ", ") }
}
