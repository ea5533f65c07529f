import AtelierCore
import Foundation

/// Track colours for the HTML pages: the track's own `#rrggbb` when it has a valid one, else a
/// fixed palette by track position (the same colours on every run). Text never sits on an
/// arbitrary colour: cards use a light tint of it under near-black text, and the track chip
/// takes black or white text, whichever contrasts more with the full colour (at least 4.58:1,
/// WCAG AA for normal text, for any colour).
enum TrackPalette {
  /// Distinct hues, readable as stripes on white; from the Tableau 10 palette.
  static let palette = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
  ]
  /// Text on cards (and everywhere else on the page).
  static let text = "#1a1a1a"

  struct Colours: Sendable, Hashable {
    /// The track colour (stripes, chip background).
    var base: String
    /// A light tint of it: the card background.
    var tint: String
    /// `#000000` or `#ffffff`: chip text on `base`.
    var onBase: String
  }

  static func colours(for track: Track, at index: Int) -> Colours {
    let base = track.color.flatMap(FrabDocument.hexColor) ?? palette[index % palette.count]
    let rgb = components(base) ?? (0.5, 0.5, 0.5)
    // 15 % colour over white: luminance ≥ 0.72 even for black, ≥ 12:1 against `text`.
    let tint = (rgb.0 * 0.15 + 0.85, rgb.1 * 0.15 + 0.85, rgb.2 * 0.15 + 0.85)
    let black = contrast(luminance(rgb), 0)
    let white = contrast(luminance(rgb), 1)
    return Colours(base: base, tint: hex(tint), onBase: black >= white ? "#000000" : "#ffffff")
  }

  /// `#rrggbb` to sRGB components in 0...1.
  static func components(_ hex: String) -> (Double, Double, Double)? {
    guard let value = FrabDocument.hexColor(hex).flatMap({ Int($0.dropFirst(), radix: 16) }) else { return nil }
    return (Double(value >> 16 & 0xff) / 255, Double(value >> 8 & 0xff) / 255, Double(value & 0xff) / 255)
  }

  static func hex(_ rgb: (Double, Double, Double)) -> String {
    func byte(_ x: Double) -> String { String(Int((min(1, max(0, x)) * 255).rounded()), radix: 16).leftPadded(to: 2) }
    return "#" + byte(rgb.0) + byte(rgb.1) + byte(rgb.2)
  }

  /// WCAG 2 relative luminance.
  static func luminance(_ rgb: (Double, Double, Double)) -> Double {
    func linear(_ c: Double) -> Double { c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
    return 0.2126 * linear(rgb.0) + 0.7152 * linear(rgb.1) + 0.0722 * linear(rgb.2)
  }

  /// WCAG 2 contrast ratio of two luminances (1...21).
  static func contrast(_ a: Double, _ b: Double) -> Double { (max(a, b) + 0.05) / (min(a, b) + 0.05) }

  static func contrast(_ a: String, _ b: String) -> Double {
    contrast(luminance(components(a) ?? (0, 0, 0)), luminance(components(b) ?? (0, 0, 0)))
  }
}
