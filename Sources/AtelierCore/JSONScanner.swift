/// A JSON syntax checker that says where the first error is (Foundation's decoder does not), and
/// where each value starts by key path (`runs[3].room`), so diagnostics get a line and column.
///
/// Iterative, with a nesting limit, so no input can exhaust the stack.
struct JSONScanner {
  struct Position: Hashable, Sendable {
    var line: Int
    var column: Int
  }

  struct SyntaxError: Error, Sendable {
    var message: String
    var position: Position
  }

  let bytes: [UInt8]
  let maxDepth: Int

  init(_ bytes: [UInt8], maxDepth: Int = 64) {
    self.bytes = bytes
    self.maxDepth = maxDepth
  }

  /// The first syntax error, or `nil` when the text is one well-formed JSON value.
  func firstError() -> SyntaxError? {
    switch scan(recordingDepth: -1) {
    case .failure(let error): error
    case .success: nil
    }
  }

  /// Where each value at most `depth` levels deep starts, by key path; `nil` when the text is not JSON.
  func positions(depth: Int = 3) -> [String: Position]? {
    switch scan(recordingDepth: depth) {
    case .failure: nil
    case .success(let offsets): positions(of: offsets)
    }
  }

  /// Line and column of many offsets in one pass over the text.
  private func positions(of offsets: [String: Int]) -> [String: Position] {
    let ordered = offsets.sorted { $0.value < $1.value }
    var result: [String: Position] = [:]
    result.reserveCapacity(ordered.count)
    var line = 1
    var column = 1
    var i = 0
    for (path, offset) in ordered {
      while i < offset && i < bytes.count {
        if bytes[i] == 0x0A {
          line += 1
          column = 1
        } else if bytes[i] & 0xC0 != 0x80 {
          column += 1
        }
        i += 1
      }
      result[path] = Position(line: line, column: column)
    }
    return result
  }

  func position(of offset: Int) -> Position {
    var line = 1
    var column = 1
    var i = 0
    while i < offset && i < bytes.count {
      if bytes[i] == 0x0A {
        line += 1
        column = 1
      } else if bytes[i] & 0xC0 != 0x80 {
        column += 1  // count characters (scalars), not UTF-8 continuation bytes
      }
      i += 1
    }
    return Position(line: line, column: column)
  }

  private enum Expect { case value, valueOrClose, keyOrClose, key, colon, commaOrClose }

  private struct Frame {
    var isObject: Bool
    var prefix: String
    var index: Int
  }

  private func scan(recordingDepth: Int) -> Result<[String: Int], SyntaxError> {
    var offsets: [String: Int] = [:]
    var stack: [Frame] = []
    var expect = Expect.value
    var pendingPath = ""
    var i = 0
    let n = bytes.count
    func fail(_ message: String, at offset: Int) -> Result<[String: Int], SyntaxError> {
      .failure(SyntaxError(message: message, position: position(of: offset)))
    }
    func join(_ prefix: String, _ key: String) -> String { prefix.isEmpty ? key : prefix + "." + key }

    while true {
      while i < n, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
      if i == n {
        if stack.isEmpty && expect == .commaOrClose { return .success(offsets) }
        return fail(n == 0 ? "the file is empty" : "unexpected end of file", at: n)
      }
      let c = bytes[i]
      switch expect {
      case .value, .valueOrClose:
        if expect == .valueOrClose && c == UInt8(ascii: "]") {
          stack.removeLast()
          expect = .commaOrClose
          i += 1
          continue
        }
        if expect == .valueOrClose, var top = stack.popLast() {
          // First element of an array.
          pendingPath = top.prefix + "[\(top.index)]"
          top.index += 1
          stack.append(top)
        } else if expect == .value, var top = stack.popLast() {
          if !top.isObject {
            pendingPath = top.prefix + "[\(top.index)]"
            top.index += 1
          }
          stack.append(top)
        }
        if stack.count <= recordingDepth, !pendingPath.isEmpty, offsets[pendingPath] == nil {
          offsets[pendingPath] = i
        }
        switch c {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
          guard stack.count < maxDepth else { return fail("nesting deeper than \(maxDepth) levels", at: i) }
          stack.append(Frame(isObject: c == UInt8(ascii: "{"), prefix: pendingPath, index: 0))
          expect = c == UInt8(ascii: "{") ? .keyOrClose : .valueOrClose
          i += 1
        case UInt8(ascii: "\""):
          switch scanString(from: i) {
          case .failure(let error): return .failure(error)
          case .success(let end): i = end
          }
          expect = .commaOrClose
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
          guard let end = scanNumber(from: i) else { return fail("malformed number", at: i) }
          if let problem = Self.rangeProblem(bytes[i..<end]) { return fail(problem, at: i) }
          i = end
          expect = .commaOrClose
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
          let word: [UInt8] =
            c == UInt8(ascii: "t")
            ? Array("true".utf8) : c == UInt8(ascii: "f") ? Array("false".utf8) : Array("null".utf8)
          guard i + word.count <= n, Array(bytes[i..<(i + word.count)]) == word else {
            return fail("unexpected text; expected a value", at: i)
          }
          i += word.count
          expect = .commaOrClose
        default:
          return fail("unexpected \(describe(c)); expected a value", at: i)
        }
      case .keyOrClose, .key:
        if expect == .keyOrClose && c == UInt8(ascii: "}") {
          stack.removeLast()
          expect = .commaOrClose
          i += 1
        } else if c == UInt8(ascii: "\"") {
          switch scanString(from: i) {
          case .failure(let error): return .failure(error)
          case .success(let end):
            let key = String(decoding: bytes[(i + 1)..<(end - 1)], as: UTF8.self)
            pendingPath = join(stack.last?.prefix ?? "", key)
            i = end
          }
          expect = .colon
        } else {
          return fail("unexpected \(describe(c)); expected a quoted key", at: i)
        }
      case .colon:
        guard c == UInt8(ascii: ":") else {
          return fail("unexpected \(describe(c)); expected ':' after the key", at: i)
        }
        expect = .value
        i += 1
      case .commaOrClose:
        guard let top = stack.last else { return fail("unexpected text after the end of the document", at: i) }
        if c == UInt8(ascii: ",") {
          expect = top.isObject ? .key : .value
          i += 1
        } else if (top.isObject && c == UInt8(ascii: "}")) || (!top.isObject && c == UInt8(ascii: "]")) {
          stack.removeLast()
          expect = .commaOrClose
          i += 1
        } else {
          return fail("unexpected \(describe(c)); expected ',' or '\(top.isObject ? "}" : "]")'", at: i)
        }
      }
    }
  }

  private func describe(_ c: UInt8) -> String {
    c >= 0x21 && c < 0x7F ? "'\(Character(UnicodeScalar(c)))'" : "character"
  }

  /// The offset just past the closing quote of the string opening at `start`.
  private func scanString(from start: Int) -> Result<Int, SyntaxError> {
    var i = start + 1
    let n = bytes.count
    while i < n {
      let c = bytes[i]
      if c == UInt8(ascii: "\"") { return .success(i + 1) }
      if c == UInt8(ascii: "\\") {
        guard i + 1 < n else { break }
        let e = bytes[i + 1]
        if e == UInt8(ascii: "u") {
          guard i + 6 <= n, bytes[(i + 2)..<(i + 6)].allSatisfy({ Self.isHex($0) }) else {
            return .failure(SyntaxError(message: "malformed \\u escape", position: position(of: i)))
          }
          i += 6
          continue
        }
        guard Array("\"\\/bfnrt".utf8).contains(e) else {
          return .failure(SyntaxError(message: "unknown escape in a string", position: position(of: i)))
        }
        i += 2
        continue
      }
      if c < 0x20 {
        return .failure(
          SyntaxError(message: "a string runs past the end of its line (missing '\"'?)", position: position(of: start)))
      }
      i += 1
    }
    return .failure(SyntaxError(message: "a string opened here is never closed", position: position(of: start)))
  }

  /// `number out of range` for a whole number beyond 64 bits or a number beyond a Double
  /// (`1e999`): Foundation's decoder refuses them as "not valid JSON", with no position.
  private static func rangeProblem(_ token: ArraySlice<UInt8>) -> String? {
    let text = String(decoding: token, as: UTF8.self)
    let shown = text.count > 24 ? text.prefix(24) + "…" : Substring(text)
    let isInteger = !token.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    if isInteger, Int64(text) == nil {
      return "number out of range: \(shown) (\(text.count) digits; whole numbers go up to 9223372036854775807)"
    }
    if !isInteger, let value = Double(text), !value.isFinite { return "number out of range: \(shown)" }
    return nil
  }

  private static func isHex(_ c: UInt8) -> Bool {
    (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
  }

  private func scanNumber(from start: Int) -> Int? {
    var i = start
    let n = bytes.count
    func digits() -> Int {
      let from = i
      while i < n, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
      return i - from
    }
    if bytes[i] == UInt8(ascii: "-") { i += 1 }
    guard i < n else { return nil }
    if bytes[i] == UInt8(ascii: "0") {
      i += 1
    } else if digits() == 0 {
      return nil
    }
    if i < n, bytes[i] == UInt8(ascii: ".") {
      i += 1
      guard digits() > 0 else { return nil }
    }
    if i < n, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      i += 1
      if i < n, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
      guard digits() > 0 else { return nil }
    }
    return i
  }
}
