/// Text from the input as people will see it in an output: characters that change how the
/// surrounding text is displayed, without being seen themselves, are taken out.
///
/// - Bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) reorder what
///   follows them: `gnp.exe` after U+202E displays as `exe.png`. They are removed; right-to-left
///   names still display right to left (the Unicode algorithm orders them without controls).
/// - NEL (U+0085) is a line break to some readers and invisible to others: it becomes a space
///   (each format's own escaping turns real line breaks into its line breaks).
public enum DisplayText {
  public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }

  /// `text` without bidirectional controls, NEL as a space.
  public static func neutralised(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { isBidiControl($0) || $0 == "\u{85}" }) else { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars where !isBidiControl(scalar) {
      out.append(scalar == "\u{85}" ? " " : scalar)
    }
    return String(out)
  }
}
