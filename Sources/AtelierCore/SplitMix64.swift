/// A small seedable pseudo-random generator (SplitMix64, Steele, Lea & Flood 2014).
///
/// Swift's standard library has no seedable generator (`SystemRandomNumberGenerator` cannot be
/// seeded), and the stdlib's `random(in:using:)` algorithms may change between Swift versions, so the
/// generator draws integers and doubles with its own helpers: the same seed gives the same instance
/// on every platform and toolchain.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform integer in `0..<bound` (multiply-high; the bias is below 2⁻³² for our bounds).
  public mutating func int(below bound: Int) -> Int {
    guard bound > 1 else { return 0 }
    return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
  }

  /// A uniform integer in `range`.
  public mutating func int(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + int(below: range.upperBound - range.lowerBound + 1)
  }

  /// A uniform double in `[0, 1)`.
  public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

  /// `true` with probability `p`.
  public mutating func chance(_ p: Double) -> Bool { unit() < p }

  /// One element, uniformly (the array must not be empty).
  public mutating func pick<T>(_ items: [T]) -> T { items[int(below: items.count)] }

  /// Fisher–Yates shuffle with this generator.
  public mutating func shuffle<T>(_ items: inout [T]) {
    guard items.count > 1 else { return }
    for i in stride(from: items.count - 1, to: 0, by: -1) {
      items.swapAt(i, int(below: i + 1))
    }
  }
}
