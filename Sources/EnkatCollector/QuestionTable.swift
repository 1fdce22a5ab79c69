/// Question ids looked up by their UTF-8 bytes, without making a string: what reading many
/// histories needs (an open-addressing table on an FNV-1a hash, each hit checked byte for byte).
/// The ids' bytes lie one after another in one array, so a lookup touches two small arrays and
/// no id of its own.
public struct QuestionTable: Sendable {
  /// The ids' bytes, one after another.
  private let bytes: [UInt8]
  /// Where each id's bytes begin in `bytes`, and one more: where the last ends.
  private let starts: [Int]
  private let slots: [Int32]
  private let mask: Int

  public init(_ ids: [String]) {
    var bytes: [UInt8] = []
    var starts = [0]
    for id in ids {
      bytes += Array(id.utf8)
      starts.append(bytes.count)
    }
    var size = 16
    while size < ids.count * 4 { size *= 2 }
    mask = size - 1
    var slots = [Int32](repeating: -1, count: size)
    bytes.withUnsafeBufferPointer { all in
      for k in ids.indices {
        let id = UnsafeBufferPointer(rebasing: all[starts[k]..<starts[k + 1]])
        var at = Self.hash(id) & (size - 1)
        while slots[at] >= 0 {
          let other = Int(slots[at])
          if all[starts[other]..<starts[other + 1]].elementsEqual(id) { break }  // the first of a repeated id wins
          at = (at + 1) & (size - 1)
        }
        if slots[at] < 0 { slots[at] = Int32(k) }
      }
    }
    self.bytes = bytes
    self.starts = starts
    self.slots = slots
  }

  /// The index of the id whose bytes these are, or nil.
  public func index(of id: UnsafeBufferPointer<UInt8>) -> Int? {
    var at = Self.hash(id) & mask
    return bytes.withUnsafeBufferPointer { all in
      while true {
        let k = Int(slots[at])
        if k < 0 { return nil }
        let start = starts[k]
        if starts[k + 1] - start == id.count {
          var same = true
          for j in 0..<id.count where all[start + j] != id[j] {
            same = false
            break
          }
          if same { return k }
        }
        at = (at + 1) & mask
      }
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
