using TrdpSim.Faults;
using TrdpSim.Faults.Md;

namespace TrdpSim.IntegrationTests.MessageData;

/// <summary>MD faults on a live daemon over loopback sockets, attached, changed and detached on the wheel
/// thread through <see cref="RunHost.Post"/>.</summary>
public sealed class MdFaultLoopbackTests
{
    [Fact]
    public async Task WrongPortReplyLeavesFromAnotherSocketUntilDetached()
    {
        var plan = MdPlans.Pair(out var callerAddress, out var replier, out var mdPort);
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "answer", ComId = 2201 });
        await using var host = RunHost.Create(plan, new RunHostOptions());
        await host.StartAsync();
        var fault = await AttachAsync(host, new FaultPlan { Name = "port", Kind = FaultKind.WrongPortReply, Target = new FaultTarget { Device = "replier" } });

        using var caller = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 5000 };
        caller.Bind(new IPEndPoint(Ip(callerAddress), 0));
        var target = new IPEndPoint(Ip(replier), mdPort);

        var (struckFrom, struck) = Ask(caller, target, 0x31);
        Assert.NotEqual(mdPort, struckFrom.Port);
        Assert.Equal(TrdpMessageType.Mp, struck.MessageType);

        await OnWheelAsync(host, _ => fault.Detach());
        var (repairedFrom, repaired) = Ask(caller, target, 0x32);
        Assert.Equal(mdPort, repairedFrom.Port);
        Assert.Equal(TrdpMessageType.Mp, repaired.MessageType);
        Assert.Equal(1, fault.Strikes);
        Assert.Equal(struckFrom.Address, repairedFrom.Address); // same device, another port
    }

    [Fact]
    public async Task TrdpsimCallerAcceptsAndCountsRepliesFromAnotherPort()
    {
        var plan = MdPlans.Pair(out _, out var replier, out _);
        plan.Devices[0].MdCallers.Add(new MdCallerPlan { Name = "ask", ComId = 2202, Destination = replier, Rate = 50, ReplyTimeout = TimeSpan.FromSeconds(2) });
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "answer", ComId = 2202 });
        await using var host = RunHost.Create(plan, new RunHostOptions());
        await host.StartAsync();
        var fault = await AttachAsync(host, new FaultPlan { Name = "port", Kind = FaultKind.WrongPortReply, Target = new FaultTarget { Device = "*", Telegram = "answer" } });

        var caller = MdPlans.Counters(host, "ask", MdRole.Caller);
        await WaitAsync(() => caller.RepliesFromOtherPort >= 5);
        await host.StopAsync();

        Assert.True(caller.RepliesFromOtherPort >= 5, $"{caller.RepliesFromOtherPort} replies from another port");
        Assert.True(caller.Ok >= caller.RepliesFromOtherPort, $"ok {caller.Ok}");
        Assert.Equal(0, caller.Timeouts);
        Assert.True(fault.Strikes >= caller.RepliesFromOtherPort);
    }

    [Fact]
    public async Task WithheldReplyAttachedLiveTimesOutCallsUntilItsIntensityGoesToZero()
    {
        var plan = MdPlans.Pair(out _, out var replier, out _);
        plan.Devices[0].MdCallers.Add(new MdCallerPlan { Name = "ask", ComId = 2203, Destination = replier, Rate = 40, ReplyTimeout = TimeSpan.FromMilliseconds(100), Retries = 1 });
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "answer", ComId = 2203 });
        await using var host = RunHost.Create(plan, new RunHostOptions());
        await host.StartAsync();
        var caller = MdPlans.Counters(host, "ask", MdRole.Caller);
        var replies = MdPlans.Counters(host, "answer", MdRole.Replier);
        var fault = await AttachAsync(host, new FaultPlan { Name = "mute", Kind = FaultKind.WithheldReply, Target = new FaultTarget { Device = "replier", ComId = 2203 } });

        await WaitAsync(() => caller.Timeouts >= 3);
        await OnWheelAsync(host, _ => fault.Intensity = 0);
        var okBefore = Interlocked.Read(ref caller.Ok);
        await WaitAsync(() => caller.Ok >= okBefore + 5);
        await host.StopAsync();

        Assert.True(caller.Timeouts >= 3, $"timeouts {caller.Timeouts}");
        Assert.True(caller.Retries >= caller.Timeouts, $"retries {caller.Retries} for {caller.Timeouts} timeouts");
        Assert.True(caller.Ok >= okBefore + 5, $"ok {caller.Ok} after easing off (was {okBefore})");
        Assert.Equal(fault.Strikes, replies.NoReplies);
    }

    [Fact]
    public async Task WrongPortFaultOnTcpRepliersOnlyIsAnError()
    {
        var plan = MdPlans.Pair(out _, out _, out _);
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "tcp-answer", ComId = 2204, Protocol = MdProtocol.Tcp });
        await using var host = RunHost.Create(plan, new RunHostOptions());

        var errors = new List<string>();
        var fault = MdFaultBinder.Attach(host.Run.Outlets, host.Run.Faults.Wheel!, new FaultPlan { Name = "port", Kind = FaultKind.WrongPortReply, Target = new FaultTarget { Device = "replier" } }, 1, errors);

        Assert.Null(fault);
        Assert.Contains("answers over TCP", Assert.Single(errors), StringComparison.Ordinal);
        Assert.All(host.Run.Outlets.Outlets, outlet => Assert.Null(outlet.AlternatePort));
    }

    private static async Task<InjectedFault> AttachAsync(RunHost host, FaultPlan plan)
    {
        var errors = new List<string>();
        var fault = await OnWheelAsync(host, run => MdFaultBinder.Attach(run.Outlets, run.Faults.Wheel!, plan, 1, errors));
        Assert.True(fault is not null, string.Join(Environment.NewLine, errors));
        return fault!;
    }

    private static async Task<T> OnWheelAsync<T>(RunHost host, Func<LiveRun, T> change)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Post(run =>
        {
            try
            {
                done.SetResult(change(run));
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static Task<bool> OnWheelAsync(RunHost host, Action<LiveRun> change) =>
        OnWheelAsync(host, run =>
        {
            change(run);
            return true;
        });

    /// <summary>Waits (bounded, generously: a loaded CI machine) for a condition.</summary>
    private static async Task WaitAsync(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++)
        {
            await Task.Delay(100);
        }
    }

    private static (IPEndPoint From, MdHeader Reply) Ask(Socket caller, IPEndPoint target, byte session)
    {
        var frame = new byte[1024];
        var request = new MdHeader
        {
            MessageType = TrdpMessageType.Mr, ComId = 2201, ReplyTimeoutMicros = 1_000_000,
            SessionId = SessionId.FromBytes(Enumerable.Repeat(session, 16).ToArray()),
        };
        caller.SendTo(frame.AsSpan(0, MdFrame.Encode(frame, request, new byte[4])), SocketFlags.None, target);
        var reply = new byte[1024];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        var length = caller.ReceiveFrom(reply, ref from);
        Assert.Equal(FrameCheck.Ok, MdFrame.TryDecode(reply.AsSpan(0, length), out var header));
        Assert.Equal(request.SessionId, header.SessionId);
        return ((IPEndPoint)from, header);
    }

    private static IPAddress Ip(uint address) => new(BinaryPrimitives.ReverseEndianness(address));
}
