using TrdpSim.Devices;
using TrdpSim.Pipeline;
using TrdpSim.Plan;
using TrdpSim.Plan.Validation;
using TrdpSim.Protocol;
using TrdpSim.Scheduling;
using TrdpSim.Telemetry;
using TrdpSim.Transport;

namespace TrdpSim.Composition;

/// <summary>Compiles a <see cref="RunPlan"/> into devices, sockets and scheduled telegrams.</summary>
/// <remarks>
/// Two passes: <see cref="Validate"/> is pure and collects every problem with its source location;
/// <see cref="Build"/> runs only on a valid plan, opens the sockets and creates the runtime objects.
/// Set-up cost (allocation, dictionaries) is paid here so that the run itself allocates nothing.
/// </remarks>
public static class RunBuilder
{
    /// <summary>Smallest subscription timeout; shorter ones are raised to it (TCNopen does the same).</summary>
    public const long MinimumTimeoutNanoseconds = 5_000_000;

    /// <summary>Shortest pull interval (the shortest publication cycle too).</summary>
    public static readonly TimeSpan MinimumPullInterval = TimeSpan.FromMilliseconds(1);

    /// <summary>Every problem that would stop <paramref name="plan"/> from running.</summary>
    public static IReadOnlyList<PlanError> Validate(RunPlan plan)
    {
        var errors = new List<PlanError>();
        var datasets = new DatasetResolver(plan.Datasets, errors);
        foreach (var device in plan.Devices)
        {
            foreach (var publication in device.Publications)
            {
                var layout = publication.DatasetId is { } id ? datasets.Layout(id, publication.Origin, errors) : null;
                var length = layout?.Size ?? publication.PayloadLength;
                if (length > PdFrame.MaxDatasetLength)
                {
                    errors.Add(new PlanError(publication.Origin, $"publication '{publication.Name}': payload of {length} bytes exceeds the PD limit of {PdFrame.MaxDatasetLength}"));
                }

                GeneratorFactory.Validate(publication, layout, errors);
            }

            foreach (var pull in device.PullRequests)
            {
                // TOML rejects these while reading; a scenario's plan.pull() reaches here unchecked.
                if (pull.Interval < MinimumPullInterval)
                {
                    errors.Add(new PlanError(pull.Origin, $"pull '{pull.Name}': 'interval' must be at least 1ms, not {pull.Interval.TotalMilliseconds}ms"));
                }

                if (pull.Timeout <= TimeSpan.Zero)
                {
                    errors.Add(new PlanError(pull.Origin, $"pull '{pull.Name}': 'timeout' must be positive"));
                }
            }

            MdStationBuilder.Validate(device, datasets, errors);
        }

        FaultPlanValidator.Validate(plan, errors);
        ScenarioPlanChecks.Validate(plan, errors);
        return errors;
    }

    /// <summary>Builds the run. Throws <see cref="PlanException"/> when the plan is invalid, and
    /// <see cref="DeviceSocketException"/> when a device's socket cannot be opened (the sockets opened
    /// before it are closed again).</summary>
    /// <param name="plan">A plan (validated here).</param>
    /// <param name="transport">The datagram transport.</param>
    /// <param name="queue">The send stage the devices' batches flush through.</param>
    /// <param name="gridNanoseconds">The grid traffic shaping puts first sends on (the send grid: the wheel tick,
    /// or coarser for the efficient wait), so every intended send time is an instant the wait can hit.</param>
    public static LiveRun Build(RunPlan plan, IUdpTransport transport, SendQueue queue, long gridNanoseconds)
    {
        var errors = Validate(plan);
        if (errors.Count > 0)
        {
            throw new PlanException(errors);
        }

        var scratch = new List<PlanError>();
        var datasets = new DatasetResolver(plan.Datasets, scratch);
        var telemetry = new RunTelemetry(plan.Name, new StallMonitor(plan.Engine.StallThreshold.Ticks * 100), EngineSetup.Threads(plan.Engine))
        {
            StallsInVerdicts = plan.Engine.StallsInVerdicts,
        };
        var devices = new List<VirtualDevice>();
        var starts = new List<ScheduledStart>();
        var cycles = CyclesByComId(plan);
        var inbox = new MdInbox(telemetry);
        try
        {
            foreach (var devicePlan in plan.Devices)
            {
                devices.Add(BuildDevice(plan, devicePlan, transport, queue, telemetry, datasets, cycles, starts, inbox, scratch));
            }
        }
        catch
        {
            foreach (var device in devices)
            {
                device.Dispose();
            }

            throw;
        }

        AssignOffsets(plan, starts, gridNanoseconds);
        return new LiveRun(telemetry, devices, starts, inbox, plan.Seed);
    }

    private static VirtualDevice BuildDevice(RunPlan plan, DevicePlan devicePlan, IUdpTransport transport, SendQueue queue,
        RunTelemetry telemetry, DatasetResolver datasets, Dictionary<uint, long> cycles, List<ScheduledStart> starts, MdInbox inbox, List<PlanError> scratch)
    {
        var network = plan.Network;
        var address = devicePlan.Address;
        var owned = new List<IUdpEndpoint>();
        var sockets = new DeviceSockets(transport, devicePlan.Name, telemetry);
        VirtualDevice? device = null;
        DeviceSender CreateSender(Ip4Endpoint? peer)
        {
            var endpoint = sockets.Open(DeviceSockets.PdSend, new UdpEndpointOptions
            {
                BindAddress = address, Port = 0, Qos = network.PdQos, Ttl = network.PdTtl, MulticastInterface = address, ConnectTo = peer,
            });
            owned.Add(endpoint);
            return new DeviceSender(endpoint, queue, telemetry.SendLateness);
        }

        try
        {
            // The device's own address and port: a second stack bound there would take part of its unicast
            // traffic, so it is refused (ExclusiveBind); wildcard-bound sockets on the port may coexist.
            var receive = sockets.Open(DeviceSockets.PdReceive, new UdpEndpointOptions
            {
                BindAddress = address, Port = network.PdPort, Qos = network.PdQos, Ttl = network.PdTtl, ExclusiveBind = true,
            });
            owned.Add(receive);
            var reply = sockets.Open(DeviceSockets.PdReply, new UdpEndpointOptions { BindAddress = address, Port = 0, Qos = network.PdQos, Ttl = network.PdTtl });
            owned.Add(reply);

            var groups = MulticastGroups(devicePlan);
            IUdpEndpoint? multicastReceive = null;
            if (groups.Count > 0)
            {
                // 0.0.0.0:pdPort, shared by every device that joins a group (SO_REUSEADDR). SO_REUSEPORT keeps
                // it, as before, in the reuse-port group of a wildcard-bound stack beside trdpsim (TCNopen sets
                // both), instead of taking all of that stack's wildcard unicast when bound after it.
                multicastReceive = sockets.Open(DeviceSockets.PdMulticast, new UdpEndpointOptions
                {
                    BindAddress = 0, Port = network.PdPort, MulticastGroups = groups, MulticastInterface = address, ReusePort = true,
                });
                owned.Add(multicastReceive);
            }

            var unicast = new PdDispatcher(telemetry, devicePlan.EtbTopoCount, devicePlan.OpTrainTopoCount, network.PdPort, reply);
            var multicast = multicastReceive is null ? null
                : new PdDispatcher(telemetry, devicePlan.EtbTopoCount, devicePlan.OpTrainTopoCount, network.PdPort, null);
            if (network.PdStatistics)
            {
                var statistics = new DeviceStatistics(devicePlan, network, telemetry, (uint)(groups.Count + MdStationBuilder.ReplierGroups(devicePlan).Count));
                statistics.Dispatchers.Add(unicast);
                if (multicast is not null)
                {
                    statistics.Dispatchers.Add(multicast);
                }

                unicast.Statistics = statistics;
            }

            device = new VirtualDevice(devicePlan.Name, address, CreateSender, unicast, multicast);
            AddPublications(plan, devicePlan, device, telemetry, datasets, starts, scratch);
            AddSubscriptions(plan, devicePlan, device, telemetry, cycles);
            AddPulls(plan, devicePlan, device, telemetry, starts);
            device.Md = MdStationBuilder.Build(plan, devicePlan, sockets, queue, telemetry, datasets, inbox, owned, device.MdLoops, device.Disposables, scratch);
            foreach (var endpoint in owned)
            {
                device.Own(endpoint);
            }

            device.AddReceiver(devicePlan.Name, receive, unicast, telemetry);
            if (multicastReceive is not null && multicast is not null)
            {
                device.AddReceiver(devicePlan.Name + "-mc", multicastReceive, multicast, telemetry);
            }

            return device;
        }
        catch
        {
            foreach (var endpoint in owned)
            {
                endpoint.Dispose();
            }

            // A TCP MD listener opened before the failure, so the port is free again for the next try.
            foreach (var disposable in device?.Disposables ?? [])
            {
                disposable.Dispose();
            }

            throw;
        }
    }

    private static void AddPublications(RunPlan plan, DevicePlan devicePlan, VirtualDevice device, RunTelemetry telemetry,
        DatasetResolver datasets, List<ScheduledStart> starts, List<PlanError> scratch)
    {
        foreach (var publicationPlan in devicePlan.Publications)
        {
            var group = telemetry.AddGroup(devicePlan.Name, publicationPlan.Name, TelegramRole.Publish, publicationPlan.ComId);
            var layout = publicationPlan.DatasetId is { } id ? datasets.Layout(id, publicationPlan.Origin, scratch) : null;
            var payload = new byte[layout?.Size ?? publicationPlan.PayloadLength];
            var port = publicationPlan.DestinationPort != 0 ? publicationPlan.DestinationPort : plan.Network.PdPort;
            var header = new PdHeader
            {
                ProtocolVersion = PdFrame.CurrentProtocolVersion,
                EtbTopoCount = publicationPlan.EtbTopoCount,
                OpTrainTopoCount = publicationPlan.OpTrainTopoCount,
            };
            var cycle = publicationPlan.Cycle.Ticks * 100;
            for (var i = 0; i < publicationPlan.Count; i++)
            {
                var comId = publicationPlan.ComId + ((uint)i * publicationPlan.ComIdStep);
                var name = publicationPlan.Count == 1 ? publicationPlan.Name : $"{publicationPlan.Name}#{i}";
                var generators = GeneratorFactory.Create(publicationPlan, layout, plan.Seed, devicePlan.Name, i);
                var destination = new Ip4Endpoint(publicationPlan.Destination, port);
                var publication = new Publication(name, comId, device.SenderFor(destination), group.AddInstance(), group,
                    destination, header, payload, generators)
                {
                    CycleNanoseconds = cycle,
                    PullOnly = cycle <= 0,
                };
                device.Publications.Add(publication);
                // Any publication answers a 'Pr' whose ComId the device subscribes (TCNopen's rule;
                // the plan must declare that subscription, as a TCNopen application must).
                device.Unicast.AddPullSource(publication);
                if (cycle > 0)
                {
                    starts.Add(new ScheduledStart(publication, publicationPlan.Offset is { } offset ? offset.Ticks * 100 : -1));
                }
            }
        }
    }

    private static void AddSubscriptions(RunPlan plan, DevicePlan devicePlan, VirtualDevice device, RunTelemetry telemetry, Dictionary<uint, long> cycles)
    {
        foreach (var subscriptionPlan in devicePlan.Subscriptions)
        {
            var group = telemetry.AddGroup(devicePlan.Name, subscriptionPlan.Name, TelegramRole.Subscribe, subscriptionPlan.ComId);
            var timeout = TimeoutNanoseconds(subscriptionPlan.Timeout, plan.Network.DefaultPdTimeout);
            var filter = new SubscriptionFilter(subscriptionPlan.Source, subscriptionPlan.Source2, subscriptionPlan.EtbTopoCount, subscriptionPlan.OpTrainTopoCount);
            var dispatcher = subscriptionPlan.Destination != 0 && device.Multicast is not null ? device.Multicast : device.Unicast;
            for (var i = 0; i < subscriptionPlan.Count; i++)
            {
                var comId = subscriptionPlan.ComId + ((uint)i * subscriptionPlan.ComIdStep);
                var expected = subscriptionPlan.ExpectedCycle is { } given ? given.Ticks * 100 : cycles.GetValueOrDefault(comId);
                var name = subscriptionPlan.Count == 1 ? subscriptionPlan.Name : $"{subscriptionPlan.Name}#{i}";
                dispatcher.Add(new Subscription(name, comId, group.AddInstance(), group, filter, timeout,
                    subscriptionPlan.TimeoutBehavior == TimeoutBehavior.Zero, expected));
            }
        }
    }

    private static void AddPulls(RunPlan plan, DevicePlan devicePlan, VirtualDevice device, RunTelemetry telemetry, List<ScheduledStart> starts)
    {
        foreach (var pullPlan in devicePlan.PullRequests)
        {
            var group = telemetry.AddGroup(devicePlan.Name, pullPlan.Name, TelegramRole.Pull, pullPlan.ComId);
            var counters = group.AddInstance();
            var replyComId = pullPlan.ReplyComId != 0 ? pullPlan.ReplyComId : pullPlan.ComId;
            var replyAddress = pullPlan.ReplyAddress != 0 ? pullPlan.ReplyAddress : devicePlan.Address;
            var target = new Ip4Endpoint(pullPlan.Target, plan.Network.PdPort);
            var requester = new PullRequester(pullPlan.Name, device.SenderFor(target), counters, group,
                target, pullPlan.ComId, replyComId, replyAddress, pullPlan.Interval.Ticks * 100, pullPlan.Timeout.Ticks * 100);
            device.PullRequesters.Add(requester);

            // The 'Pp' reaches the requester through a subscription of the reply ComId, which also
            // applies the sequence rule to pull replies (tracked apart from 'Pd', trdp-wire.md §7.2).
            // Use the plan's own subscription when it has one; otherwise add an unsupervised one.
            if (device.Unicast.FindFirst(replyComId) is { } existing)
            {
                existing.Puller = requester;
            }
            else
            {
                device.Unicast.Add(new Subscription(pullPlan.Name + ".reply", replyComId, counters, group, default, 0, false, 0)
                {
                    Puller = requester,
                });
            }
            starts.Add(new ScheduledStart(requester, -1));
        }
    }

    private static void AssignOffsets(RunPlan plan, List<ScheduledStart> starts, long gridNanoseconds)
    {
        var shortest = long.MaxValue;
        var shaped = 0;
        foreach (var start in starts)
        {
            if (start.OffsetNanoseconds < 0)
            {
                shaped++;
                shortest = Math.Min(shortest, start.Telegram.CycleNanoseconds);
            }
        }

        var index = 0;
        for (var i = 0; i < starts.Count; i++)
        {
            if (starts[i].OffsetNanoseconds >= 0)
            {
                continue;
            }

            var offset = plan.Network.TrafficShaping ? TrafficShaper.Offset(index++, shaped, shortest, gridNanoseconds) : 0;
            starts[i] = starts[i] with { OffsetNanoseconds = offset };
        }
    }

    private static long TimeoutNanoseconds(TimeSpan? configured, TimeSpan fallback)
    {
        var timeout = configured ?? fallback;
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return 0;
        }

        return Math.Max(timeout.Ticks * 100, MinimumTimeoutNanoseconds);
    }

    private static Dictionary<uint, long> CyclesByComId(RunPlan plan)
    {
        var cycles = new Dictionary<uint, long>();
        foreach (var device in plan.Devices)
        {
            foreach (var publication in device.Publications)
            {
                for (var i = 0; i < publication.Count; i++)
                {
                    cycles.TryAdd(publication.ComId + ((uint)i * publication.ComIdStep), publication.Cycle.Ticks * 100);
                }
            }
        }

        return cycles;
    }

    private static List<uint> MulticastGroups(DevicePlan device)
    {
        var groups = new List<uint>();
        foreach (var subscription in device.Subscriptions)
        {
            if (subscription.Destination != 0 && !groups.Contains(subscription.Destination))
            {
                groups.Add(subscription.Destination);
            }
        }

        return groups;
    }
}
