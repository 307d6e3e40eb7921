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
        Redundancy = RedundancyGroup.Collect(devices, run.Telemetry);
        foreach (var device in devices)
        {
            if (device.Md is { } station)
            {
                _stations.Add(station);
            }
        }

        PutBehindGate();
    }

    private readonly List<MdStation> _stations = [];

    /// <summary>Received MD frames and pull requests on their way to the wheel thread.</summary>
    internal WheelInbox WheelInbox { get; }

    /// <summary>Every way to the wire of this run: one outlet per telegram, pull reply, MD caller and listener.</summary>
    internal OutletRegistry Outlets { get; }

    /// <summary>Devices' MD sides (empty when the plan has no message data).</summary>
    internal IReadOnlyList<MdStation> MdStations => _stations;

    internal RunTelemetry Telemetry { get; }

    /// <summary>The run's pause switch: every cyclic telegram, MD caller and subscription supervision obeys it
    /// (changed through <see cref="RunControl"/> on the wheel thread).</summary>
    internal TrafficGate Traffic { get; } = new();

    /// <summary>Injects, ramps and repairs faults on this run's telegrams (wheel thread only).</summary>
    internal FaultInjector Faults { get; }

    internal IReadOnlyList<VirtualDevice> Devices { get; }

    /// <summary>The run's redundancy groups: which device leads each (changed through <see cref="RunControl"/>).</summary>
    internal IReadOnlyList<RedundancyGroup> Redundancy { get; }

    /// <summary>Every wheel-driven telegram with its first deadline, relative to the run start.</summary>
    internal IReadOnlyList<ScheduledStart> Starts { get; }

    /// <summary>Finds a cyclic telegram instance by name (runtime commands).</summary>
    internal OutgoingTelegram? FindTelegram(string name)
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

    /// <summary>Puts everything that sends on its own, and every subscription's supervision, behind <see cref="Traffic"/>.</summary>
    private void PutBehindGate()
    {
        foreach (var device in Devices)
        {
            foreach (var publication in device.Publications)
            {
                publication.Gate = Traffic;
            }

            foreach (var pull in device.PullRequesters)
            {
                pull.Gate = Traffic;
            }

            device.Unicast.Gate = Traffic;
            if (device.Multicast is { } multicast)
            {
                multicast.Gate = Traffic;
            }
        }

        foreach (var station in _stations)
        {
            foreach (var caller in station.Callers)
            {
                caller.Gate = Traffic;
            }
        }
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
internal readonly record struct ScheduledStart(OutgoingTelegram Telegram, long OffsetNanoseconds);
