using TrdpSim.Buffers;
using TrdpSim.Faults;
using TrdpSim.Pipeline;
using TrdpSim.Plan;
using TrdpSim.Scheduling;
using TrdpSim.Telemetry;
using TrdpSim.Transport;

namespace TrdpSim.Composition;

/// <summary>What the builders share while one run is assembled from its plan.</summary>
internal sealed class RunAssembly
{
    public RunAssembly(RunPlan plan, IUdpTransport transport, SendQueue queue, DatasetResolver datasets, List<PlanError> scratch)
    {
        Plan = plan;
        Transport = transport;
        Queue = queue;
        Datasets = datasets;
        Scratch = scratch;
        Telemetry = new RunTelemetry(plan.Name, new StallMonitor(plan.Engine.StallThreshold.Ticks * 100), EngineSetup.Threads(plan.Engine))
        {
            StallsInVerdicts = plan.Engine.StallsInVerdicts,
        };
        Inbox = new WheelInbox(Telemetry);
    }

    public RunPlan Plan { get; }

    public IUdpTransport Transport { get; }

    /// <summary>The send stage: every port's batch is flushed at the end of each tick.</summary>
    public SendQueue Queue { get; }

    public RunTelemetry Telemetry { get; }

    public DatasetResolver Datasets { get; }

    /// <summary>Where receive threads post work for the wheel thread (MD frames, pull requests).</summary>
    public WheelInbox Inbox { get; }

    /// <summary>Every outlet of the run (what faults attach to).</summary>
    public OutletRegistry Outlets { get; } = new();

    /// <summary>Frame copies of PD outlets: the fault stage's copies, pull and statistics replies.</summary>
    public TelegramBufferPool PdCopies { get; } = new(PinnedBlockPool.ProcessDataBlockSize, FaultInjector.MaxRetainedCopies);

    /// <summary>Frame copies of MD outlets (frames up to a send slot; larger ones skip the frame faults).</summary>
    public TelegramBufferPool MdCopies { get; } = new(SendPort.SlotBytes, FaultInjector.MaxRetainedCopies);

    /// <summary>The run's recording, when there is one: hands each seam its tap (null: not recorded there).</summary>
    public IFrameTaps? Taps { get; init; }

    /// <summary>The tap of one seam of <paramref name="device"/>; TOS as the socket sets it from the QoS (qos·32).</summary>
    public IFrameTap? Tap(string device, FrameDirection direction, FrameTransport transport, byte qos, byte ttl) =>
        Taps?.For(new FrameTapPoint(device, direction, transport, (byte)(qos << 5), ttl));

    /// <summary>What a received frame's destination is recorded as: the socket's address and port, or for a
    /// wildcard-bound group socket with one group that group (with several the group is not known per datagram).</summary>
    public static Ip4Endpoint RecordedDestination(IUdpEndpoint socket, IReadOnlyList<uint> groups) =>
        socket.LocalEndpoint.Address == 0 && groups.Count == 1 ? new Ip4Endpoint(groups[0], socket.LocalEndpoint.Port) : socket.LocalEndpoint;

    /// <summary>Where errors of a second look at the plan go (the plan is valid by now; kept for the resolver).</summary>
    public List<PlanError> Scratch { get; }
}
