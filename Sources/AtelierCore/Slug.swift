import Foundation

/// Lower-case ASCII slugs for identifiers in formats that demand them (frab acronyms and
/// slugs) and for the ids `atelier import` makes of names.
public enum Slug {
  /// `Numérique en Commun[s] 2022` → `numerique-en-commun-s-2022`; empty when nothing is left.
  public static func make(_ text: String) -> String {
    let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
    var slug = ""
    var pendingDash = false
    for scalar in folded.lowercased().unicodeScalars {
      switch scalar {
      case "a"..."z", "0"..."9":
        if pendingDash && !slug.isEmpty { slug.append("-") }
        pendingDash = false
        slug.unicodeScalars.append(scalar)
      default:
        pendingDash = true
      }
    }
    return slug
  }
}
