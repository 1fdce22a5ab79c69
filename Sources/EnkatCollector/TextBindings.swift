import GRDBSQLite

/// Room for the texts of the row a statement is about to write, bound without a copy by SQLite
/// (`SQLITE_STATIC`): each text's bytes are copied here, where they stay until the statement has
/// been stepped. Binding with `SQLITE_TRANSIENT` instead makes SQLite allocate a copy of every
/// text and free it at the next binding, which cost a collect more than the rest of binding a row.
///
/// The rules that keep it safe: `reset()` before binding a row, every parameter of the statement
/// bound again before each step (a statement whose texts still point here is never stepped on
/// stale bytes), and one row at a time (the room is shared by the statements of one writer).
final class TextBindings {
  private let capacity = 1 << 16
  private let room: UnsafeMutablePointer<UInt8>
  private var used = 0

  init() { room = .allocate(capacity: capacity) }

  deinit { room.deallocate() }

  /// Starts a row: the room is written from its start again.
  func reset() { used = 0 }

  /// Binds `text` to parameter `index` of `statement`: from the room, or copied by SQLite when
  /// the room is full.
  func bind(_ statement: OpaquePointer, _ index: Int32, _ text: String) {
    var copy = text
    copy.withUTF8 { bytes in
      let fits = used + bytes.count <= capacity
      let at = room + (fits ? used : 0)
      if fits, let base = bytes.baseAddress { at.update(from: base, count: bytes.count) }
      if fits {
        used += bytes.count
        _ = sqlite3_bind_text(
          statement, index, UnsafeRawPointer(at).assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil)
      } else {
        _ = sqlite3_bind_text(
          statement, index,
          UnsafeRawPointer(bytes.baseAddress ?? UnsafePointer(at)).assumingMemoryBound(to: CChar.self),
          Int32(bytes.count), Self.transient)
      }
    }
  }

  /// SQLite's "copy the bytes now" destructor.
  private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
