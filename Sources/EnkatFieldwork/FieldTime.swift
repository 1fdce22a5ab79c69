import Foundation

/// Times of calls and appointments as whole minutes since 1970 (UTC), read and written in the
/// computer's local time (`TZ`). `ENKAT_NOW` ("2026-12-03 14:00") sets the clock of a CATI
/// session, for rehearsals and tests of appointments falling due.
public enum FieldTime {
  /// Now, or `ENKAT_NOW` when set.
  public static func now(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
    if let fixed = environment["ENKAT_NOW"], let minutes = parse(fixed, now: 0) { return minutes }
    return Int(time(nil)) / 60
  }

  /// Reads `YYYY-MM-DD HH:MM` (or with a `T`), `HH:MM` (today, or tomorrow when that has passed)
  /// or `+N` (minutes from now); nil for anything else.
  public static func parse(_ text: String, now: Int) -> Int? {
    let t = text.trimmingCharacters(in: .whitespaces)
    if t.hasPrefix("+"), let minutes = Int(t.dropFirst()), minutes >= 0 { return now + minutes }
    let parts = t.replacingOccurrences(of: "T", with: " ").split(separator: " ")
    var date: (Int, Int, Int)
    let clock: Substring
    if parts.count == 2 {
      let d = parts[0].split(separator: "-").compactMap { Int($0) }
      guard d.count == 3 else { return nil }
      date = (d[0], d[1], d[2])
      clock = parts[1]
    } else if parts.count == 1 {
      var seconds = time_t(now * 60)
      var today = tm()
      localtime_r(&seconds, &today)
      date = (Int(today.tm_year) + 1900, Int(today.tm_mon) + 1, Int(today.tm_mday))
      clock = parts[0]
    } else {
      return nil
    }
    let hm = clock.split(separator: ":").compactMap { Int($0) }
    guard hm.count == 2, (0..<24).contains(hm[0]), (0..<60).contains(hm[1]), (1...12).contains(date.1),
      (1...31).contains(date.2)
    else { return nil }
    var parts_ = tm()
    parts_.tm_year = Int32(date.0 - 1900)
    parts_.tm_mon = Int32(date.1 - 1)
    parts_.tm_mday = Int32(date.2)
    parts_.tm_hour = Int32(hm[0])
    parts_.tm_min = Int32(hm[1])
    parts_.tm_isdst = -1
    let seconds = mktime(&parts_)
    guard seconds != -1 else { return nil }
    var minutes = Int(seconds) / 60
    if parts.count == 1, minutes < now { minutes += 24 * 60 }
    return minutes
  }

  /// `2026-12-03 14:00` in local time, or `2026-12-03T13:00:00Z` in UTC.
  public static func format(_ minutes: Int, utc: Bool = false) -> String {
    var seconds = time_t(minutes * 60)
    var parts = tm()
    if utc { gmtime_r(&seconds, &parts) } else { localtime_r(&seconds, &parts) }
    func pad(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
    let day = "\(parts.tm_year + 1900)-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))"
    return utc
      ? "\(day)T\(pad(parts.tm_hour)):\(pad(parts.tm_min)):00Z" : "\(day) \(pad(parts.tm_hour)):\(pad(parts.tm_min))"
  }
}
