import EnkatTestSupport
import Testing

@testable import EnkatFieldwork

/// The calls and claims of a real sample file: two interviewers never hold the same case, an
/// attempt releases its case, an appointment comes back when due, and a dead interviewer's claim
/// is released.
@Suite("Calls and claims of a sample")
struct SampleCallsTests {
  func sample(_ dir: TemporaryDirectory) throws -> SampleStore {
    let table = try SampleTable.parse(
      Array("id,phone,area\nA,1,1\nB,2,1\nC,3,2\n".utf8), roles: .init(id: "id", contact: ["phone"], strata: ["area"])
    ).get()
    try SampleStore.create(table, source: "test", at: dir.file("s.sqlite"), now: "2026-11-30T08:00:00Z")
    return try SampleStore.forCalling(dir.file("s.sqlite"))
  }

  @Test("claims keep interviewers apart; an attempt releases the case; an appointment returns when due")
  func claimsAndAppointments() throws {
    let dir = TemporaryDirectory()
    let store = try sample(dir)
    let first = try Claimant(sample: store.path)
    let second = try Claimant(sample: store.path)
    let policy = CallQueue.Policy()
    #expect(try store.claimNext(for: first, interviewer: "ia", at: 0, policy: policy)?.caseID == "A")
    #expect(try store.claimNext(for: second, interviewer: "ib", at: 0, policy: policy)?.caseID == "B")
    try store.record(
      .init(caseID: "A", interviewer: "ia", at: 5, outcome: .appointment, appointment: 500), station: "S1")
    #expect(try store.claimNext(for: first, interviewer: "ia", at: 10, policy: policy)?.caseID == "C")
    #expect(
      try store.claimNext(for: first, interviewer: "ia", at: 10, policy: policy) == nil, "A waits, B and C are held")
    let due = try store.claimNext(for: second, interviewer: "ib", at: 500, policy: policy)
    #expect(due == .init(caseID: "A", reason: .appointmentDue, appointment: 500))
    #expect(try store.attempts().count == 1)
  }

  @Test("the claim of an interviewer whose process died is released, and its case offered again")
  func deadClaimReleased() throws {
    let dir = TemporaryDirectory()
    let store = try sample(dir)
    let living = try Claimant(sample: store.path)
    var dying: Claimant? = try Claimant(sample: store.path)
    #expect(try store.claimNext(for: dying!, interviewer: "ib", at: 0, policy: .init())?.caseID == "A")
    #expect(try store.claimNext(for: living, interviewer: "ia", at: 0, policy: .init())?.caseID == "B")
    dying = nil  // its lock goes as a killed process's does
    #expect(try store.claimNext(for: living, interviewer: "ia", at: 1, policy: .init())?.caseID == "A")
  }

  @Test("a case whose interview began on one station is offered to that station only")
  func interviewStaysOnItsStation() throws {
    let dir = TemporaryDirectory()
    let store = try sample(dir)
    let here = try Claimant(sample: store.path)
    try store.interviewBegins("A", station: "S1", at: 0)
    #expect(try store.claimNext(for: here, interviewer: "ib", station: "S2", at: 1, policy: .init())?.caseID == "B")
    #expect(try store.claimNext(for: here, interviewer: "ia", station: "S1", at: 1, policy: .init())?.caseID == "A")
  }
}
