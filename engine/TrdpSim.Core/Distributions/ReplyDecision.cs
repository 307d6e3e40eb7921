namespace TrdpSim.Distributions;

/// <summary>The outcome of <see cref="ReplyBehavior.Decide"/> for one request: what to send and when.</summary>
/// <remarks>
/// <see cref="DelayNanoseconds"/> counts from the request's arrival and is ≥ 0; it is 0 for
/// <see cref="ReplyAction.NoReply"/>. <see cref="ErrorStatus"/> is the negative 'Me' replyStatus for
/// <see cref="ReplyAction.Error"/> and 0 for every other action.
/// </remarks>
/// <param name="Action">What to do.</param>
/// <param name="DelayNanoseconds">When to do it, in nanoseconds after the request arrived.</param>
/// <param name="ErrorStatus">The 'Me' replyStatus (negative) for <see cref="ReplyAction.Error"/>; otherwise 0.</param>
internal readonly record struct ReplyDecision(ReplyAction Action, long DelayNanoseconds, int ErrorStatus);
