/// What one call attempt came to, in the terms of the AAPOR Standard Definitions (docs/cati.md,
/// "Outcome codes"). An attempt that is no interview leaves the case for another call (`retry`),
/// makes an appointment, or ends the case for good.
public enum CallOutcome: String, CaseIterable, Sendable, Codable {
  /// The interview was completed (AAPOR 1.1).
  case complete
  /// The interview ended early but answered enough to count as partial (1.2).
  case partial
  /// The respondent (or household) refused (2.11).
  case refusal
  /// The interview began and the respondent broke it off (2.12).
  case breakOff
  /// The respondent asked to be called at a given time (an appointment; 2.21 if never kept).
  case appointment
  /// The phone rang and nobody answered (3.13).
  case noAnswer
  /// The line was busy (3.12).
  case busy
  /// An answering machine or voicemail of the respondent (2.22).
  case answeringMachine
  /// The person reached is not in the survey's population, e.g. no longer a social worker (4.10).
  case notEligible
  /// The number is not the respondent's, or not in service (3.20: eligibility unknown).
  case wrongNumber
  /// The respondent's stratum was full at the screening question (4.80: quota filled).
  case overQuota

  /// The AAPOR disposition code.
  public var aaporCode: String {
    switch self {
    case .complete: return "1.1"
    case .partial: return "1.2"
    case .refusal: return "2.11"
    case .breakOff: return "2.12"
    case .appointment: return "2.21"
    case .noAnswer: return "3.13"
    case .busy: return "3.12"
    case .answeringMachine: return "2.22"
    case .notEligible: return "4.10"
    case .wrongNumber: return "3.20"
    case .overQuota: return "4.80"
    }
  }

  /// The category of the response rates' formulas (`enkat rates`): I, P, R, NC, O, UH, UO or NE.
  public var rateCategory: String {
    switch self {
    case .complete: return "I"
    case .partial: return "P"
    case .refusal, .breakOff: return "R"
    case .appointment, .answeringMachine: return "NC"
    case .noAnswer, .busy: return "UH"
    case .wrongNumber: return "UO"
    case .notEligible, .overQuota: return "NE"
    }
  }

  /// Whether the case is finished with this attempt: no more calls.
  public var isFinal: Bool {
    switch self {
    case .complete, .partial, .refusal, .breakOff, .notEligible, .wrongNumber, .overQuota: return true
    case .appointment, .noAnswer, .busy, .answeringMachine: return false
    }
  }
}
