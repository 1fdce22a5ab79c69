import CFileSync
import Foundation

/// Asks the kernel to start writing the store's file to disk while a collect goes on, so that the
/// commit's `fsync` at the end finds little left to write. A collect of 500,000 cases writes about
/// a gigabyte of store; without this the kernel keeps most of it in memory until the commit, which
/// then waits for all of it at the disk's speed (docs/benchmarks.md).
///
/// Only a hint: durability still comes from SQLite's own syncs at the commit. The file is SQLite's
/// own descriptor (found under `/proc/self/fd`), so no descriptor is opened or closed on a file
/// SQLite holds locks on; where there is none to find, nothing is asked.
///
/// The kernel's work of starting the writeback (finding the dirty pages, submitting them) is done
/// on a thread of its own: a large collect waits for the merge thread, where it took 3 % (perf at
/// 500,000 cases).
final class StoreWriteback: @unchecked Sendable {
  private let descriptor: Int32?
  private let queue = DispatchQueue(label: "enkat.store-writeback")

  /// The writeback of the file at `path`, which the process has open (through SQLite).
  init(path: String) {
    descriptor = Self.descriptor(of: path)
  }

  /// Whether the file was found open, so that `start` asks the kernel.
  var isActive: Bool { descriptor != nil }

  /// Starts writing out the file's pages written so far, on the writeback's thread (not waiting).
  func start() {
    guard let descriptor else { return }
    queue.async { _ = sync_file_range(descriptor, 0, 0, enkat_sync_file_range_write) }
  }

  /// Waits until every `start` has been asked: before the file can be closed, so no request
  /// reaches a descriptor number used again for another file.
  func wait() { queue.sync {} }

  /// A descriptor of this process open on the file at `path`, or nil.
  private static func descriptor(of path: String) -> Int32? {
    let wanted = InputFiles.canonical(path)
    var link = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    var found: Int32?
    Directory.forEachEntry("/proc/self/fd") { name, _ in
      guard let fd = Int32(name) else { return true }
      let n = readlink("/proc/self/fd/" + name, &link, link.count - 1)
      guard n > 0 else { return true }
      let opened = link.withUnsafeBufferPointer {
        String(decoding: UnsafeRawBufferPointer(start: $0.baseAddress, count: n), as: UTF8.self)
      }
      if opened == wanted { found = fd }
      return found == nil
    }
    return found
  }
}
