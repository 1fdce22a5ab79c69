import EnkatExpressions
import Foundation
import Testing

@Suite("Dates")
struct DateTests {
  @Test("day numbers agree with Foundation's Gregorian calendar for every day from 1896 to 2104")
  func dayNumbersAgreeWithFoundation() throws {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
    let epoch = Date(timeIntervalSince1970: 0)
    for n in stride(from: -27_000, through: 49_000, by: 1) {
      let date = calendar.date(byAdding: .day, value: n, to: epoch)!
      let c = calendar.dateComponents([.year, .month, .day], from: date)
      #expect(CalendarDay.number(year: c.year!, month: c.month!, day: c.day!) == n)
      let (y, m, d) = CalendarDay.components(n)
      guard y == c.year, m == c.month, d == c.day else {
        Issue.record("day \(n): \(y)-\(m)-\(d), Foundation says \(c)")
        return
      }
    }
  }

  @Test("only real dates parse, written YYYY-MM-DD or YYYYMMDD")
  func parsing() {
    #expect(CalendarDay.parse("2019-10-03") == 18172)
    #expect(CalendarDay.parse("20191003") == 18172)
    #expect(CalendarDay.format(18172) == "2019-10-03")
    #expect(CalendarDay.parse("2020-02-29") != nil)
    for bad in [
      "2019-02-29", "2019-13-01", "2019-00-10", "2019-1-3", "19-10-03", "2019/10/03", "2019-10-3x", "", "٢٠١٩١٠٠٣",
    ] {
      #expect(CalendarDay.parse(bad) == nil, "\(bad)")
    }
  }

  @Test("yearsBetween counts whole years as an age; daysBetween counts days; missing carries through")
  func functions() throws {
    func value(_ text: String, _ answers: [String: Value] = [:]) throws -> Value {
      let e = try Parser.parse(text).get()
      return Evaluator.evaluate(e, in: answers)
    }
    let birth = Value.number(Double(CalendarDay.parse("2000-02-29")!))
    let dayBefore = Value.number(Double(CalendarDay.parse("2018-02-28")!))
    let march = Value.number(Double(CalendarDay.parse("2018-03-01")!))
    #expect(try value("yearsBetween(b, t)", ["b": birth, "t": dayBefore]) == .number(17))
    #expect(try value("yearsBetween(b, t)", ["b": birth, "t": march]) == .number(18))
    #expect(try value("yearsBetween(t, b)", ["b": birth, "t": march]) == .number(-18))
    #expect(try value("daysBetween(t, b)", ["b": march, "t": dayBefore]) == .number(1))
    #expect(try value("daysBetween(b, t)", ["b": .missing(.dontKnow), "t": march]) == .missing(.dontKnow))
    #expect(try value("today()") == .missing(.notAsked))
    #expect(try value("today()", [BuiltinFunction.todayVariable: march]) == march)
  }

  @Test("dates compare only with dates and take no arithmetic")
  func types() throws {
    func problems(_ text: String) throws -> [String] {
      let e = try Parser.parse(text).get()
      return TypeChecker.check(e, expecting: .boolean) { name in
        name == "born" ? .variable(VariableInfo(type: .date)) : .variable(VariableInfo(type: .number))
      }.map(\.code)
    }
    #expect(try problems("born <= today()") == [])
    #expect(try problems("yearsBetween(born, today()) >= 18") == [])
    #expect(try problems("born > 18") == ["E125"])
    #expect(try problems("born + 1 > today()") == ["E120"])
    #expect(try problems("yearsBetween(age, today()) > 1") == ["E120"])
  }
}
