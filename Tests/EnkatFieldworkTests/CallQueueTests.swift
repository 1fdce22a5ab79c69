import Testing

@testable import EnkatFieldwork

/// The order in which cases are offered, with the time set by the test: due appointments (the
/// longest overdue first), then fresh cases in the register's order, then retries after their
/// delay, up to the maximum number of attempts; claimed, finished and full cases never.
@Suite("Which case comes next")
struct CallQueueTests {
  let cases = ["A", "B", "C", "D"]
  let policy = CallQueue.Policy(retryDelay: 120, busyDelay: 15, maximumAttempts: 3)

  func attempt(_ id: String, _ at: Int, _ outcome: CallOutcome, appointment: Int? = nil) -> CallQueue.Attempt {
    CallQueue.Attempt(caseID: id, interviewer: "ia", at: at, outcome: outcome, appointment: appointment)
  }

  @Test("fresh cases come in the register's order, skipping claimed ones")
  func freshInOrder() {
    let queue = CallQueue(cases: cases, attempts: [], policy: policy)
    #expect(queue.next(at: 0) == .init(caseID: "A", reason: .fresh))
    #expect(queue.next(at: 0, blocked: { $0 == "A" }) == .init(caseID: "B", reason: .fresh))
  }

  @Test("an appointment is offered when due, before fresh cases, and a missed one before a later one")
  func appointmentsFirst() {
    let queue = CallQueue(
      cases: cases,
      attempts: [
        attempt("C", 0, .appointment, appointment: 600), attempt("D", 10, .appointment, appointment: 300),
      ], policy: policy)
    #expect(queue.next(at: 299) == .init(caseID: "A", reason: .fresh))
    #expect(queue.next(at: 300) == .init(caseID: "D", reason: .appointmentDue, appointment: 300))
    // Both due: the longest overdue (missed) first.
    #expect(queue.next(at: 900) == .init(caseID: "D", reason: .appointmentDue, appointment: 300))
    #expect(
      queue.next(at: 900, blocked: { $0 == "D" }) == .init(caseID: "C", reason: .appointmentDue, appointment: 600))
  }

  @Test("a retry waits its delay (shorter after a busy line), the least recently called first, up to the maximum")
  func retries() {
    var queue = CallQueue(
      cases: ["A", "B"], attempts: [attempt("A", 0, .noAnswer), attempt("B", 50, .busy)], policy: policy)
    #expect(queue.next(at: 64) == nil, "B waits 15 minutes after a busy line")
    #expect(queue.next(at: 65) == .init(caseID: "B", reason: .retry))
    #expect(queue.next(at: 65, blocked: { $0 == "B" }) == nil, "A waits 120 minutes")
    #expect(queue.next(at: 120, blocked: { $0 == "B" }) == .init(caseID: "A", reason: .retry))
    queue.record(attempt("A", 200, .noAnswer))
    queue.record(attempt("A", 400, .answeringMachine))
    #expect(queue.states["A"]?.attempts == 3)
    #expect(queue.next(at: 10_000, blocked: { $0 == "B" }) == nil, "three attempts are the maximum")
  }

  @Test("a final outcome ends the case; a later attempt replaces an appointment")
  func finalAndReplaced() {
    var queue = CallQueue(cases: ["A", "B"], attempts: [attempt("A", 0, .refusal)], policy: policy)
    #expect(queue.next(at: 1_000) == .init(caseID: "B", reason: .fresh))
    queue.record(attempt("B", 10, .appointment, appointment: 100))
    queue.record(attempt("B", 20, .complete))
    #expect(queue.next(at: 1_000) == nil)
    #expect(queue.dispositions == ["A": .refusal, "B": .complete])
  }

  @Test("every outcome has an AAPOR code and a category of the response rates")
  func outcomeCodes() {
    for outcome in CallOutcome.allCases {
      #expect(["I", "P", "R", "NC", "O", "UH", "UO", "NE"].contains(outcome.rateCategory))
      #expect(outcome.aaporCode.first.map { "1234".contains($0) } == true)
      #expect(outcome.isFinal == !["appointment", "noAnswer", "busy", "answeringMachine"].contains(outcome.rawValue))
    }
  }
}

/// Quota files: read with their problems named, and a full cell known from the completes.
@Suite("Quotas")
struct QuotaTests {
  @Test("a quota file gives targets per stratum cell; a full cell is known from the completes")
  func cellsAndFull() throws {
    let text =
      #"{ "by": ["omrade", "region"], "targets": [ { "omrade": 1, "region": 1, "target": 2 }, { "omrade": 1, "region": 2, "target": 0 } ] }"#
    let quotas = try Quotas.parse(Array(text.utf8), file: "q.json", strata: ["omrade", "region"]).get()
    #expect(quotas.cell(of: ["omrade": "1", "region": "2"]) == 1)
    #expect(quotas.cell(of: ["omrade": "3", "region": "2"]) == nil, "no target: no limit")
    #expect(quotas.full([0: 1]) == [1])
    #expect(quotas.full([0: 2]) == [0, 1])
  }

  @Test("a quota file's mistakes are named by line and column, stratum columns checked against the sample")
  func problems() {
    let text =
      "{\n  \"by\": [\"omrade\", \"lan\"],\n  \"targets\": [\n    { \"omrade\": 1, \"lan\": 1, \"target\": -1 },\n    { \"omrade\": 1, \"lan\": 2, \"target\": 5, \"extra\": 1 }\n  ]\n}"
    guard case .failure(let problems) = Quotas.parse(Array(text.utf8), file: "q.json", strata: ["omrade", "region"])
    else {
      Issue.record("accepted")
      return
    }
    let lines = problems.problems.map(\.description)
    #expect(
      lines.contains { $0.hasPrefix("q.json:2:9: error: 'lan' is not a stratum column of the sample") }, "\(lines)")
    #expect(lines.contains { $0.hasPrefix("q.json:4:40: error: a target needs 'target'") }, "\(lines)")
    #expect(lines.contains { $0.hasPrefix("q.json:5:43: error: 'extra' is not a member of a target") })
  }
}
