using TrdpSim.Devices;
using TrdpSim.Plan;
using TrdpSim.Plan.Faults;
using TrdpSim.Protocol.Datasets;

namespace TrdpSim.Composition;

/// <summary>Finds a live run's devices and telegrams by the names a plan gives them, with each telegram's
/// dataset layout; built once, read from any thread (the lists never change during a run).</summary>
/// <remarks>A plan name matches the telegram of that name and its numbered instances <c>name#i</c>
/// (<see cref="FaultTargets.NameMatches"/>). A subscription's layout is the dataset of the plan's
/// publication of the same ComId: subscriptions name no dataset of their own.</remarks>
internal sealed class TelegramDirectory
{
    private readonly LiveRun _run;
    private readonly Dictionary<Publication, DatasetLayout> _publicationLayouts = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<uint, DatasetLayout> _layoutsByComId = [];
    private readonly List<(VirtualDevice Device, Subscription Subscription)> _subscriptions = [];

    public TelegramDirectory(RunPlan plan, LiveRun run)
    {
        _run = run;
        var scratch = new List<PlanError>();
        var datasets = new DatasetResolver(plan.Datasets, scratch);
        foreach (var devicePlan in plan.Devices)
        {
            var device = Device(devicePlan.Name);
            foreach (var publicationPlan in devicePlan.Publications)
            {
                if (publicationPlan.DatasetId is not { } id || datasets.Layout(id, publicationPlan.Origin, scratch) is not { } layout)
                {
                    continue;
                }

                for (var i = 0; i < publicationPlan.Count; i++)
                {
                    _layoutsByComId.TryAdd(publicationPlan.ComId + ((uint)i * publicationPlan.ComIdStep), layout);
                }

                foreach (var publication in device?.Publications ?? [])
                {
                    if (FaultTargets.NameMatches(publication.Name, publicationPlan.Name))
                    {
                        _publicationLayouts.TryAdd(publication, layout);
                    }
                }
            }
        }

        foreach (var device in run.Devices)
        {
            foreach (var subscription in device.Unicast.Subscriptions)
            {
                _subscriptions.Add((device, subscription));
            }

            foreach (var subscription in device.Multicast?.Subscriptions ?? [])
            {
                _subscriptions.Add((device, subscription));
            }
        }
    }

    public VirtualDevice? Device(string name)
    {
        foreach (var device in _run.Devices)
        {
            if (string.Equals(device.Name, name, StringComparison.Ordinal))
            {
                return device;
            }
        }

        return null;
    }

    /// <summary>The publications called <paramref name="telegram"/> (or its instances), on one device or all;
    /// empty with a reason when there are none.</summary>
    public List<(VirtualDevice Device, Publication Publication)> Publications(string? telegram, string? device, out ControlResult? problem)
    {
        telegram ??= string.Empty;
        var found = new List<(VirtualDevice, Publication)>();
        problem = UnknownDevice(device);
        if (problem is not null)
        {
            return found;
        }

        foreach (var candidate in _run.Devices)
        {
            if (device is not null && !string.Equals(candidate.Name, device, StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var publication in candidate.Publications)
            {
                if (FaultTargets.NameMatches(publication.Name, telegram))
                {
                    found.Add((candidate, publication));
                }
            }
        }

        if (found.Count == 0)
        {
            problem = ControlResult.NotFound($"no published telegram named '{telegram}'{OnDevice(device)}");
        }

        return found;
    }

    /// <summary>The subscriptions called <paramref name="telegram"/> (or its instances), on one device or all.</summary>
    public List<(VirtualDevice Device, Subscription Subscription)> Subscriptions(string? telegram, string? device)
    {
        telegram ??= string.Empty;
        var found = new List<(VirtualDevice, Subscription)>();
        foreach (var entry in _subscriptions)
        {
            if ((device is null || string.Equals(entry.Device.Name, device, StringComparison.Ordinal)) &&
                FaultTargets.NameMatches(entry.Subscription.Name, telegram))
            {
                found.Add(entry);
            }
        }

        return found;
    }

    /// <summary>The layout of a publication's dataset; null when it has none (a payload length only).</summary>
    public DatasetLayout? Layout(Publication publication) => _publicationLayouts.GetValueOrDefault(publication);

    /// <summary>The layout of the dataset a subscription receives, from the plan's publication of its ComId.</summary>
    public DatasetLayout? Layout(Subscription subscription) => _layoutsByComId.GetValueOrDefault(subscription.ComId);

    /// <summary>Why <paramref name="device"/> names no device of the run, or null (also for no device at all).</summary>
    public ControlResult? UnknownDevice(string? device) =>
        device is null || Device(device) is not null ? null : ControlResult.NotFound($"no device named '{device}'");

    public static string OnDevice(string? device) => device is null ? string.Empty : $" on device '{device}'";
}
