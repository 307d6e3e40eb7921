using TrdpSim.Devices;
using TrdpSim.Pipeline;
using TrdpSim.Plan;
using TrdpSim.Plan.Validation;
using TrdpSim.Protocol;
using TrdpSim.Protocol.Statistics;
using TrdpSim.Scheduling;
using TrdpSim.Telemetry;
using TrdpSim.Transport;

namespace TrdpSim.Composition;

/// <summary>Compiles a <see cref="RunPlan"/> into devices, sockets and scheduled telegrams.</summary>
/// <remarks>
/// <see cref="Build"/> first has <see cref="PlanValidator"/> judge the plan (every problem with its source
/// location); it runs only on a valid plan, opens the sockets and creates the runtime objects.
/// Set-up cost (allocation, dictionaries) is paid here so that the run itself allocates nothing.
/// </remarks>
internal static class RunBuilder
{
    /// <summary>Smallest subscription timeout; shorter ones are raised to it (TCNopen does the same).</summary>
    public const long MinimumTimeoutNanoseconds = 5_000_000;

    /// <summary>Builds the run. Throws <see cref="PlanException"/> when the plan is invalid, and
    /// <see cref="DeviceSocketException"/> when a device's socket cannot be opened (the sockets opened
    /// before it are closed again).</summary>
    /// <param name="plan">A plan (validated here).</param>
    /// <param name="transport">The datagram transport.</param>
    /// <param name="queue">The send stage the devices' batches flush through.</param>
    /// <param name="gridNanoseconds">The grid traffic shaping puts first sends on (the send grid: the wheel tick,
    /// or coarser for the efficient wait), so every intended send time is an instant the wait can hit.</param>
    /// <param name="taps">A recording's taps for the run's seams; null (the usual case) records nothing.</param>
    public static LiveRun Build(RunPlan plan, IUdpTransport transport, SendQueue queue, long gridNanoseconds, IFrameTaps? taps = null)
    {
        var errors = PlanValidator.Validate(plan);
        if (errors.Count > 0)
        {
            throw new PlanException(errors);
        }

        var scratch = new List<PlanError>();
        var run = new RunAssembly(plan, transport, queue, new DatasetResolver(plan.Datasets, scratch), scratch) { Taps = taps };
        var devices = new List<VirtualDevice>();
        var starts = new List<ScheduledStart>();
        var cycles = CyclesByComId(plan);
        try
        {
            foreach (var devicePlan in plan.Devices)
            {
                devices.Add(BuildDevice(run, devicePlan, cycles, starts));
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
        if (run.Telemetry.TcpEndpoints.Count > 0)
        {
            // MD over TCP arrives on the thread pool: a pool that runs work late is a stall of trdpsim's MD receiving.
            // First in each wake-up, so it is promised for the time it is queued, not after a long inbox drain.
            queue.AddTickWork(new TcpIoWatch(run.Telemetry.Stalls.CreateProbe(StallSources.MdReceive, "tcp-io")));
        }

        // Received MD frames and pull requests are handled on the wheel thread at every wake-up, before the
        // due timers fire (posting wakes the wheel).
        queue.AddTickWork(new WheelInboxWork(run.Inbox));

        return new LiveRun(run, devices, starts);
    }

    private static VirtualDevice BuildDevice(RunAssembly run, DevicePlan devicePlan, Dictionary<uint, long> cycles, List<ScheduledStart> starts)
    {
        var (plan, queue, telemetry) = (run.Plan, run.Queue, run.Telemetry);
        var network = plan.Network;
        var address = devicePlan.Address;
        var owned = new List<IUdpEndpoint>();
        var sockets = new DeviceSockets(run.Transport, devicePlan.Name, telemetry, plan.Engine.ReceiveBufferBytes);
        VirtualDevice? device = null;
        var sentTap = run.Tap(devicePlan.Name, FrameDirection.Sent, FrameTransport.Udp, network.PdQos, network.PdTtl);
        var receivedTap = run.Tap(devicePlan.Name, FrameDirection.Received, FrameTransport.Udp, network.PdQos, network.PdTtl);
        SendPort CreatePort(Ip4Endpoint? peer, int face)
        {
            // A multi-homed device's interface sends from its own address (multicast leaves by that interface too).
            var from = face == 0 ? address : devicePlan.Interfaces[face];
            var endpoint = sockets.Open(DeviceSockets.PdSend, new UdpEndpointOptions
            {
                BindAddress = from, Port = 0, Qos = network.PdQos, Ttl = network.PdTtl, MulticastInterface = from, ConnectTo = peer,
            });
            owned.Add(endpoint);
            return new SendPort(endpoint, queue, telemetry.SendLateness) { Tap = sentTap };
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
            var replyPort = new SendPort(reply, queue, telemetry.SendLateness) { Tap = sentTap };
            // A multi-homed device answers a pull on the interface it arrived on (trdp-wire.md §7.5: from its PD send
            // socket; the requester may be reachable on that path only): a reply socket bound to each further address.
            SendPort[]? replyPaths = null;
            if (devicePlan.Interfaces.Count > 1)
            {
                replyPaths = new SendPort[devicePlan.Interfaces.Count - 1];
                for (var face = 1; face < devicePlan.Interfaces.Count; face++)
                {
                    var further = sockets.Open(DeviceSockets.PdReply, new UdpEndpointOptions
                    {
                        BindAddress = devicePlan.Interfaces[face], Port = 0, Qos = network.PdQos, Ttl = network.PdTtl,
                    });
                    owned.Add(further);
                    replyPaths[face - 1] = new SendPort(further, queue, telemetry.SendLateness) { Tap = sentTap };
                }
            }

            var groups = MulticastGroups(devicePlan, -1);
            var firstGroups = MulticastGroups(devicePlan, 0);
            IUdpEndpoint? multicastReceive = null;
            if (firstGroups.Count > 0)
            {
                // 0.0.0.0:pdPort, shared by every device that joins a group (SO_REUSEADDR). SO_REUSEPORT keeps
                // it, as before, in the reuse-port group of a wildcard-bound stack beside trdpsim (TCNopen sets
                // both), instead of taking all of that stack's wildcard unicast when bound after it.
                multicastReceive = OpenMulticast(sockets, network, firstGroups, address);
                owned.Add(multicastReceive);
            }

            var unicast = new PdDispatcher(telemetry, devicePlan.EtbTopoCount, devicePlan.OpTrainTopoCount, run.Inbox, network.PdPort, answersPulls: true);
            var multicast = groups.Count == 0 ? null
                : new PdDispatcher(telemetry, devicePlan.EtbTopoCount, devicePlan.OpTrainTopoCount, run.Inbox, network.PdPort, answersPulls: false);
            if (network.PdStatistics)
            {
                var statistics = new DeviceStatistics(devicePlan, network, telemetry, (uint)(groups.Count + MdStationBuilder.ReplierGroups(devicePlan).Count));
                statistics.Dispatchers.Add(unicast);
                if (multicast is not null)
                {
                    statistics.Dispatchers.Add(multicast);
                }

                var replies = new StatisticsResponder.ReplyCounter(telemetry);
                statistics.Replies = replies;
                var outlet = run.Outlets.Add(new Outlet(OutletKind.Statistics, devicePlan.Name, "statistics", StatisticsDataset.ComId, replyPort,
                    replies, run.PdCopies));
                Outlet[]? paths = null;
                if (replyPaths is not null)
                {
                    paths = new Outlet[replyPaths.Length];
                    for (var face = 1; face <= replyPaths.Length; face++)
                    {
                        paths[face - 1] = run.Outlets.Add(new Outlet(OutletKind.Statistics, devicePlan.Name, "statistics", StatisticsDataset.ComId,
                            replyPaths[face - 1], replies, run.PdCopies) { Interface = InterfaceNames.Name(face) });
                    }
                }

                unicast.DeviceStatistics = statistics;
                unicast.Statistics = new StatisticsResponder(statistics, outlet, network.PdPort) { Paths = paths };
            }

            device = new VirtualDevice(devicePlan.Name, address, CreatePort, unicast, multicast);
            AddPublications(run, devicePlan, device, replyPort, replyPaths, starts);
            AddSubscriptions(plan, devicePlan, device, telemetry, cycles);
            AddPulls(run, devicePlan, device, starts);
            AddStatisticsPolls(run, devicePlan, device, starts);
            device.Md = MdStationBuilder.Build(run, devicePlan, sockets, owned, device.MdLoops, device.Disposables);
            run.Outlets.AddDevice(devicePlan.Name, device.Md is not null);
            foreach (var endpoint in owned)
            {
                device.Own(endpoint);
            }

            // A multi-homed device receives on every interface: a socket bound to each address, all feeding the one
            // dispatcher (through a shared gate, since each socket has its loop thread), each frame marked with the
            // interface it arrived on.
            var gate = devicePlan.Interfaces.Count > 1 ? new Lock() : null;
            device.AddReceiver(devicePlan.Name, receive, unicast, telemetry, receivedTap, RunAssembly.RecordedDestination(receive, []), 0, gate);
            for (var face = 1; face < devicePlan.Interfaces.Count; face++)
            {
                var further = sockets.Open(DeviceSockets.PdReceive, new UdpEndpointOptions
                {
                    BindAddress = devicePlan.Interfaces[face], Port = network.PdPort, Qos = network.PdQos, Ttl = network.PdTtl, ExclusiveBind = true,
                });
                device.Own(further);
                device.AddReceiver(devicePlan.Name + "/" + InterfaceNames.Name(face), further, unicast, telemetry, receivedTap,
                    RunAssembly.RecordedDestination(further, []), face, gate);
            }
            if (multicast is not null)
            {
                // A multi-homed device joins its groups on every interface: a group socket per interface, joined on
                // that interface's address (a socket hears only the groups it joined itself, IP_MULTICAST_ALL off),
                // all feeding the one multicast dispatcher through a gate of their own, each frame marked with its
                // interface, so a subscription to a group hears it on every path and counts per path. A subscription
                // scoped to some interfaces has its group joined on those only.
                var groupGate = devicePlan.Interfaces.Count > 1 ? new Lock() : null;
                if (multicastReceive is not null)
                {
                    device.AddReceiver(devicePlan.Name + "-mc", multicastReceive, multicast, telemetry, receivedTap,
                        RunAssembly.RecordedDestination(multicastReceive, firstGroups), 0, groupGate);
                }

                for (var face = 1; face < devicePlan.Interfaces.Count; face++)
                {
                    var faceGroups = MulticastGroups(devicePlan, face);
                    if (faceGroups.Count == 0)
                    {
                        continue;
                    }

                    var further = OpenMulticast(sockets, network, faceGroups, devicePlan.Interfaces[face]);
                    owned.Add(further); // closed by the catch below if a later socket fails
                    device.Own(further);
                    device.AddReceiver(devicePlan.Name + "-mc/" + InterfaceNames.Name(face), further, multicast, telemetry, receivedTap,
                        RunAssembly.RecordedDestination(further, faceGroups), face, groupGate);
                }
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

    /// <summary>A group socket on <c>0.0.0.0:pdPort</c> joined to <paramref name="groups"/> on the interface
    /// <paramref name="face"/> (its address).</summary>
    private static IUdpEndpoint OpenMulticast(DeviceSockets sockets, NetworkPlan network, List<uint> groups, uint face) =>
        sockets.Open(DeviceSockets.PdMulticast, new UdpEndpointOptions
        {
            BindAddress = 0, Port = network.PdPort, MulticastGroups = groups, MulticastInterface = face, ReusePort = true,
        });

    private static void AddPublications(RunAssembly run, DevicePlan devicePlan, VirtualDevice device, SendPort replyPort, SendPort[]? replyPaths,
        List<ScheduledStart> starts)
    {
        var (plan, telemetry, datasets, scratch) = (run.Plan, run.Telemetry, run.Datasets, run.Scratch);
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
            var cycle = publicationPlan.Cycle.ToNanoseconds();
            for (var i = 0; i < publicationPlan.Count; i++)
            {
                var comId = publicationPlan.ComId + ((uint)i * publicationPlan.ComIdStep);
                var name = publicationPlan.Count == 1 ? publicationPlan.Name : $"{publicationPlan.Name}#{i}";
                var generators = GeneratorFactory.Create(publicationPlan, layout, plan.Seed, devicePlan.Name, i);
                var destination = new Ip4Endpoint(publicationPlan.Destination, port);
                var counters = group.AddInstance();
                var publication = new Publication(name, comId, counters, group, destination, header, payload, generators)
                {
                    CycleNanoseconds = cycle,
                    PullOnly = cycle <= 0,
                    RedundancyGroup = publicationPlan.RedundancyGroup,
                    TakeoverAfterNanoseconds = TakeoverAfter(publicationPlan.TakeoverAfter),
                };
                // One outlet per interface of its scope (every interface by default): the first is the telegram's
                // outlet, the others its copies on further paths.
                var faces = ScopedFaces(publicationPlan.InterfaceScope, devicePlan);
                publication.Faces = publicationPlan.InterfaceScope.Count == 0 ? 0 : InterfaceNames.Mask(publicationPlan.InterfaceScope, devicePlan.Interfaces.Count);
                publication.Outlet = run.Outlets.Add(new Outlet(OutletKind.Publication, devicePlan.Name, name, comId, device.PortFor(destination, faces[0]),
                    publication, run.PdCopies) { Source = publication, Counters = counters, Interface = InterfaceNames.Name(faces[0]) });
                if (faces.Length > 1)
                {
                    var paths = new Outlet[faces.Length - 1];
                    for (var i2 = 1; i2 < faces.Length; i2++)
                    {
                        var face = faces[i2];
                        paths[i2 - 1] = run.Outlets.Add(new Outlet(OutletKind.Publication, devicePlan.Name, name, comId, device.PortFor(destination, face),
                            publication, run.PdCopies) { Source = publication, Counters = counters, Interface = InterfaceNames.Name(face) });
                    }

                    publication.PathOutlets = paths;
                }

                publication.PullOutlet = run.Outlets.Add(new Outlet(OutletKind.PullReply, devicePlan.Name, name, comId, replyPort,
                    publication.PullReplies, run.PdCopies));
                if (replyPaths is not null)
                {
                    // A 'Pp' leaves on the interface its 'Pr' arrived on: an outlet per interface, so a fault scoped to
                    // an interface strikes the pull replies that leave there.
                    var pulls = new Outlet[replyPaths.Length];
                    for (var face = 1; face <= replyPaths.Length; face++)
                    {
                        pulls[face - 1] = run.Outlets.Add(new Outlet(OutletKind.PullReply, devicePlan.Name, name, comId, replyPaths[face - 1],
                            publication.PullReplies, run.PdCopies) { Interface = InterfaceNames.Name(face) });
                    }

                    publication.PullPaths = pulls;
                }
                device.Publications.Add(publication);
                // Any publication answers a 'Pr' whose ComId the device subscribes (TCNopen's rule;
                // the plan must declare that subscription, as a TCNopen application must).
                device.Unicast.AddPullSource(publication);
                if (cycle > 0)
                {
                    starts.Add(new ScheduledStart(publication, publicationPlan.Offset is { } offset ? offset.ToNanoseconds() : -1));
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
            var paths = PathsOf(plan, subscriptionPlan.Source);
            // A named source is also counted per interface of a multi-homed subscriber (the interface a copy arrived
            // on, unicast or multicast: groups are joined on every interface); a subscription of any source counts no
            // paths (its sources' counters are not one sequence).
            // A subscription scoped to some interfaces hears only the copies that arrive there, and counts per path
            // among those.
            var faces = ScopedFaces(subscriptionPlan.InterfaceScope, devicePlan);
            var arrivals = subscriptionPlan.Source != 0 ? faces.Length : 1;
            var filter = new SubscriptionFilter(subscriptionPlan.Source, subscriptionPlan.Source2, subscriptionPlan.EtbTopoCount, subscriptionPlan.OpTrainTopoCount)
            {
                Paths = paths,
                Arrivals = arrivals,
                Faces = subscriptionPlan.InterfaceScope.Count == 0 ? 0 : InterfaceNames.Mask(subscriptionPlan.InterfaceScope, devicePlan.Interfaces.Count),
            };
            if (filter.HasPaths)
            {
                group.Paths = PathFiguresFor(paths?.Length ?? 1, arrivals == 1 ? [faces[0]] : faces);
            }

            var dispatcher = subscriptionPlan.Destination != 0 && device.Multicast is not null ? device.Multicast : device.Unicast;
            for (var i = 0; i < subscriptionPlan.Count; i++)
            {
                var comId = subscriptionPlan.ComId + ((uint)i * subscriptionPlan.ComIdStep);
                var expected = subscriptionPlan.ExpectedCycle is { } given ? given.ToNanoseconds() : cycles.GetValueOrDefault(comId);
                var name = subscriptionPlan.Count == 1 ? subscriptionPlan.Name : $"{subscriptionPlan.Name}#{i}";
                dispatcher.Add(new Subscription(name, comId, group.AddInstance(), group, filter, timeout,
                    subscriptionPlan.TimeoutBehavior == TimeoutBehavior.Zero, expected));
            }
        }
    }

    /// <summary>The interfaces (0 = a, 1 = b, …) an item plays on, in the device's order: its scope, else every
    /// interface of the device.</summary>
    private static int[] ScopedFaces(List<string> scope, DevicePlan device)
    {
        var mask = InterfaceNames.Mask(scope, device.Interfaces.Count);
        var faces = new int[System.Numerics.BitOperations.PopCount((uint)mask)];
        for (int face = 0, i = 0; i < faces.Length; face++)
        {
            if ((mask & (1 << face)) != 0)
            {
                faces[i++] = face;
            }
        }

        return faces;
    }

    /// <summary>One figure per path: the source's interfaces (<c>a</c>, <c>b</c>), the subscriber's (<c>a</c>, <c>b</c>),
    /// or, when both are multi-homed, each pair in the order of <see cref="SubscriptionFilter.PathIndex"/>, named
    /// source interface, <c>&gt;</c>, arrival interface (<c>a&gt;a</c>, <c>a&gt;b</c>, …).</summary>
    private static PathFigures[] PathFiguresFor(int sources, int[] arrivalFaces)
    {
        var arrivals = arrivalFaces.Length;
        var figures = new PathFigures[sources * arrivals];
        for (var from = 0; from < sources; from++)
        {
            for (var to = 0; to < arrivals; to++)
            {
                var name = sources == 1 ? InterfaceNames.Name(arrivalFaces[to])
                    : arrivals == 1 ? InterfaceNames.Name(from)
                    : InterfaceNames.Name(from) + ">" + InterfaceNames.Name(arrivalFaces[to]);
                figures[(from * arrivals) + to] = new PathFigures(name);
            }
        }

        return figures;
    }

    /// <summary>The interfaces of the multi-homed plan device whose address (any of them) is <paramref name="source"/>:
    /// a subscription of it accepts every one and counts per path. Null for any other source.</summary>
    private static uint[]? PathsOf(RunPlan plan, uint source)
    {
        if (source == 0)
        {
            return null;
        }

        foreach (var device in plan.Devices)
        {
            if (device.Interfaces.Count > 1 && device.Interfaces.Contains(source))
            {
                return [.. device.Interfaces];
            }
        }

        return null;
    }

    private static void AddPulls(RunAssembly run, DevicePlan devicePlan, VirtualDevice device, List<ScheduledStart> starts)
    {
        var (plan, telemetry) = (run.Plan, run.Telemetry);
        foreach (var pullPlan in devicePlan.PullRequests)
        {
            var group = telemetry.AddGroup(devicePlan.Name, pullPlan.Name, TelegramRole.Pull, pullPlan.ComId);
            var counters = group.AddInstance();
            var replyComId = pullPlan.ReplyComId != 0 ? pullPlan.ReplyComId : pullPlan.ComId;
            // The 'Pr' leaves from the first interface of the pull's scope (default: the device's first), and its 'Pp'
            // is asked to that interface's address unless the plan names another.
            var face = InterfaceNames.First(pullPlan.InterfaceScope, devicePlan.Interfaces.Count);
            var from = face == 0 ? devicePlan.Address : devicePlan.Interfaces[face];
            var replyAddress = pullPlan.ReplyAddress != 0 ? pullPlan.ReplyAddress : from;
            var target = new Ip4Endpoint(pullPlan.Target, plan.Network.PdPort);
            var requester = new PullRequester(pullPlan.Name, counters, group,
                target, pullPlan.ComId, replyComId, replyAddress, pullPlan.Interval.ToNanoseconds(), pullPlan.Timeout.ToNanoseconds());
            requester.Outlet = run.Outlets.Add(new Outlet(OutletKind.PullRequest, devicePlan.Name, pullPlan.Name, pullPlan.ComId, device.PortFor(target, face),
                requester, run.PdCopies) { Source = requester, Counters = counters, Interface = InterfaceNames.Name(face) });
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

    private static void AddStatisticsPolls(RunAssembly run, DevicePlan devicePlan, VirtualDevice device, List<ScheduledStart> starts)
    {
        var (plan, telemetry) = (run.Plan, run.Telemetry);
        foreach (var poll in devicePlan.StatisticsPolls)
        {
            // A pull of ComId 31 answered with ComId 31 (TCNopen answers with its statistics whatever replyComId
            // asks for): its round trips and unanswered polls are counted like any pull's.
            var comId = StatisticsDataset.ComId;
            var group = telemetry.AddGroup(devicePlan.Name, poll.Name, TelegramRole.Pull, comId);
            var counters = group.AddInstance();
            var target = new Ip4Endpoint(poll.Target, plan.Network.PdPort);
            // As a pull: the 'Pr' leaves from the first interface of the poll's scope (default: the device's first)
            // and names that interface's address as replyIpAddress, where the DUT sends its 'Pp' (trdp-wire.md §7.8).
            var face = InterfaceNames.First(poll.InterfaceScope, devicePlan.Interfaces.Count);
            var from = face == 0 ? devicePlan.Address : devicePlan.Interfaces[face];
            var requester = new PullRequester(poll.Name, counters, group, target, comId, comId, from,
                poll.Interval.ToNanoseconds(), poll.Timeout.ToNanoseconds());
            requester.Outlet = run.Outlets.Add(new Outlet(OutletKind.PullRequest, devicePlan.Name, poll.Name, comId, device.PortFor(target, face),
                requester, run.PdCopies) { Source = requester, Counters = counters, Interface = InterfaceNames.Name(face) });
            device.PullRequesters.Add(requester);
            var series = telemetry.AddDutStatistics(devicePlan.Name, poll.Name, Ip4Endpoint.FormatAddress(poll.Target));

            // The reply is told from other devices' statistics by its source alone: use the plan's own
            // subscription of ComId 31 when it accepts the target, otherwise one that accepts only the target.
            var existing = device.Unicast.FindFirst(comId);
            while (existing is not null && !existing.Filter.SourceMatches(poll.Target))
            {
                existing = existing.NextWithSameComId;
            }

            if (existing is not null)
            {
                existing.Puller = requester;
                existing.StatisticsSeries = series;
            }
            else
            {
                device.Unicast.Add(new Subscription(poll.Name + ".reply", comId, counters, group,
                    new SubscriptionFilter(poll.Target, 0, 0, 0), 0, false, 0)
                {
                    Puller = requester,
                    StatisticsSeries = series,
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

    /// <summary>-1 = the group's default, 0 = never (<c>"infinite"</c>), otherwise the plan's time.</summary>
    private static long TakeoverAfter(TimeSpan? configured) => configured switch
    {
        null => -1,
        { } infinite when infinite == Timeout.InfiniteTimeSpan => 0,
        { } time => time.ToNanoseconds(),
    };

    private static long TimeoutNanoseconds(TimeSpan? configured, TimeSpan fallback)
    {
        var timeout = configured ?? fallback;
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return 0;
        }

        return Math.Max(timeout.ToNanoseconds(), MinimumTimeoutNanoseconds);
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
                    cycles.TryAdd(publication.ComId + ((uint)i * publication.ComIdStep), publication.Cycle.ToNanoseconds());
                }
            }
        }

        return cycles;
    }

    /// <summary>The groups the device's subscriptions join on interface <paramref name="face"/> (those scoped to it, or
    /// unscoped), each once; -1 = on any interface.</summary>
    private static List<uint> MulticastGroups(DevicePlan device, int face) =>
        MulticastJoins.Groups(device, device.Subscriptions, static s => s.Destination, face);
}
