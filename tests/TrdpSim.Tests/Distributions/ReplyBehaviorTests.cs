using CsCheck;

namespace TrdpSim.Tests.Distributions;

public sealed class ReplyBehaviorTests
{
    private const long Timeout = 2_000_000_000; // the 2 s replyTimeout of md-request-reply.pcap

    [Fact]
    public void MixedProbabilitiesProduceMatchingFrequenciesOver100kDecisions()
    {
        var behavior = ReplyBehavior.Create(new ReplyBehaviorOptions
        {
            Delay = DelayDistribution.Parse("lognormal:median=2ms,p99=20ms"),
            NoReplyProbability = 0.1,
            ErrorProbability = 0.05,
            ErrorStatus = ReplyStatus.NoMemoryAtReplier,
            LateReplyProbability = 0.02,
        });
        var random = RandomStream.ForStream(99, "mix");
        const int N = 100_000;
        Span<int> counts = stackalloc int[4];
        for (int i = 0; i < N; i++)
        {
            behavior.Decide(ref random, Timeout, out ReplyDecision decision);
            counts[(int)decision.Action]++;
            switch (decision.Action)
            {
                case ReplyAction.Reply:
                    Assert.True(decision.DelayNanoseconds > 0);
                    Assert.Equal(0, decision.ErrorStatus);
                    break;
                case ReplyAction.NoReply:
                    Assert.Equal(new ReplyDecision(ReplyAction.NoReply, 0, 0), decision);
                    break;
                case ReplyAction.Error:
                    Assert.Equal(new ReplyDecision(ReplyAction.Error, 0, -4), decision);
                    break;
                case ReplyAction.LateReply:
                    Assert.Equal(new ReplyDecision(ReplyAction.LateReply, 3_000_000_000, 0), decision);
                    break;
            }
        }

        // Tolerances are ~5 binomial standard deviations.
        AssertFraction(counts[(int)ReplyAction.NoReply], N, 0.10, 0.0048);
        AssertFraction(counts[(int)ReplyAction.Error], N, 0.05, 0.0035);
        AssertFraction(counts[(int)ReplyAction.LateReply], N, 0.02, 0.0023);
        AssertFraction(counts[(int)ReplyAction.Reply], N, 0.83, 0.006);
    }

    [Fact]
    public void SameSeedAndCallsGiveTheSameDecisions()
    {
        var behavior = ReplyBehavior.Create(new ReplyBehaviorOptions
        {
            Delay = DelayDistribution.Parse("normal:mean=5ms,stddev=1ms"),
            NoReplyProbability = 0.2,
            ErrorProbability = 0.2,
            LateReplyProbability = 0.2,
        });
        var a = RandomStream.ForStream(7, "replier/1");
        var b = RandomStream.ForStream(7, "replier/1");
        var other = RandomStream.ForStream(8, "replier/1");
        int differences = 0;
        for (int i = 0; i < 10_000; i++)
        {
            long timeout = (i % 5) * 1_000_000L;
            behavior.Decide(ref a, timeout, out ReplyDecision first);
            behavior.Decide(ref b, timeout, out ReplyDecision second);
            behavior.Decide(ref other, timeout, out ReplyDecision third);
            Assert.Equal(first, second);
            differences += first == third ? 0 : 1;
        }

        Assert.True(differences > 5_000, $"another seed differed in only {differences} of 10000 decisions");
    }

    [Fact]
    public void DefaultOptionsAlwaysReplyAtOnce()
    {
        var behavior = ReplyBehavior.Create(new ReplyBehaviorOptions());
        var random = RandomStream.Create(1);
        for (int i = 0; i < 1000; i++)
        {
            behavior.Decide(ref random, Timeout, out ReplyDecision decision);
            Assert.Equal(new ReplyDecision(ReplyAction.Reply, 0, 0), decision);
        }
    }

    [Theory]
    [InlineData(2_000_000_000L, 1.5, 0L, 3_000_000_000L)]
    [InlineData(2_000_000_000L, 1.0, 1_000_000L, 2_001_000_000L)]
    [InlineData(1_000L, 2.0, 500L, 2_500L)]
    [InlineData(0L, 1.5, 0L, 7_500_000_000L)] // 0 = infinite: based on TCNopen's 5 s default
    [InlineData(-1L, 1.5, 0L, 7_500_000_000L)]
    [InlineData(long.MaxValue, 2.0, 10L, long.MaxValue)] // saturates
    [InlineData(1L, 1.0000001, 0L, 2L)] // rounding would land on the timeout itself: forced 1 ns later
    public void LateRepliesComeAfterTheCallerTimeout(long timeout, double factor, long extra, long expected)
    {
        var behavior = ReplyBehavior.Create(new ReplyBehaviorOptions
        {
            LateReplyProbability = 1,
            LateFactor = factor,
            LateExtraNanoseconds = extra,
        });
        var random = RandomStream.Create(3);
        behavior.Decide(ref random, timeout, out ReplyDecision decision);
        Assert.Equal(new ReplyDecision(ReplyAction.LateReply, expected, 0), decision);
    }

    [Fact]
    public void LateRepliesAreStrictlyAfterAnyPositiveTimeout()
    {
        Gen.Select(Gen.Long[1, long.MaxValue], Gen.Double[1, 4], Gen.Long[0, 1_000_000_000])
            .Sample((timeout, factor, extra) =>
            {
                var options = new ReplyBehaviorOptions
                {
                    LateReplyProbability = 1,
                    LateFactor = factor == 1 ? 1.0000001 : factor,
                    LateExtraNanoseconds = extra,
                };
                var random = RandomStream.Create(1);
                ReplyBehavior.Create(options).Decide(ref random, timeout, out ReplyDecision decision);
                Assert.Equal(ReplyAction.LateReply, decision.Action);
                Assert.True(decision.DelayNanoseconds > timeout || decision.DelayNanoseconds == long.MaxValue,
                    $"timeout {timeout}, factor {options.LateFactor}, extra {extra}: delay {decision.DelayNanoseconds}");
            });
    }

    [Fact]
    public void ErrorRepliesCanBeDelayedAndCarryTheConfiguredStatus()
    {
        var behavior = ReplyBehavior.Create(new ReplyBehaviorOptions
        {
            ErrorProbability = 1,
            ErrorDelay = ConstantDelay.Create(250_000),
        });
        var random = RandomStream.Create(3);
        behavior.Decide(ref random, Timeout, out ReplyDecision decision);
        Assert.Equal(new ReplyDecision(ReplyAction.Error, 250_000, ReplyStatus.NoReplier), decision);
    }

    [Theory]
    [InlineData(-0.1, 0, 0, -3, 1.5, 0L, "noReply probability must be in [0, 1] (got -0.1)")]
    [InlineData(0, 1.5, 0, -3, 1.5, 0L, "error probability must be in [0, 1]")]
    [InlineData(0, 0, double.NaN, -3, 1.5, 0L, "lateReply probability must be in [0, 1] (got NaN)")]
    [InlineData(0.5, 0.3, 0.3, -3, 1.5, 0L, "exceed 1")]
    [InlineData(0, 0.1, 0, 0, 1.5, 0L, "error status must be negative")]
    [InlineData(0, 0.1, 0, 5, 1.5, 0L, "error status must be negative")]
    [InlineData(0, 0, 0.1, -3, 0.5, 0L, "late factor must be a finite number >= 1")]
    [InlineData(0, 0, 0.1, -3, double.PositiveInfinity, 0L, "late factor must be a finite number >= 1")]
    [InlineData(0, 0, 0.1, -3, 1.0, 0L, "exactly at the timeout")]
    [InlineData(0, 0, 0.1, -3, 1.5, -1L, "late extra must be >= 0")]
    public void InvalidOptionsReportWhatIsWrong(double noReply, double error, double late, int status, double factor, long extra, string fragment)
    {
        var options = new ReplyBehaviorOptions
        {
            NoReplyProbability = noReply,
            ErrorProbability = error,
            LateReplyProbability = late,
            ErrorStatus = status,
            LateFactor = factor,
            LateExtraNanoseconds = extra,
        };
        Assert.False(ReplyBehavior.TryCreate(options, out ReplyBehavior? behavior, out string message));
        Assert.Null(behavior);
        Assert.Contains(fragment, message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProbabilitiesSummingToExactlyOneAreAccepted()
    {
        Assert.True(ReplyBehavior.TryCreate(new ReplyBehaviorOptions
        {
            NoReplyProbability = 0.1,
            ErrorProbability = 0.2,
            LateReplyProbability = 0.7,
        }, out ReplyBehavior? behavior, out string error), error);
        var random = RandomStream.Create(2);
        for (int i = 0; i < 10_000; i++)
        {
            behavior.Decide(ref random, Timeout, out ReplyDecision decision);
            Assert.NotEqual(ReplyAction.Reply, decision.Action);
        }
    }

    [Fact]
    public void DescribeSummarisesTheBehaviour()
    {
        var behavior = ReplyBehavior.Create(new ReplyBehaviorOptions
        {
            Delay = DelayDistribution.Parse("exponential:mean=3ms"),
            NoReplyProbability = 0.01,
            ErrorProbability = 0.005,
            LateReplyProbability = 0.02,
            LateExtraNanoseconds = 1_000_000,
        });
        Assert.Equal("delay=exponential:mean=3ms noReply=0.01 error=0.005(-3) late=0.02(x1.5+1ms)", behavior.Describe());
    }

    private static void AssertFraction(int count, int total, double expected, double tolerance)
    {
        double fraction = count / (double)total;
        Assert.True(Math.Abs(fraction - expected) <= tolerance,
            $"fraction {fraction:F4} differs from {expected:F4} by more than {tolerance:F4}");
    }
}
