extension Int {
  /// `value` truncated towards zero and clamped into `Int`'s range; NaN gives 0. `Int(_:)` traps
  /// on NaN, on infinities and beyond ±2^63 ("Double value cannot be converted to Int"), which
  /// outputs must never do, whatever the numbers they print.
  public init(saturating value: Double) {
    if value.isNaN {
      self = 0
    } else if value >= 9_223_372_036_854_775_808 {  // 2^63
      self = .max
    } else if value <= -9_223_372_036_854_775_808 {
      self = .min
    } else {
      self = Int(value)
    }
  }
}
