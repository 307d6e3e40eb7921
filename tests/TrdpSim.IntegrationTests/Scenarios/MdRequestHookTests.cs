using System.Collections.Concurrent;

namespace TrdpSim.IntegrationTests.Scenarios;

/// <summary>A scenario's <c>mdRequest</c> hook computes a replier's answers.</summary>
public sealed class MdRequestHookTests
{
    private static string Scenario(string hook) => $$"""
        export default function (plan) {
          plan.network({ mdReplyTimeout: "2s" });
          const caller = plan.device({ name: "caller", address: "10.0.0.1" });
          const replier = plan.device({ name: "replier", address: "10.0.0.2" });
          caller.mdCall({ name: "ask", comId: 3000, destination: "10.0.0.2", rate: 20, replyTimeout: "2s", payloadLength: 4 });
          replier.mdReply({ name: "answer", comId: 3000, payloadLength: 2 });
          {{hook}}
        }
        """;

    private static MdCounters Caller(RunHost host)
    {
        foreach (var group in host.Telemetry.MdGroups)
        {
            if (group.Name == "ask")
            {
                return group.Counters;
            }
        }

        throw new InvalidOperationException("no caller");
    }

    [Fact]
    public async Task TheHookComputesPayloadAndStatusOfTheReply()
    {
        var replies = new ConcurrentQueue<(int Status, byte[] Data)>();
        var network = new InMemoryUdpTransport
        {
            Observer = (_, _, frame) =>
            {
                if (MdFrame.TryDecode(frame, out var header) == FrameCheck.Ok && header.MessageType == TrdpMessageType.Mp)
                {
                    replies.Enqueue((header.ReplyStatus, frame.Slice(MdFrame.HeaderSize, (int)header.DatasetLength).ToArray()));
                }
            },
        };
        await using var run = await ScenarioRun.StartAsync(Scenario("""
            plan.on("mdRequest", { comId: 3000 }, (req, run) => {
              if (req.replier !== "answer" || req.device !== "replier" || req.source !== "10.0.0.1" || req.data.length !== 4) run.fail("bad request " + JSON.stringify(req));
              return { data: [req.seq & 0xff, 0xAB, 0xCD], status: 7 };
            });
            """), transport: network);
        Assert.True(await ScenarioRun.Until(() => Caller(run.Host).Ok >= 5), run.Log);
        Assert.Empty(run.Host.Scenarios!.Failures);
        Assert.True(replies.Count >= 5);
        foreach (var (status, data) in replies)
        {
            Assert.Equal(7, status);
            Assert.Equal(3, data.Length);
            Assert.Equal([0xAB, 0xCD], data[1..]);
        }
    }

    [Fact]
    public async Task TheHookCanAnswerWithAnErrorOrNotAtAll()
    {
        await using var run = await ScenarioRun.StartAsync(Scenario("""
            let n = 0;
            plan.on("mdRequest", (req, run) => (++n % 2 === 0 ? { error: -3 } : { noReply: true }));
            """));
        Assert.True(await ScenarioRun.Until(() => Caller(run.Host).ErrorNoReplier >= 3 && Caller(run.Host).Timeouts >= 3), run.Log);
        Assert.Equal(0, Caller(run.Host).Ok);
    }

    [Fact]
    public async Task AFailingHookReleasesTheRequestToThePlan()
    {
        await using var run = await ScenarioRun.StartAsync(Scenario("""
            plan.on("mdRequest", (req, run) => { throw new Error("no answer today"); });
            """));
        Assert.True(await ScenarioRun.Until(() => Caller(run.Host).Ok >= 3), run.Log); // planned replies after the failure
        Assert.Contains("no answer today", Assert.Single(run.Host.Scenarios!.Errors), StringComparison.Ordinal);
    }
}
