using TrdpSim.Devices.Md;
using TrdpSim.Distributions;
using TrdpSim.Pipeline;
using TrdpSim.Plan;
using TrdpSim.Protocol;
using TrdpSim.Telemetry;
using TrdpSim.Transport;
using TrdpSim.Transport.Tcp;
using TrdpSim.Scheduling;

namespace TrdpSim.Composition;

/// <summary>Builds a device's MD station (sockets, listeners, callers) from the plan.</summary>
/// <remarks>Part of <see cref="RunBuilder"/>; the plan validator has judged the plan before any socket is opened.</remarks>
internal static class MdStationBuilder
{
    /// <summary>Creates the station of <paramref name="device"/>, or null when it has no MD.</summary>
    public static MdStation? Build(RunAssembly run, DevicePlan device, DeviceSockets sockets, List<IUdpEndpoint> owned, List<MdReceiveLoop> loops,
        List<IDisposable> disposables)
    {
        var (plan, queue, telemetry, datasets, inbox, scratch) = (run.Plan, run.Queue, run.Telemetry, run.Datasets, run.Inbox, run.Scratch);
        if (device.MdCallers.Count == 0 && device.MdRepliers.Count == 0)
        {
            return null;
        }

        var network = plan.Network;
        var stationCounters = telemetry.AddMdGroup(new MdGroup(device.Name, "(no listener)", MdRole.Replier, 0, "requests without a listener")).Counters;
        var station = new MdStation(device.Name, device.Address, telemetry, stationCounters, network.MdMaxSessions, network.MdPort,
            device.EtbTopoCount, device.OpTrainTopoCount);
        // Drawn from the run seed, so a run's session ids are reproducible; the tail tells this station's callers' ids.
        station.SessionTag = (ulong)new Random(StableNameHash.Seed(plan.Seed, device.Name, string.Empty, 0, "md-session-tag")).NextInt64();

        IUdpEndpoint Open(string socket, uint bind, ushort port, IReadOnlyList<uint>? groups = null, uint joinOn = 0)
        {
            var endpoint = sockets.Open(socket, new UdpEndpointOptions
            {
                BindAddress = bind, Port = port, Qos = network.MdQos, Ttl = network.MdTtl, MulticastInterface = joinOn != 0 ? joinOn : device.Address,
                MulticastGroups = groups ?? [],
                // The device's MD port is its own (see the PD receive socket); the group socket on
                // 0.0.0.0:mdPort is shared like the PD one.
                ExclusiveBind = bind != 0,
                ReusePort = bind == 0,
            });
            owned.Add(endpoint);
            return endpoint;
        }

        var sentTap = run.Tap(device.Name, FrameDirection.Sent, FrameTransport.Udp, network.MdQos, network.MdTtl);
        var receivedTap = run.Tap(device.Name, FrameDirection.Received, FrameTransport.Udp, network.MdQos, network.MdTtl);
        var service = Open(DeviceSockets.MdService, device.Address, network.MdPort);
        var callerSocket = Open(DeviceSockets.MdCaller, device.Address, 0);
        var errorSocket = Open(DeviceSockets.MdError, device.Address, 0);
        var servicePort = new SendPort(service, queue, telemetry.SendLateness) { Tap = sentTap };
        var callerPort = new SendPort(callerSocket, queue, telemetry.SendLateness) { Tap = sentTap };

        // A multi-homed device takes requests and notifications on every interface's MD port, and answers each on the
        // interface it arrived on: 'Mp'/'Mq' from that interface's MD port, 'Me' from an ephemeral socket bound to its
        // address (trdp-wire.md §8.1). Its frames reach the one station on the wheel thread like the first interface's.
        SendPort[]? serviceFaces = null, errorFaces = null;
        var furtherServices = new IUdpEndpoint[Math.Max(0, device.Interfaces.Count - 1)];
        if (device.Interfaces.Count > 1)
        {
            serviceFaces = new SendPort[device.Interfaces.Count - 1];
            errorFaces = new SendPort[device.Interfaces.Count - 1];
            for (var face = 1; face < device.Interfaces.Count; face++)
            {
                var further = furtherServices[face - 1] = Open(DeviceSockets.MdService, device.Interfaces[face], network.MdPort);
                serviceFaces[face - 1] = new SendPort(further, queue, telemetry.SendLateness) { Tap = sentTap };
                errorFaces[face - 1] = new SendPort(Open(DeviceSockets.MdError, device.Interfaces[face], 0), queue, telemetry.SendLateness) { Tap = sentTap };
            }
        }

        station.ErrorOutlet = run.Outlets.Add(new Outlet(OutletKind.MdError, device.Name, "(errors)", 0, new SendPort(errorSocket, queue, telemetry.SendLateness) { Tap = sentTap },
            new MdFrameOwner(stationCounters), run.MdCopies) { FacePorts = errorFaces });
        var otherPorts = new SendPort?[Math.Max(1, device.Interfaces.Count)];
        SendPort OpenOtherPort(int face)
        {
            // Opened at runtime (wrong-port fault), once per device and interface, so the device's live resource list
            // owns it; bound to the interface's address, so the reply still leaves on the path its request came by.
            if (otherPorts[face] is not { } otherPort)
            {
                var bind = face == 0 ? device.Address : device.Interfaces[face];
                var endpoint = sockets.Open(DeviceSockets.MdOtherPort, new UdpEndpointOptions { BindAddress = bind, Port = 0, Qos = network.MdQos, Ttl = network.MdTtl });
                disposables.Add(endpoint);
                otherPort = new SendPort(endpoint, queue, telemetry.SendLateness) { Tap = sentTap };
                otherPorts[face] = otherPort;
            }

            return otherPort;
        }

        loops.Add(new MdReceiveLoop(device.Name + "-md", service, inbox, station, FrameArrival.ServicePort, telemetry,
            receivedTap, RunAssembly.RecordedDestination(service, [])));
        loops.Add(new MdReceiveLoop(device.Name + "-mdc", callerSocket, inbox, station, FrameArrival.CallerPort, telemetry,
            receivedTap, RunAssembly.RecordedDestination(callerSocket, [])));
        for (var face = 1; face <= furtherServices.Length; face++)
        {
            var further = furtherServices[face - 1];
            loops.Add(new MdReceiveLoop(device.Name + "-md/" + InterfaceNames.Name(face), further, inbox, station, FrameArrival.ServicePort, telemetry,
                receivedTap, RunAssembly.RecordedDestination(further, []), face));
        }

        // A caller scoped to a further interface sends from a caller socket bound to that interface's address (its
        // replies come back there); then every further interface gets one, so an 'Mq' is confirmed from the caller
        // socket of the interface it arrived on. Devices whose callers all leave from the first interface open none.
        SendPort[]? callerFaces = null;
        if (device.Interfaces.Count > 1 && device.MdCallers.Exists(c => c.Protocol == MdProtocol.Udp && InterfaceNames.First(c.InterfaceScope, device.Interfaces.Count) > 0))
        {
            callerFaces = new SendPort[device.Interfaces.Count - 1];
            for (var face = 1; face < device.Interfaces.Count; face++)
            {
                var further = Open(DeviceSockets.MdCaller, device.Interfaces[face], 0);
                callerFaces[face - 1] = new SendPort(further, queue, telemetry.SendLateness) { Tap = sentTap };
                loops.Add(new MdReceiveLoop(device.Name + "-mdc/" + InterfaceNames.Name(face), further, inbox, station, FrameArrival.CallerPort, telemetry,
                    receivedTap, RunAssembly.RecordedDestination(further, []), face));
            }
        }

        foreach (var replier in device.MdRepliers)
        {
            var layout = replier.DatasetId is { } id ? datasets.Layout(id, replier.Origin, scratch) : null;
            var payload = new byte[layout?.Size ?? replier.PayloadLength];
            var generators = GeneratorFactory.Create(replier.Name, replier.Fields, layout, plan.Seed, device.Name, 0);

            TryCreateBehavior(replier, out var behavior, out _);
            var group = telemetry.AddMdGroup(new MdGroup(device.Name, replier.Name, MdRole.Replier, replier.ComId, behavior!.Describe())
            {
                ConfiguredQuantile = behavior.Delay.Quantile,
            });
            var random = RandomStream.ForStream(plan.Seed, $"{device.Name}/{replier.Name}/md-reply");
            station.AddListener(new MdListener(replier.Name, replier.ComId, replier.Source, TrdpUri.FromString(replier.SourceUriFilter),
                TrdpUri.FromString(replier.DestinationUriFilter), replier.Reply == MdReplyKind.ReplyWithConfirm, replier.ReplyComId,
                replier.UserStatus, replier.ConfirmTimeout.ToNanoseconds(), TrdpUri.FromString(replier.SourceUri), behavior, random, payload, group,
                replier.Protocol == MdProtocol.Tcp, generators)
            {
                Faces = replier.InterfaceScope.Count == 0 ? 0 : InterfaceNames.Mask(replier.InterfaceScope, device.Interfaces.Count),
            });
        }

        // The listeners' groups are joined on every interface they listen on (all by default), as the PD groups are: a
        // group socket per interface, joined on that interface's address, each frame marked with its interface. Where
        // one datagram reaches several of them (loopback, bridged networks) it is still one request: see MdGroupCopies.
        var joined = 0;
        for (var face = 0; face < Math.Max(1, device.Interfaces.Count); face++)
        {
            var faceGroups = ReplierGroups(device, face);
            if (faceGroups.Count == 0)
            {
                continue;
            }

            var groupSocket = Open(DeviceSockets.MdMulticast, 0, network.MdPort, faceGroups, face == 0 ? device.Address : device.Interfaces[face]);
            loops.Add(new MdReceiveLoop(device.Name + "-mdg" + (face == 0 ? string.Empty : "/" + InterfaceNames.Name(face)), groupSocket, inbox, station,
                FrameArrival.Group, telemetry, receivedTap, RunAssembly.RecordedDestination(groupSocket, faceGroups), face));
            joined++;
        }

        if (joined > 1)
        {
            station.GroupCopies = new MdGroupCopies();
        }

        foreach (var caller in device.MdCallers)
        {
            var layout = caller.DatasetId is { } id ? datasets.Layout(id, caller.Origin, scratch) : null;
            var payload = new byte[layout?.Size ?? caller.PayloadLength];
            var generators = GeneratorFactory.Create(caller.Name, caller.Fields, layout, plan.Seed, device.Name, 0);
            var template = new MdHeader
            {
                MessageType = caller.Kind == MdCallKind.Notify ? TrdpMessageType.Mn : TrdpMessageType.Mr,
                ComId = caller.ComId,
                EtbTopoCount = caller.EtbTopoCount,
                OpTrainTopoCount = caller.OpTrainTopoCount,
                ReplyTimeoutMicros = caller.Kind == MdCallKind.Notify ? 0 : (uint)((caller.ReplyTimeout ?? network.MdReplyTimeout).Ticks / 10),
                SourceUri = TrdpUri.FromString(caller.SourceUri),
                DestinationUri = TrdpUri.FromString(caller.DestinationUri),
            };
            var destination = new Ip4Endpoint(caller.Destination, caller.DestinationPort != 0 ? caller.DestinationPort : network.MdPort);
            var multicast = destination.IsMulticast;
            var group = telemetry.AddMdGroup(new MdGroup(device.Name, caller.Name, MdRole.Caller, caller.ComId,
                caller.Kind == MdCallKind.Notify ? "notify" : "request"));
            station.Callers.Add(new MdCaller(station, caller.Name, template, payload, generators, destination,
                (long)(1e9 / caller.Rate), caller.Count, caller.MaxOutstanding, (caller.ReplyTimeout ?? network.MdReplyTimeout).ToNanoseconds(),
                multicast ? caller.ExpectedReplies : 1,
                multicast || caller.Protocol == MdProtocol.Tcp ? 0 : caller.Retries, // TCNopen retries only UDP unicast requests
                caller.ConfirmStatus, group, StableNameHash.Seed(plan.Seed, device.Name, caller.Name, 0, "md-call"), caller.Protocol == MdProtocol.Tcp)
            {
                // From the first interface of its scope (default: the device's first): over UDP from that interface's
                // caller socket (opened above whenever a UDP caller leaves from a further interface), over TCP on the
                // client pool's connection bound to that interface's address.
                Face = InterfaceNames.First(caller.InterfaceScope, device.Interfaces.Count),
            });
        }

        var tcpSentTap = run.Tap(device.Name, FrameDirection.Sent, FrameTransport.Tcp, network.MdQos, network.MdTtl);
        AddTcp(plan, device, station, inbox, telemetry, disposables, sockets,
            run.Tap(device.Name, FrameDirection.Received, FrameTransport.Tcp, network.MdQos, network.MdTtl));
        foreach (var listener in station.Listeners)
        {
            listener.Outlet = run.Outlets.Add(new Outlet(OutletKind.MdReplier, device.Name, listener.Name, listener.ComId, servicePort,
                new MdFrameOwner(listener.Group.Counters), run.MdCopies)
            {
                Tcp = listener.Tcp,
                TcpTap = listener.Tcp ? tcpSentTap : null,
                AlternatePortOpener = listener.Tcp ? null : OpenOtherPort,
                FacePorts = serviceFaces,
            });
        }

        foreach (var caller in station.Callers)
        {
            caller.Outlet = run.Outlets.Add(new Outlet(OutletKind.MdCaller, device.Name, caller.Name, caller.Group.ComId, callerPort,
                new MdFrameOwner(caller.Group.Counters), run.MdCopies)
            {
                Tcp = caller.Tcp,
                TcpTap = caller.Tcp ? tcpSentTap : null,
                TcpClients = station.TcpClients,
                TcpLocalAddress = caller.Tcp && caller.Face > 0 ? device.Interfaces[caller.Face] : 0,
                AwaitsReplies = !caller.IsNotify,
                FacePorts = callerFaces,
            });
        }

        return station;
    }

    private static bool TryCreateBehavior(MdReplierPlan replier, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ReplyBehavior? behavior, out string error)
    {
        behavior = null;
        if (!DelayDistribution.TryCreate(replier.Delay, out var delay, out error))
        {
            error = $"delay '{replier.Delay}': {error}";
            return false;
        }

        return ReplyBehavior.TryCreate(new ReplyBehaviorOptions
        {
            Delay = delay,
            NoReplyProbability = replier.NoReplyProbability,
            ErrorProbability = replier.ErrorProbability,
            ErrorStatus = replier.ErrorStatus,
            LateReplyProbability = replier.LateReplyProbability,
        }, out behavior, out error);
    }

    /// <summary>The multicast groups the device's MD repliers listen on, each once.</summary>
    internal static List<uint> ReplierGroups(DevicePlan device) => ReplierGroups(device, -1);

    /// <summary>The multicast groups the device's MD repliers listen on at interface <paramref name="face"/> (those
    /// scoped to it, or unscoped), each once; -1 = on any interface.</summary>
    private static List<uint> ReplierGroups(DevicePlan device, int face) =>
        MulticastJoins.Groups(device, device.MdRepliers, static r => r.Group, face);

    private static void AddTcp(RunPlan plan, DevicePlan device, MdStation station, WheelInbox inbox, RunTelemetry telemetry, List<IDisposable> disposables,
        DeviceSockets sockets, IFrameTap? receivedTap)
    {
        var handler = new MdTcpHandler(inbox, station, receivedTap, new ConnectFailureNotice(station));
        var idle = plan.Network.MdTcpIdleTimeout;
        foreach (var replier in device.MdRepliers)
        {
            if (replier.Protocol == MdProtocol.Tcp)
            {
                var listen = new Ip4Endpoint(device.Address, plan.Network.MdPort);
                station.TcpServer = sockets.OpenTcp(listen, () => new TcpMdServer(handler, new TcpMdServerOptions
                {
                    BindAddress = listen.Address, Port = listen.Port, IdleTimeout = idle, ExclusiveBind = true,
                }));
                disposables.Add(station.TcpServer);
                telemetry.AddTcpEndpoint(new TcpEndpointStats(device.Name, TcpSide.Server, station.TcpServer.Stats));
                break;
            }
        }

        foreach (var caller in device.MdCallers)
        {
            if (caller.Protocol == MdProtocol.Tcp)
            {
                station.TcpClients = new TcpMdClientPool(handler, new TcpMdClientOptions
                {
                    BindAddress = device.Address, IdleTimeout = idle,
                    ReconnectDelay = plan.Network.MdTcpReconnectDelay, MaxReconnectDelay = plan.Network.MdTcpMaxReconnectDelay,
                });
                disposables.Add(station.TcpClients);
                telemetry.AddTcpEndpoint(new TcpEndpointStats(device.Name, TcpSide.Client, station.TcpClients.Stats));
                break;
            }
        }
    }
}
