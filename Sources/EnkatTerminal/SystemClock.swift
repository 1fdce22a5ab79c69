import EnkatExpressions
import Glibc

/// Wall-clock timestamps for records and a monotonic clock for time spent per question.
public struct SystemClock: Sendable {
  public init() {}

  /// Now in UTC, ISO 8601 with milliseconds: `2026-11-23T12:04:05.123Z`.
  public func timestamp() -> String {
    var t = timespec()
    clock_gettime(CLOCK_REALTIME, &t)
    var seconds = t.tv_sec
    var parts = tm()
    gmtime_r(&seconds, &parts)
    func pad(_ n: Int32, _ width: Int = 2) -> String {
      let s = String(n)
      return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))T"
      + "\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec)).\(pad(Int32(t.tv_nsec / 1_000_000), 3))Z"
  }

  /// Today's date on this computer's local calendar, as a day number (see `CalendarDay`).
  public func today() -> Int {
    var seconds = time(nil)
    var parts = tm()
    localtime_r(&seconds, &parts)
    return CalendarDay.number(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))!
  }

  /// Milliseconds on a clock that never jumps.
  public func milliseconds() -> Int {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Int(t.tv_sec) * 1000 + Int(t.tv_nsec) / 1_000_000
  }
}
