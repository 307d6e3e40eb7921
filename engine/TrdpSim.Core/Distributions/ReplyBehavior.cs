using System.Diagnostics.CodeAnalysis;
using System.Text;
using TrdpSim.Distributions.Internal;

namespace TrdpSim.Distributions;

/// <summary>
/// Decides, per incoming MD request, what a simulated replier does (<see cref="ReplyAction"/>) and when:
/// reply after a delay from a <see cref="DelayDistribution"/>, stay silent, answer with an 'Me', or answer
/// after the caller's reply timeout.
/// </summary>
/// <remarks>
/// <para><b>Determinism.</b> Pure and seeded: the decision depends only on the configuration, the generator
/// state and the caller timeout. The same seed and the same sequence of calls give the same decisions.
/// Every call draws one uniform number for the action, then whatever the chosen delay distribution draws,
/// so the action stream does not depend on the probabilities of other actions being zero.</para>
/// <para><b>Hot path.</b> <see cref="Decide"/> is called once per request: no allocation, no exceptions, no
/// locks. The instance is immutable; share it freely and keep one <see cref="RandomStream"/> per replier
/// (or per worker thread).</para>
/// <para><b>Timeouts.</b> The caller timeout is the request's replyTimeout (µs on the wire) in nanoseconds.
/// 0 means infinite (trdp-wire.md §8.3); a late reply then uses
/// <see cref="ReplyBehaviorOptions.InfiniteTimeoutBaseNanoseconds"/> (default 5 s) as its base. A normal
/// <see cref="ReplyAction.Reply"/> whose drawn delay happens to exceed the timeout stays a Reply: the
/// distribution's tail is the user's choice, and <see cref="ReplyAction.LateReply"/> counts only the
/// deliberate late replies. A late reply's delay is timeout × factor + extra, and always at least 1 ns
/// beyond the timeout (saturating at <see cref="long.MaxValue"/>).</para>
/// </remarks>
internal sealed class ReplyBehavior
{
    private const double SumTolerance = 1e-12;

    private readonly DelayDistribution _delay;
    private readonly DelayDistribution _errorDelay;
    private readonly double _noReplyBelow;
    private readonly double _errorBelow;
    private readonly double _lateBelow;
    private readonly ReplyBehaviorOptions _options;

    private ReplyBehavior(ReplyBehaviorOptions options, DelayDistribution delay, DelayDistribution errorDelay)
    {
        _options = options;
        _delay = delay;
        _errorDelay = errorDelay;
        _noReplyBelow = options.NoReplyProbability;
        _errorBelow = _noReplyBelow + options.ErrorProbability;
        _lateBelow = _errorBelow + options.LateReplyProbability;
    }

    /// <summary>The validated options this behaviour was built from.</summary>
    public ReplyBehaviorOptions Options => _options;

    /// <summary>Delay distribution of normal replies.</summary>
    public DelayDistribution Delay => _delay;

    /// <summary>Validates <paramref name="options"/>: each probability in [0, 1], their sum ≤ 1, a negative
    /// error status, late factor ≥ 1 (with a positive extra when it is exactly 1), extra ≥ 0, infinite-timeout
    /// base &gt; 0.</summary>
    public static bool TryCreate(ReplyBehaviorOptions options, [NotNullWhen(true)] out ReplyBehavior? behavior, out string error)
    {
        ArgumentNullException.ThrowIfNull(options);
        behavior = null;
        if (!IsProbability(options.NoReplyProbability, "noReply", out error) ||
            !IsProbability(options.ErrorProbability, "error", out error) ||
            !IsProbability(options.LateReplyProbability, "lateReply", out error))
        {
            return false;
        }

        double sum = options.NoReplyProbability + options.ErrorProbability + options.LateReplyProbability;
        if (sum > 1 + SumTolerance)
        {
            error = $"reply behaviour: probabilities noReply + error + lateReply = {DelayText.FormatNumber(sum)} exceed 1";
            return false;
        }

        if (options.ErrorStatus >= 0)
        {
            error = $"reply behaviour: error status must be negative, as 'Me' carries (got {options.ErrorStatus}; -3 no replier, -4 no memory)";
            return false;
        }

        if (!(options.LateFactor >= 1) || !double.IsFinite(options.LateFactor))
        {
            error = $"reply behaviour: late factor must be a finite number >= 1 (got {DelayText.FormatNumber(options.LateFactor)})";
            return false;
        }

        if (options.LateExtraNanoseconds < 0)
        {
            error = $"reply behaviour: late extra must be >= 0 (got {options.LateExtraNanoseconds}ns)";
            return false;
        }

        if (options.LateFactor == 1 && options.LateExtraNanoseconds == 0)
        {
            error = "reply behaviour: late factor 1 with no extra delay replies exactly at the timeout, not after it";
            return false;
        }

        if (options.InfiniteTimeoutBaseNanoseconds <= 0)
        {
            error = $"reply behaviour: infinite-timeout base must be > 0 (got {options.InfiniteTimeoutBaseNanoseconds}ns)";
            return false;
        }

        DelayDistribution zero = ConstantDelay.Create(0);
        behavior = new ReplyBehavior(options, options.Delay ?? zero, options.ErrorDelay ?? zero);
        return true;
    }

    /// <summary>Creates a behaviour from known-good code values; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static ReplyBehavior Create(ReplyBehaviorOptions options) =>
        TryCreate(options, out ReplyBehavior? behavior, out string error) ? behavior : ThrowArgument(error);

    /// <summary>Decides what to do with one request.</summary>
    /// <param name="random">The replier's generator; advanced by this call.</param>
    /// <param name="callerTimeoutNanoseconds">The request's reply timeout in ns; ≤ 0 means infinite.</param>
    /// <param name="decision">The action, its delay and (for errors) the 'Me' status.</param>
    public void Decide(ref RandomStream random, long callerTimeoutNanoseconds, out ReplyDecision decision)
    {
        double u = random.NextDouble();
        if (u >= _lateBelow)
        {
            decision = new ReplyDecision(ReplyAction.Reply, _delay.Sample(ref random), 0);
        }
        else if (u < _noReplyBelow)
        {
            decision = new ReplyDecision(ReplyAction.NoReply, 0, 0);
        }
        else if (u < _errorBelow)
        {
            decision = new ReplyDecision(ReplyAction.Error, _errorDelay.Sample(ref random), _options.ErrorStatus);
        }
        else
        {
            decision = new ReplyDecision(ReplyAction.LateReply, LateDelay(callerTimeoutNanoseconds), 0);
        }
    }

    /// <summary>A one-line summary, e.g. <c>delay=lognormal:median=2ms,p99=20ms noReply=0.01 error=0.005(-3) late=0.01(x1.5+0)</c>.</summary>
    public string Describe()
    {
        var text = new StringBuilder("delay=").Append(_delay.Describe());
        text.Append(" noReply=").Append(DelayText.FormatNumber(_options.NoReplyProbability));
        text.Append(" error=").Append(DelayText.FormatNumber(_options.ErrorProbability)).Append('(').Append(_options.ErrorStatus).Append(')');
        text.Append(" late=").Append(DelayText.FormatNumber(_options.LateReplyProbability))
            .Append("(x").Append(DelayText.FormatNumber(_options.LateFactor)).Append('+').Append(DelayText.FormatDuration(_options.LateExtraNanoseconds)).Append(')');
        return text.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => Describe();

    private long LateDelay(long callerTimeoutNanoseconds)
    {
        long baseTimeout = callerTimeoutNanoseconds > 0 ? callerTimeoutNanoseconds : _options.InfiniteTimeoutBaseNanoseconds;
        long scaled = DelayMath.ToNanoseconds(baseTimeout * _options.LateFactor);
        long extra = _options.LateExtraNanoseconds;
        long delay = scaled > long.MaxValue - extra ? long.MaxValue : scaled + extra;

        // A factor just above 1 rounds back to the timeout for tiny timeouts; late means strictly after.
        return delay > baseTimeout || baseTimeout == long.MaxValue ? delay : baseTimeout + 1;
    }

    private static bool IsProbability(double p, string name, out string error)
    {
        if (p >= 0 && p <= 1)
        {
            error = string.Empty;
            return true;
        }

        error = $"reply behaviour: {name} probability must be in [0, 1] (got {DelayText.FormatNumber(p)})";
        return false;
    }

    [DoesNotReturn]
    private static ReplyBehavior ThrowArgument(string error) => throw new ArgumentException(error);
}
