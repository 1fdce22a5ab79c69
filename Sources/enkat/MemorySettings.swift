import CMalloc

/// glibc's malloc settings for the commands that go through many cases on several threads
/// (collect, export, tab, report): memory one thread frees and another asks for again stays with
/// the process, and buffers of up to 32 MB come from the heap instead of being mapped and unmapped
/// each time. Without them a collect spent about a tenth of its time in the kernel giving out
/// zeroed pages (docs/benchmarks.md).
enum MemorySettings {
  static func apply() {
    _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)  // the most glibc allows
    _ = mallopt(M_TRIM_THRESHOLD, 512 << 20)
  }
}
