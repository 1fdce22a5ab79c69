import Glibc

/// A cursor over a record line in the form `RecordCodec.encode` writes: the fixed-form rules that
/// `CanonicalRecordScanner` and `CompactPayloads` both read by (strings without escapes or
/// control characters, whole numbers without leading zeros or fractions).
struct ByteScanner {
  let b: UnsafeBufferPointer<UInt8>
  let end: Int
  var i = 0

  @inline(__always) mutating func literal(_ text: StaticString) -> Bool {
    let count = text.utf8CodeUnitCount
    guard i + count <= end else { return false }
    let same = text.withUTF8Buffer { memcmp(b.baseAddress! + i, $0.baseAddress!, count) == 0 }
    if same { i += count }
    return same
  }

  /// `,"name":` at the cursor. Names are a few bytes: compared in a loop, which costs less
  /// than a call to `memcmp`.
  @inline(__always) mutating func member(_ name: StaticString) -> Bool {
    let count = name.utf8CodeUnitCount
    guard i + count + 4 <= end, b[i] == UInt8(ascii: ","), b[i + 1] == UInt8(ascii: "\"") else { return false }
    let k = i + 2
    let same = name.withUTF8Buffer { n in
      for j in 0..<count where b[k + j] != n[j] { return false }
      return true
    }
    guard same, b[k + count] == UInt8(ascii: "\""), b[k + count + 1] == UInt8(ascii: ":") else { return false }
    i = k + count + 2
    return true
  }

  /// Where the last string read has a byte outside ASCII (nil when it has none).
  var nonASCII: Range<Int>?
  /// Whether any string read so far has a byte outside ASCII.
  var anyNonASCII = false

  /// The bytes of a string without escapes or control characters (not yet checked as UTF-8).
  mutating func stringRange() -> Range<Int>? {
    guard i < end, b[i] == UInt8(ascii: "\"") else { return nil }
    var k = i + 1
    var high: UInt8 = 0
    // Eight bytes at a time while none is a quote, a backslash, a control character or outside
    // ASCII (the usual string); the word that has one is looked at byte by byte.
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let raw = UnsafeRawPointer(b.baseAddress!)
    while k + 8 <= end {
      let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: k, as: UInt64.self))
      let quote = w ^ (ones &* 0x22)
      let backslash = w ^ (ones &* 0x5C)
      let special =
        ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((w &- ones &* 0x20) & ~w) | w
      if special & highs != 0 { break }
      k += 8
    }
    while k < end {
      let c = b[k]
      if c == UInt8(ascii: "\"") { break }
      if c == UInt8(ascii: "\\") || c < 0x20 { return nil }
      high |= c
      k += 1
    }
    guard k < end else { return nil }
    defer { i = k + 1 }
    nonASCII = high >= 0x80 ? (i + 1)..<k : nil
    if high >= 0x80 { anyNonASCII = true }
    return (i + 1)..<k
  }

  /// `stringRange()` of a string whose bytes are valid UTF-8 (looked at only when some are not
  /// ASCII); nil when they are not. The same as `stringRange()` then `validText(_:)`, without a
  /// copy of the scanner for the second call.
  mutating func validStringRange() -> Range<Int>? {
    guard let range = stringRange() else { return nil }
    if nonASCII != nil, String(validating: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self) == nil { return nil }
    return range
  }

  /// Whether the bytes of a string read (`stringRange`) are valid UTF-8 (those of an ASCII
  /// string need no more look).
  func validText(_ range: Range<Int>) -> Bool {
    if !anyNonASCII { return true }  // every string read so far is ASCII
    if let nonASCII, nonASCII == range {
      return String(validating: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self) != nil
    }
    if nonASCII == nil, range.upperBound == i - 1 { return true }  // the string just read, all ASCII
    for k in range where b[k] >= 0x80 {
      return String(validating: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self) != nil
    }
    return true
  }

  func text(_ range: Range<Int>) -> String? {
    validText(range) ? String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self) : nil
  }

  /// Whether the string at `range` is `word`.
  @inline(__always) func isWord(_ range: Range<Int>, _ word: StaticString) -> Bool {
    guard range.count == word.utf8CodeUnitCount else { return false }
    return word.withUTF8Buffer { w in
      for j in 0..<w.count where b[range.lowerBound + j] != w[j] { return false }
      return true
    }
  }

  /// A short ASCII word (a record type) as a string, without allocation.
  func word(_ range: Range<Int>) -> String { text(range) ?? "" }

  /// A whole number: `-?(0|[1-9][0-9]*)`, at most 18 digits, not followed by `.`, `e` or `E`.
  mutating func int() -> Int? {
    var k = i
    var negative = false
    if k < end, b[k] == UInt8(ascii: "-") {
      negative = true
      k += 1
    }
    let first = k
    var value = 0
    while k < end, b[k] >= UInt8(ascii: "0"), b[k] <= UInt8(ascii: "9") {
      // Wrapping: a number of more than 18 digits is refused below, not trapped on here.
      value = value &* 10 &+ Int(b[k] &- UInt8(ascii: "0"))
      k += 1
    }
    let digits = k - first
    guard digits >= 1, digits <= 18, !(digits > 1 && b[first] == UInt8(ascii: "0")) else { return nil }
    if k < end, b[k] == UInt8(ascii: ".") || b[k] == UInt8(ascii: "e") || b[k] == UInt8(ascii: "E") { return nil }
    i = k
    return negative ? -value : value
  }

  /// `[a,b,…]` of whole numbers, each handed to `each` in order (which returns false to refuse
  /// the list); false when the list is in any other form. The one reading of a list of codes.
  @inline(__always) mutating func ints(_ each: (Int) -> Bool) -> Bool {
    guard i < end, b[i] == UInt8(ascii: "[") else { return false }
    i += 1
    if i < end, b[i] == UInt8(ascii: "]") {
      i += 1
      return true
    }
    while true {
      guard let n = int(), each(n), i < end else { return false }
      let next = b[i]
      i += 1
      if next == UInt8(ascii: "]") { return true }
      guard next == UInt8(ascii: ",") else { return false }
    }
  }

  /// `[a,b,…]` of fewer than 128 whole numbers written to `out` as `CompactPayloadCodec` writes a
  /// list of codes: their count (one byte), then each as a zigzag varint. False when the list is
  /// in any other form or longer (what was written then is of no use).
  mutating func ints(into out: inout ByteSink) -> Bool {
    let countAt = out.count
    out.put(0)
    var count = 0
    guard
      ints({ n in
        out.varint(CompactPayloadCodec.zigzag(n))
        count += 1
        return count < 128
      })
    else { return false }
    out.rewrite(UInt8(count), at: countAt)
    return true
  }

  /// The eight bytes at the cursor as one little-endian word, or nil when fewer are left: a
  /// short quoted word (a record type) is known by one comparison, without a scan.
  @inline(__always) func word8() -> UInt64? {
    guard i + 8 <= end else { return nil }
    return UInt64(littleEndian: UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self))
  }

  /// `"answer"` and `"order",` as `word8` reads them.
  static let quotedAnswer: UInt64 = 0x2272_6577_736e_6122
  static let quotedOrderComma: UInt64 = 0x2c22_7265_6472_6f22

  /// `[a,b,…]` of whole numbers, into `codes`.
  mutating func ints(into codes: inout [Int]) -> Bool {
    codes.removeAll(keepingCapacity: true)
    return ints { n in
      codes.append(n)
      return true
    }
  }
}

extension UnsafeBufferPointer<UInt8> {
  /// Whether these are the bytes of `other` (by `memcmp`: the generic comparison costs a
  /// collect several per cent, once per record).
  public func hasSameBytes(as other: [UInt8]) -> Bool {
    guard count == other.count else { return false }
    guard let base = baseAddress, count > 0 else { return true }
    return other.withUnsafeBufferPointer { memcmp(base, $0.baseAddress!, count) == 0 }
  }
}
