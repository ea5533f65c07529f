import AtelierCore
import Crypto
import Foundation

/// Turns user-provided ids into safe file-name components.
public enum FileName {
  /// A file-name component for `id`: ids made only of `A-Z a-z 0-9 . _ -` (not starting with a
  /// dot, at most 100 characters) are kept as they are; anything else is replaced by `_` and
  /// followed by 8 hex digits of the id's SHA-256, so that two different ids never share a name.
  /// The result never contains `/`, never starts with `.`, and is never empty.
  ///
  /// Windows' reserved device names (`CON`, `PRN`, `AUX`, `NUL`, `COM1`–`COM9`, `LPT1`–`LPT9`, in
  /// any case, with any extension: `AUX.txt` is reserved too) are never produced: such an id gets
  /// a leading `_` and the hash (`_CON-1b2c3d4e`), so the files unzip and open on Windows.
  public static func component(for id: String) -> String {
    if isSafe(id) { return id }
    var cleaned = ""
    for scalar in id.unicodeScalars.prefix(100) {
      cleaned.unicodeScalars.append(isSafeScalar(scalar) ? scalar : "_")
    }
    while cleaned.hasPrefix(".") { cleaned.removeFirst() }
    if isReservedOnWindows(cleaned) { cleaned = "_" + cleaned }
    let digest = SHA256.hash(data: Data(id.utf8)).prefix(4).map { String(format: "%02x", $0) }.joined()
    return cleaned.isEmpty ? digest : "\(cleaned)-\(digest)"
  }

  /// Whether Windows reserves `name` for a device: its part before the first `.`, without trailing
  /// spaces, is `CON`, `PRN`, `AUX`, `NUL`, `COM1`–`COM9` or `LPT1`–`LPT9`, in any case.
  public static func isReservedOnWindows(_ name: String) -> Bool {
    var stem = name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
    while stem.hasSuffix(" ") { stem.removeLast() }
    let upper = stem.uppercased()
    if ["CON", "PRN", "AUX", "NUL"].contains(upper) { return true }
    guard upper.count == 4, upper.hasPrefix("COM") || upper.hasPrefix("LPT"), let digit = upper.last else { return false }
    return ("1"..."9").contains(digit)
  }

  /// Whether a relative path is safe to join under an output folder (what every renderer returns).
  public static func isSafePath(_ path: String) -> Bool {
    guard !path.isEmpty, !path.hasPrefix("/") else { return false }
    return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { part in
      !part.isEmpty && !part.hasPrefix(".") && part.unicodeScalars.allSatisfy(isSafeScalar)
        && !isReservedOnWindows(String(part))
    }
  }

  static func isSafe(_ id: String) -> Bool {
    !id.isEmpty && id.unicodeScalars.count <= 100 && !id.hasPrefix(".")
      && id.unicodeScalars.allSatisfy(isSafeScalar) && !isReservedOnWindows(id)
  }

  static func isSafeScalar(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "A"..."Z", "a"..."z", "0"..."9", ".", "_", "-": true
    default: false
    }
  }
}
