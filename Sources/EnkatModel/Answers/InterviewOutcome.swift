/// How an interview ended.
public enum InterviewOutcome: String, CaseIterable, Sendable, Codable {
  /// Every question on the route was answered and the interviewer confirmed the end.
  case complete
  /// Interrupted on purpose (or by a closed terminal), to be resumed later.
  case suspended
  /// The respondent ended the interview; it will not be resumed.
  case breakOff

  /// Whether a case that ended this way may be resumed.
  public var isResumable: Bool { self == .suspended }
}
