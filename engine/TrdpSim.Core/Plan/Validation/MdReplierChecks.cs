using System.Globalization;
using TrdpSim.Distributions;
using TrdpSim.Protocol.Datasets;

namespace TrdpSim.Plan.Validation;

/// <summary>MD repliers: filters, what they answer, how late and how often they fail, payload.</summary>
/// <remarks>The three behaviour probabilities are exclusive outcomes of one request, so their sum must not
/// pass 1 (reported at the replier). <c>confirm-timeout</c> only means something for an 'Mq'.</remarks>
internal static class MdReplierChecks
{
    /// <summary>Slack for the probability sum, so that 0.1 + 0.2 + 0.7 is not "above 1".</summary>
    private const double SumTolerance = 1e-9;

    public static void Check(DevicePlan device, DatasetIndex datasets, PlanReport report)
    {
        var names = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (MdReplierPlan replier in device.MdRepliers)
        {
            TelegramChecks.Name(replier, replier.Name, "md-reply", names, report);
            report.Address(replier, "source", replier.Source, AddressKind.Host);
            report.Address(replier, "group", replier.Group, AddressKind.Group);
            if (replier.Group != 0 && replier.Protocol == MdProtocol.Tcp && PlanReport.Judged(replier, "protocol"))
            {
                report.Value(replier, "group", "'group' does not apply to protocol \"tcp\" (MD over TCP is unicast only)");
            }

            report.Uri(replier, "source-uri-filter", replier.SourceUriFilter);
            report.Uri(replier, "destination-uri-filter", replier.DestinationUriFilter);
            report.Uri(replier, "source-uri", replier.SourceUri);
            report.Range(replier, "user-status", replier.UserStatus, 0, int.MaxValue);
            CheckConfirm(replier, report);
            CheckBehaviour(replier, report);
            DatasetLayout? layout = TelegramChecks.Payload(replier, $"md-reply '{replier.Name}'", replier.DatasetId, replier.PayloadLength,
                PlanLimits.MaxMdPayload, "MD", datasets, report);
            TelegramChecks.Fields(replier, replier.DatasetId, replier.Fields, layout, "MD reply", datasets, report);
        }
    }

    private static void CheckConfirm(MdReplierPlan replier, PlanReport report)
    {
        if (replier.Reply == MdReplyKind.ReplyWithConfirm)
        {
            report.Positive(replier, "confirm-timeout", replier.ConfirmTimeout);
        }
        else if (replier.Given("confirm-timeout") && PlanReport.Judged(replier, "reply"))
        {
            report.Key(replier, "confirm-timeout", "'confirm-timeout' only applies to reply = \"reply-with-confirm\" (an 'Mp' is not confirmed)");
        }
    }

    private static void CheckBehaviour(MdReplierPlan replier, PlanReport report)
    {
        int before = report.Count;
        if (string.IsNullOrWhiteSpace(replier.Delay))
        {
            report.Value(replier, "delay", "'delay' must not be empty (e.g. \"constant:0\", \"lognormal:median=2ms,p99=20ms\")");
        }
        else if (!DelayDistribution.TryCreate(replier.Delay, out _, out string delayError))
        {
            report.Value(replier, "delay", $"'delay': {delayError}");
        }

        report.Probability(replier, "no-reply-probability", replier.NoReplyProbability);
        report.Probability(replier, "error-probability", replier.ErrorProbability);
        report.Probability(replier, "late-reply-probability", replier.LateReplyProbability);
        report.Range(replier, "error-status", replier.ErrorStatus, int.MinValue, -1);
        if (report.Count != before || !AllJudged(replier))
        {
            return;
        }

        double sum = replier.NoReplyProbability + replier.ErrorProbability + replier.LateReplyProbability;
        if (sum > 1 + SumTolerance)
        {
            report.Entry(replier, string.Create(CultureInfo.InvariantCulture,
                $"'no-reply-probability' + 'error-probability' + 'late-reply-probability' must not exceed 1, got {sum}"));
        }
        else if (!ReplyBehavior.TryCreate(new ReplyBehaviorOptions
        {
            Delay = DelayDistribution.Parse(replier.Delay),
            NoReplyProbability = replier.NoReplyProbability,
            ErrorProbability = replier.ErrorProbability,
            ErrorStatus = replier.ErrorStatus,
            LateReplyProbability = replier.LateReplyProbability,
        }, out _, out string error))
        {
            // The behaviour's own rules, should they ever reach beyond the keys checked above.
            report.Entry(replier, $"md-reply '{replier.Name}': {error}");
        }
    }

    private static bool AllJudged(MdReplierPlan replier) =>
        PlanReport.Judged(replier, "no-reply-probability", "error-probability") && PlanReport.Judged(replier, "late-reply-probability", "delay");
}
