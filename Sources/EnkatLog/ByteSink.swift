/// Bytes written through a pointer into room made for them beforehand: a byte or a varint is a
/// store, with no check of an array's capacity or uniqueness.
public struct ByteSink {
  @usableFromInline let start: UnsafeMutablePointer<UInt8>
  @usableFromInline var written = 0
  /// The bytes written so far.
  public var count: Int { written }

  /// A sink writing from `start`, which has room for everything that will be written.
  @inlinable public init(_ start: UnsafeMutablePointer<UInt8>) { self.start = start }

  @inlinable @inline(__always) public mutating func put(_ byte: UInt8) {
    start[written] = byte
    written &+= 1
  }

  /// Writes `byte` again at `index`, which was written before (a count known only after what it counts).
  @inlinable @inline(__always) public func rewrite(_ byte: UInt8, at index: Int) {
    precondition(index < written)
    start[index] = byte
  }

  @inlinable @inline(__always) public mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
    if bytes.count <= 32 {  // the usual members: a loop costs less than a call to memcpy
      for k in 0..<bytes.count { start[written &+ k] = base[k] }
    } else {
      (start + written).update(from: base, count: bytes.count)
    }
    written &+= bytes.count
  }

  /// An unsigned LEB128 varint, as `CompactPayloadCodec.varint` writes it.
  @inlinable @inline(__always) public mutating func varint(_ value: UInt64) {
    var v = value
    while v >= 0x80 {
      put(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    put(UInt8(v))
  }
}
