namespace TrdpSim.Distributions;

/// <summary>Configuration of a <see cref="ReplyBehavior"/>: how often a replier stays silent, errs or answers
/// late, and how long its normal replies take.</summary>
/// <remarks>
/// Probabilities are per request, each in [0, 1], and their sum must not exceed 1; the rest is the
/// probability of a normal <see cref="ReplyAction.Reply"/>. All defaults describe a well-behaved replier.
/// </remarks>
internal sealed class ReplyBehaviorOptions
{
    /// <summary>The default late factor: a late reply comes at 1.5 × the caller's reply timeout.</summary>
    public const double DefaultLateFactor = 1.5;

    /// <summary>TCNopen's session default reply timeout (5 s, <c>TRDP_MD_DEFAULT_REPLY_TIMEOUT</c>).</summary>
    public const long DefaultInfiniteTimeoutBaseNanoseconds = 5_000_000_000L;

    /// <summary>Delay of normal replies. Default: none (reply at once), i.e. <c>constant:0</c>.</summary>
    public DelayDistribution? Delay { get; init; }

    /// <summary>Probability of sending nothing. Default 0.</summary>
    public double NoReplyProbability { get; init; }

    /// <summary>Probability of answering with an 'Me'. Default 0.</summary>
    public double ErrorProbability { get; init; }

    /// <summary>replyStatus of the 'Me'; must be negative. Default -3 (no replier instance). -4 (no memory
    /// at replier) is the other status TCNopen really sends; other negative values are legal on the wire
    /// but only ever produced locally by TCNopen, so a peer may not expect them.</summary>
    public int ErrorStatus { get; init; } = Protocol.ReplyStatus.NoReplier;

    /// <summary>Delay of the 'Me'. Default: none (TCNopen sends 'Me' at once).</summary>
    public DelayDistribution? ErrorDelay { get; init; }

    /// <summary>Probability of answering after the caller's reply timeout. Default 0.</summary>
    public double LateReplyProbability { get; init; }

    /// <summary>A late reply comes at caller timeout × this factor + <see cref="LateExtraNanoseconds"/>.
    /// Default 1.5; must be ≥ 1, and factor 1 needs a positive extra so the reply really is late.</summary>
    public double LateFactor { get; init; } = DefaultLateFactor;

    /// <summary>Added to a late reply's delay, in nanoseconds (≥ 0). Default 0.</summary>
    public long LateExtraNanoseconds { get; init; }

    /// <summary>Timeout assumed for late replies when the request's replyTimeout is 0 (infinite on the wire):
    /// default 5 s, TCNopen's session default. Must be &gt; 0.</summary>
    public long InfiniteTimeoutBaseNanoseconds { get; init; } = DefaultInfiniteTimeoutBaseNanoseconds;
}
