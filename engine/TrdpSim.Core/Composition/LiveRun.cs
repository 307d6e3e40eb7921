using TrdpSim.Devices;
using TrdpSim.Devices.Md;
using TrdpSim.Faults;
using TrdpSim.Pipeline;
using TrdpSim.Telemetry;

namespace TrdpSim.Composition;

/// <summary>A plan turned into live devices, their scheduled telegrams and the run's statistics.</summary>
public sealed class LiveRun : IDisposable
{
    internal LiveRun(RunAssembly run, List<VirtualDevice> devices, List<ScheduledStart> starts)
    {
        Telemetry = run.Telemetry;
        Devices = devices;
        Outlets = run.Outlets;
        Faults = new FaultInjector(run.Outlets, run.Telemetry, run.PdCopies, run.Plan.Seed);
        Starts = starts;
        WheelInbox = run.Inbox;
        foreach (var device in devices)
        {
            if (device.Md is { } station)
            {
                _stations.Add(station);
            }
        }
    }

    private readonly List<MdStation> _stations = [];

    /// <summary>Received MD frames and pull requests on their way to the wheel thread.</summary>
    public WheelInbox WheelInbox { get; }

    /// <summary>Every way to the wire of this run: one outlet per telegram, pull reply, MD caller and listener.</summary>
    public OutletRegistry Outlets { get; }

    /// <summary>Devices' MD sides (empty when the plan has no message data).</summary>
    public IReadOnlyList<MdStation> MdStations => _stations;

    public RunTelemetry Telemetry { get; }

    /// <summary>Injects, ramps and repairs faults on this run's telegrams (wheel thread only).</summary>
    public FaultInjector Faults { get; }

    public IReadOnlyList<VirtualDevice> Devices { get; }

    /// <summary>Every wheel-driven telegram with its first deadline, relative to the run start.</summary>
    public IReadOnlyList<ScheduledStart> Starts { get; }

    /// <summary>Finds a cyclic telegram instance by name (runtime commands).</summary>
    public OutgoingTelegram? FindTelegram(string name)
    {
        foreach (var start in Starts)
        {
            if (string.Equals(start.Telegram.Name, name, StringComparison.Ordinal))
            {
                return start.Telegram;
            }
        }

        return null;
    }

    public void Dispose()
    {
        foreach (var device in Devices)
        {
            device.Dispose();
        }
    }
}

/// <summary>A wheel-driven telegram and its first deadline offset from the run start.</summary>
public readonly record struct ScheduledStart(OutgoingTelegram Telegram, long OffsetNanoseconds);
