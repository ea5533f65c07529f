import Crypto
import Foundation

/// Name-based UUIDs (RFC 4122 version 5: SHA-1 of a namespace and a name), so identifiers stay the
/// same across re-solves and machines. `uuid.uuid5(uuid.NAMESPACE_URL, name)` in Python gives the same.
enum StableUUID {
  /// RFC 4122's URL namespace, `6ba7b811-9dad-11d1-80b4-00c04fd430c8`.
  static let urlNamespace: [UInt8] = [
    0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8,
  ]

  /// Lower-case `8-4-4-4-12` UUID v5 of `name` in the URL namespace.
  static func v5(_ name: String) -> String {
    var hasher = Insecure.SHA1()
    hasher.update(data: urlNamespace)
    hasher.update(data: Data(name.utf8))
    var bytes = Array(hasher.finalize().prefix(16))
    bytes[6] = (bytes[6] & 0x0F) | 0x50
    bytes[8] = (bytes[8] & 0x3F) | 0x80
    let hex = bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
    return parts.joined(separator: "-")
  }
}
