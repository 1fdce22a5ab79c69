import Glibc

/// Question ids looked up by their UTF-8 bytes, without making a string: what reading many
/// histories needs (an open-addressing table on an FNV-1a hash, each hit checked byte for byte).
public struct QuestionTable: Sendable {
  private let ids: [[UInt8]]
  private let slots: [Int32]
  private let mask: Int

  public init(_ ids: [String]) {
    self.ids = ids.map { Array($0.utf8) }
    var size = 16
    while size < ids.count * 4 { size *= 2 }
    mask = size - 1
    var slots = [Int32](repeating: -1, count: size)
    for (k, id) in self.ids.enumerated() {
      var at = id.withUnsafeBufferPointer { Self.hash($0) } & (size - 1)
      while slots[at] >= 0 {
        if self.ids[Int(slots[at])] == id { break }  // the first of a repeated id wins
        at = (at + 1) & (size - 1)
      }
      if slots[at] < 0 { slots[at] = Int32(k) }
    }
    self.slots = slots
  }

  /// The index of the id whose bytes these are, or nil.
  public func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var at = Self.hash(bytes) & mask
    while true {
      let k = Int(slots[at])
      if k < 0 { return nil }
      let id = ids[k]
      if id.count == bytes.count,
        id.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }) || bytes.isEmpty
      {
        return k
      }
      at = (at + 1) & mask
    }
  }

  private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01b3
    }
    return Int(truncatingIfNeeded: h >> 1)
  }
}
