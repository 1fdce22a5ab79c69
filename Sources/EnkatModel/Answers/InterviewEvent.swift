/// Something that happened in an interview and must be recorded before the interview goes on.
public enum InterviewEvent: Equatable, Sendable {
  /// A response was recorded; `revision` when it replaces an earlier response.
  case answered(questionID: String, response: Response, elapsedMilliseconds: Int, revision: Bool)
  /// The options of `questionID` were shown in this order (shuffled or rotated for this case).
  /// Recorded before the answer given to them.
  case optionOrder(questionID: String, codes: [Int])
  /// The questions of a randomized block (section or grid) are asked in this order in this case.
  /// Recorded before the first answer in the block.
  case questionOrder(blockID: String, questionIDs: [String])
  /// The interviewer kept an answer although soft check number `check` (0-based, in the
  /// question's `checks`) warned about it. Recorded just before the answer it confirms.
  case confirmed(questionID: String, check: Int)
  /// An earlier response no longer applies because a revision took its question off the route.
  case cleared(questionID: String)
  /// The interview continues in another language.
  case languageChanged(String)
  case ended(InterviewOutcome)
}
