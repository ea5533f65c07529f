import AtelierCore
import Crypto
import Foundation

/// Turns user-provided ids into safe file-name components.
public enum FileName {
  /// A file-name component for `id`: ids made only of `A-Z a-z 0-9 . _ -` (not starting with a
  /// dot, at most 100 characters) are kept as they are; anything else is replaced by `_` and
  /// followed by 8 hex digits of the id's SHA-256, so that two different ids never share a name.
  /// The result never contains `/`, never starts with `.`, and is never empty.
  public static func component(for id: String) -> String {
    if isSafe(id) { return id }
    var cleaned = ""
    for scalar in id.unicodeScalars.prefix(100) {
      cleaned.unicodeScalars.append(isSafeScalar(scalar) ? scalar : "_")
    }
    while cleaned.hasPrefix(".") { cleaned.removeFirst() }
    let digest = SHA256.hash(data: Data(id.utf8)).prefix(4).map { String(format: "%02x", $0) }.joined()
    return cleaned.isEmpty ? digest : "\(cleaned)-\(digest)"
  }

  /// Whether a relative path is safe to join under an output folder (what every renderer returns).
  public static func isSafePath(_ path: String) -> Bool {
    guard !path.isEmpty, !path.hasPrefix("/") else { return false }
    return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { part in
      !part.isEmpty && !part.hasPrefix(".") && part.unicodeScalars.allSatisfy(isSafeScalar)
    }
  }

  static func isSafe(_ id: String) -> Bool {
    !id.isEmpty && id.unicodeScalars.count <= 100 && !id.hasPrefix(".")
      && id.unicodeScalars.allSatisfy(isSafeScalar)
  }

  static func isSafeScalar(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "A"..."Z", "a"..."z", "0"..."9", ".", "_", "-": true
    default: false
    }
  }
}

/// Lower-case ASCII slugs for identifiers in formats that demand them (frab acronyms and slugs).
enum Slug {
  /// `Numérique en Commun[s] 2022` → `numerique-en-commun-s-2022`; empty when nothing is left.
  static func make(_ text: String) -> String {
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
