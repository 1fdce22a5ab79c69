/// Dates as expressions see them: day numbers counted from 1970-01-01 (day 0) in the proleptic
/// Gregorian calendar, with no time of day or time zone. `2019-10-03` is day 18172.
public enum CalendarDay {
  /// The day number of a date, or nil when the month or day does not exist.
  public static func number(year: Int, month: Int, day: Int) -> Int? {
    guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), (1...9999).contains(year)
    else { return nil }
    // Howard Hinnant's days_from_civil.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The year, month and day of a day number.
  public static func components(_ number: Int) -> (year: Int, month: Int, day: Int) {
    let z = number + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  /// The day number of `YYYY-MM-DD` (or `YYYYMMDD`), or nil.
  public static func parse(_ text: String) -> Int? {
    let digits = text.filter { $0 != "-" }
    let dashes = text.count - digits.count
    guard digits.count == 8,
      dashes == 0 || (dashes == 2 && text.count == 10 && Array(text)[4] == "-" && Array(text)[7] == "-"),
      digits.allSatisfy({ $0.isASCII && $0.isNumber })
    else { return nil }
    let d = Array(digits)
    guard let year = Int(String(d[0..<4])), let month = Int(String(d[4..<6])), let day = Int(String(d[6..<8])) else {
      return nil
    }
    return number(year: year, month: month, day: day)
  }

  /// `YYYY-MM-DD`.
  public static func format(_ number: Int) -> String {
    let (y, m, d) = components(number)
    func pad(_ n: Int, _ width: Int) -> String {
      String(repeating: "0", count: max(0, width - String(n).count)) + String(n)
    }
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
  }

  /// Whole years from `start` to `end` (an age: a birthday counts from its day; 29 February counts
  /// from 1 March in other years). Negative when `end` is before `start`.
  public static func wholeYears(from start: Int, to end: Int) -> Int {
    if end < start { return -wholeYears(from: end, to: start) }
    let a = components(start)
    let b = components(end)
    var years = b.year - a.year
    if (b.month, b.day) < (a.month, a.day) { years -= 1 }
    return years
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}
