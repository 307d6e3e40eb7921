using TrdpSim.Tests.Infrastructure;
namespace TrdpSim.Tests.Configuration;

/// <summary>Message data: the MD keys of <c>[network]</c>, <c>[[device.md-call]]</c> and
/// <c>[[device.md-reply]]</c> bind every value with origins, and bad input is reported at line:col.</summary>
public sealed class TomlPlanLoaderMdTests
{
    private const string Toml = """
        [network]
        md-qos = 4
        md-ttl = 32
        md-reply-timeout = "2s"
        md-max-sessions = 50
        md-tcp-idle-timeout = "30s"

        [[dataset]]
        id = 1001
        name = "ds"
          [[dataset.element]]
          name = "x"
          type = "UINT16"

        [[device]]
        name = "caller"
        address = "127.0.0.2"

          [[device.md-call]]
          name = "query"
          com-id = 2001
          kind = "Request"
          protocol = "udp"
          destination = "239.5.5.5"
          destination-port = 17300
          rate = 250.5
          count = 1000
          max-outstanding = 64
          reply-timeout = "750ms"
          expected-replies = 0
          retries = 1
          confirm-status = 7
          source-uri = "caller"
          destination-uri = "any-replier"
          dataset = 1001
          etb-topo-count = 11
          op-train-topo-count = 12
            [[device.md-call.field]]
            field = "x"
            kind = "counter"
            step = 3

          [[device.md-call]]
          com-id = 2002
          kind = "notify"
          protocol = "tcp"
          destination = "127.0.0.3"
          payload-length = 65388

        [[device]]
        name = "replier"
        address = "127.0.0.3"

          [[device.md-reply]]
          name = "answer"
          com-id = 2001
          protocol = "udp"
          source = "127.0.0.2"
          group = "239.5.5.5"
          source-uri-filter = "caller"
          destination-uri-filter = "any-replier"
          reply = "reply-with-confirm"
          reply-com-id = 2101
          user-status = 5
          confirm-timeout = "3s"
          delay = "lognormal:median=2ms,p99=20ms"
          no-reply-probability = 0.1
          error-probability = 0.2
          late-reply-probability = 0.7
          error-status = -4
          source-uri = "replier"
          dataset = 1001
            [[device.md-reply.field]]
            field = "x"
            value = 9

          [[device.md-reply]]
          com-id = 2002
          protocol = "tcp"
          payload-length = 12
        """;

    private const string Device = "[[device]]\nname = \"a\"\naddress = \"127.0.0.2\"\n";

    private static RunPlan Load()
    {
        PlanLoadResult result = TomlPlanLoader.Load(Toml, "md.toml").Validated();
        Assert.True(result.Success, result.FormatErrors());
        return result.Plan!;
    }

    [Fact]
    public void BindsMdNetworkKeys()
    {
        NetworkPlan network = Load().Network;

        Assert.Equal((4, 32), (network.MdQos, network.MdTtl));
        Assert.Equal(TimeSpan.FromSeconds(2), network.MdReplyTimeout);
        Assert.Equal(50, network.MdMaxSessions);
        Assert.Equal(TimeSpan.FromSeconds(30), network.MdTcpIdleTimeout);
    }

    [Fact]
    public void BindsTcpReconnectDelays()
    {
        RunPlan plan = TomlPlanLoader.Load("[network]\nmd-tcp-reconnect-delay = \"0s\"\nmd-tcp-reconnect-max-delay = \"10s\"\n" + Device, "t.toml").Validated().Plan!;

        Assert.Equal((TimeSpan.Zero, TimeSpan.FromSeconds(10)), (plan.Network.MdTcpReconnectDelay, plan.Network.MdTcpMaxReconnectDelay));
    }

    [Fact]
    public void BindsMdCallers()
    {
        DevicePlan device = Load().Devices[0];
        Assert.Equal(2, device.MdCallers.Count);

        MdCallerPlan query = device.MdCallers[0];
        Assert.Equal(("query", 2001u, MdCallKind.Request, MdProtocol.Udp), (query.Name, query.ComId, query.Kind, query.Protocol));
        Assert.Equal((0xEF050505u, (ushort)17300), (query.Destination, query.DestinationPort));
        Assert.Equal((250.5, (long?)1000, 64), (query.Rate, query.Count, query.MaxOutstanding));
        Assert.Equal(TimeSpan.FromMilliseconds(750), query.ReplyTimeout);
        Assert.Equal((0, 1, 7), (query.ExpectedReplies, query.Retries, query.ConfirmStatus));
        Assert.Equal(("caller", "any-replier"), (query.SourceUri, query.DestinationUri));
        Assert.Equal(((uint?)1001u, 0), (query.DatasetId, query.PayloadLength));
        Assert.Equal((11u, 12u), (query.EtbTopoCount, query.OpTrainTopoCount));
        FieldGeneratorPlan field = Assert.Single(query.Fields);
        Assert.Equal(("x", GeneratorKind.Counter, 3d), (field.Field, field.Kind, field.Step));
        Assert.Equal(new SourceLocation("md.toml", 38, 5), field.Origin);
        Assert.Equal(new SourceLocation("md.toml", 19, 3), query.Origin);

        MdCallerPlan notify = device.MdCallers[1];
        Assert.Equal(("md-2002", MdCallKind.Notify, MdProtocol.Tcp), (notify.Name, notify.Kind, notify.Protocol));
        Assert.Equal((0x7F000003u, (ushort)0), (notify.Destination, notify.DestinationPort));
        Assert.Equal(((uint?)null, 65388), (notify.DatasetId, notify.PayloadLength));
        Assert.Equal((10d, (long?)null, (TimeSpan?)null), (notify.Rate, notify.Count, notify.ReplyTimeout));
        Assert.Equal((1000, 1, 2), (notify.MaxOutstanding, notify.ExpectedReplies, notify.Retries));
        Assert.Equal(new SourceLocation("md.toml", 43, 3), notify.Origin);
    }

    [Fact]
    public void BindsMdRepliers()
    {
        DevicePlan device = Load().Devices[1];
        Assert.Equal(2, device.MdRepliers.Count);

        MdReplierPlan answer = device.MdRepliers[0];
        Assert.Equal(("answer", 2001u, MdProtocol.Udp), (answer.Name, answer.ComId, answer.Protocol));
        Assert.Equal((0x7F000002u, 0xEF050505u), (answer.Source, answer.Group));
        Assert.Equal(("caller", "any-replier"), (answer.SourceUriFilter, answer.DestinationUriFilter));
        Assert.Equal((MdReplyKind.ReplyWithConfirm, 2101u, 5), (answer.Reply, answer.ReplyComId, answer.UserStatus));
        Assert.Equal(TimeSpan.FromSeconds(3), answer.ConfirmTimeout);
        Assert.Equal("lognormal:median=2ms,p99=20ms", answer.Delay);
        Assert.Equal((0.1, 0.2, 0.7), (answer.NoReplyProbability, answer.ErrorProbability, answer.LateReplyProbability));
        Assert.Equal(-4, answer.ErrorStatus);
        Assert.Equal("replier", answer.SourceUri);
        Assert.Equal(((uint?)1001u, 0), (answer.DatasetId, answer.PayloadLength));
        FieldGeneratorPlan field = Assert.Single(answer.Fields);
        Assert.Equal(("x", GeneratorKind.Constant, 9d), (field.Field, field.Kind, field.Value));
        Assert.Equal(new SourceLocation("md.toml", 54, 3), answer.Origin);

        MdReplierPlan tcp = device.MdRepliers[1];
        Assert.Equal(("mdr-2002", MdProtocol.Tcp, MdReplyKind.Reply), (tcp.Name, tcp.Protocol, tcp.Reply));
        Assert.Equal(("constant:0", -3, TimeSpan.FromSeconds(1)), (tcp.Delay, tcp.ErrorStatus, tcp.ConfirmTimeout));
        Assert.Equal(((uint?)null, 12, 0u, 0u), (tcp.DatasetId, tcp.PayloadLength, tcp.Source, tcp.Group));
        Assert.Equal(new SourceLocation("md.toml", 77, 3), tcp.Origin);
    }

    [Fact]
    public void MdDefaultsApplyWithoutKeys()
    {
        RunPlan plan = TomlPlanLoader.Load(Device + "[[device.md-call]]\ncom-id = 1\ndestination = \"127.0.0.3\"\n", "t.toml").Validated().Plan!;

        Assert.Equal((3, 64, 1000), (plan.Network.MdQos, plan.Network.MdTtl, plan.Network.MdMaxSessions));
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60)), (plan.Network.MdReplyTimeout, plan.Network.MdTcpIdleTimeout));
        Assert.Equal((TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5)), (plan.Network.MdTcpReconnectDelay, plan.Network.MdTcpMaxReconnectDelay));
        MdCallerPlan call = Assert.Single(plan.Devices[0].MdCallers);
        Assert.Equal(("md-1", MdCallKind.Request, MdProtocol.Udp), (call.Name, call.Kind, call.Protocol));
        Assert.Equal((1, 2, 0), (call.ExpectedReplies, call.Retries, call.ConfirmStatus));
    }

    public static TheoryData<string, int, int, string> Cases() => new()
    {
        // [network]
        { "[network]\nmd-qos = 8\n", 2, 10, "'md-qos' must be between 0 and 7, got 8" },
        { "[network]\nmd-reply-timeout = 0\n", 2, 20, "'md-reply-timeout' must be positive" },
        { "[network]\nmd-max-sessions = 0\n", 2, 19, "'md-max-sessions' must be between 1 and 1000000" },
        { "[network]\nmd-tcp-reconnect-delay = \"10s\"\n", 2, 26, "'md-tcp-reconnect-max-delay' (5s) is shorter than 'md-tcp-reconnect-delay' (10s)" },
        { "[network]\nmd-tcp-reconnect-delay = \"1s\"\nmd-tcp-reconnect-max-delay = \"500ms\"\n", 3, 30, "'md-tcp-reconnect-max-delay' (500ms) is shorter than 'md-tcp-reconnect-delay' (1s)" },
        // [[device.md-call]]
        { Device + "[[device.md-call]]\ncom-id = 1\ndestination = \"127.0.0.3\"\ncolour = \"red\"\n", 7, 1, "unknown key 'colour' in [[device.md-call]]" },
        { Device + "[[device.md-call]]\ncom-id = 1\nkind = \"query\"\ndestination = \"127.0.0.3\"\n", 6, 8, "'kind': unknown value \"query\" (expected \"request\", \"notify\")" },
        { Device + "[[device.md-call]]\ncom-id = 1\nprotocol = \"sctp\"\ndestination = \"127.0.0.3\"\n", 6, 12, "'protocol': unknown value \"sctp\" (expected \"udp\", \"tcp\")" },
        { Device + "[[device.md-call]]\ncom-id = 1\ndestination = \"127.0.0.3\"\nrate = 0\n", 7, 8, "'rate' must be above 0 and at most 1000000 transactions/s, got 0" },
        { Device + "[[device.md-call]]\ncom-id = 1\ndestination = \"127.0.0.3\"\nrate = 1e7\n", 7, 8, "'rate' must be above 0 and at most 1000000" },
        { Device + "[[device.md-call]]\ncom-id = 1\ndestination = \"127.0.0.3\"\nretries = 3\n", 7, 11, "'retries' must be between 0 and 2, got 3" },
        { Device + "[[device.md-call]]\ncom-id = 1\ndestination = \"127.0.0.3\"\ncount = 0\n", 7, 9, "'count' must be between 1 and" },
        { Device + "[[device.md-call]]\ncom-id = 1\ndestination = \"127.0.0.3\"\nmax-outstanding = 100001\n", 7, 19, "'max-outstanding' must be between 1 and 100000" },
        { Device + "[[device.md-call]]\ncom-id = 1\ndestination = \"127.0.0.3\"\nreply-timeout = 0\n", 7, 17, "'reply-timeout' must be positive" },
        { Device + "[[device.md-call]]\ncom-id = 1\ndestination = \"127.0.0.3\"\nexpected-replies = 2\n", 7, 20, "'expected-replies' must be 1 for a unicast destination" },
        { Device + "[[device.md-call]]\ncom-id = 1\ndestination = \"239.1.1.1\"\nexpected-replies = -1\n", 7, 20, "'expected-replies' must be between 0 and" },
        { Device + "[[device.md-call]]\ncom-id = 1\nkind = \"notify\"\ndestination = \"127.0.0.3\"\nretries = 1\n", 8, 1, "'retries' does not apply to kind \"notify\"" },
        { Device + "[[device.md-call]]\ncom-id = 1\ndestination = \"127.0.0.3\"\nsource-uri = \"abcdefghijabcdefghijabcdefghijabc\"\n", 7, 14, "'source-uri' must be at most 32 characters, got 33" },
        { Device + "[[device.md-call]]\ncom-id = 1\ndestination = \"127.0.0.3\"\ndestination-uri = \"zug-ü\"\n", 7, 19, "'destination-uri' must hold printable ASCII characters only" },
        { Device + "[[device.md-call]]\ncom-id = 1\ndestination = \"127.0.0.300\"\n", 6, 15, "'destination': invalid IPv4 address \"127.0.0.300\"" },
        { Device + "[[device.md-call]]\ncom-id = 1\nprotocol = \"tcp\"\ndestination = \"239.1.1.1\"\n", 7, 15, "'destination' must be a host address with protocol \"tcp\"" },
        { Device + "[[device.md-call]]\ncom-id = 1\n", 4, 1, "missing required key 'destination' in [[device.md-call]]" },
        { Device + "[[device.md-call]]\ndestination = \"127.0.0.3\"\n", 4, 1, "missing required key 'com-id' in [[device.md-call]]" },
        { Device + "[[device.md-call]]\ncom-id = 1\ndestination = \"127.0.0.3\"\npayload-length = 65389\n", 7, 18, "'payload-length' must be between 0 and 65388" },
        { Device + "[[device.md-call]]\ncom-id = 1\ndestination = \"127.0.0.3\"\npayload-length = 4\n[[device.md-call.field]]\nfield = \"x\"\n", 8, 1, "fields need a dataset: a raw 'payload-length' MD call" },
        { Device + "[[device.md-call]]\ncom-id = 1\ndestination = \"127.0.0.3\"\n[[device.md-call]]\ncom-id = 1\ndestination = \"127.0.0.4\"\n", 7, 1, "duplicate md-call name 'md-1' on this device (first at t.toml:4:1)" },
        { Device + "[[device.md-call]]\nname = \"q\"\ncom-id = 1\ndestination = \"127.0.0.3\"\n[[device.md-call]]\nname = \"q\"\ncom-id = 2\ndestination = \"127.0.0.4\"\n", 9, 8, "duplicate md-call name 'q' on this device" },
        // [[device.md-reply]]
        { Device + "[[device.md-reply]]\ncom-id = 1\nanswer = \"yes\"\n", 6, 1, "unknown key 'answer' in [[device.md-reply]]" },
        { Device + "[[device.md-reply]]\ncom-id = 1\nreply = \"maybe\"\n", 6, 9, "'reply': unknown value \"maybe\" (expected \"reply\", \"reply-with-confirm\")" },
        { Device + "[[device.md-reply]]\ncom-id = 1\ndelay = \"\"\n", 6, 9, "'delay' must not be empty" },
        { Device + "[[device.md-reply]]\ncom-id = 1\ndelay = 5\n", 6, 9, "'delay' must be a string, not an integer" },
        { Device + "[[device.md-reply]]\ncom-id = 1\nno-reply-probability = 0.5\nerror-probability = 0.4\nlate-reply-probability = 0.2\n", 4, 1, "'no-reply-probability' + 'error-probability' + 'late-reply-probability' must not exceed 1, got 1.1" },
        { Device + "[[device.md-reply]]\ncom-id = 1\nerror-probability = 1.5\n", 6, 21, "'error-probability' must be between 0 and 1, got 1.5" },
        { Device + "[[device.md-reply]]\ncom-id = 1\nerror-status = 0\n", 6, 16, "'error-status' must be between -2147483648 and -1, got 0" },
        { Device + "[[device.md-reply]]\ncom-id = 1\nuser-status = -1\n", 6, 15, "'user-status' must be between 0 and 2147483647" },
        { Device + "[[device.md-reply]]\ncom-id = 1\nconfirm-timeout = \"1s\"\n", 6, 1, "'confirm-timeout' only applies to reply = \"reply-with-confirm\"" },
        { Device + "[[device.md-reply]]\ncom-id = 1\nreply = \"reply-with-confirm\"\nconfirm-timeout = 0\n", 7, 19, "'confirm-timeout' must be positive" },
        { Device + "[[device.md-reply]]\ncom-id = 1\nsource = \"239.1.1.1\"\n", 6, 10, "'source' must be a host address" },
        { Device + "[[device.md-reply]]\ncom-id = 1\ngroup = \"127.0.0.9\"\n", 6, 9, "'group' must be a multicast group (224.0.0.0/4)" },
        { Device + "[[device.md-reply]]\ncom-id = 1\nprotocol = \"tcp\"\ngroup = \"239.1.1.1\"\n", 7, 9, "'group' does not apply to protocol \"tcp\"" },
        { Device + "[[device.md-reply]]\ncom-id = 1\nsource-uri-filter = \"0123456789012345678901234567890123\"\n", 6, 21, "'source-uri-filter' must be at most 32 characters, got 34" },
        { Device + "[[device.md-reply]]\ncom-id = 1\n[[device.md-reply]]\ncom-id = 1\n", 6, 1, "duplicate md-reply name 'mdr-1' on this device (first at t.toml:4:1)" },
        { Device + "[[device.md-reply]]\ncom-id = 1\ndataset = 1001\n", 6, 11, "'dataset' 1001 is not defined by any dataset" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReportsMdErrorAtPosition(string toml, int line, int column, string fragment)
    {
        PlanErrorAssert.RefusedAt(toml, line, column, fragment);
    }

    [Fact]
    public void MdCallAndMdReplyNamesAreSeparateNamespaces()
    {
        const string toml = Device + "[[device.md-call]]\nname = \"x\"\ncom-id = 1\ndestination = \"127.0.0.3\"\n" +
            "[[device.md-reply]]\nname = \"x\"\ncom-id = 1\n";

        PlanLoadResult result = TomlPlanLoader.Load(toml, "t.toml").Validated();

        Assert.True(result.Success, result.FormatErrors());
    }

    [Fact]
    public void ProbabilitiesSummingToExactlyOneAreAccepted()
    {
        const string toml = Device + "[[device.md-reply]]\ncom-id = 1\nno-reply-probability = 0.1\n" +
            "error-probability = 0.2\nlate-reply-probability = 0.7\n";

        Assert.True(TomlPlanLoader.Load(toml, "t.toml").Validated().Success);
    }

    [Fact]
    public void MdSampleExercisesEveryExchange()
    {
        PlanLoadResult result = TomlPlanLoader.LoadFile(Path.Combine(RepositoryRoot.Require(), "configs", "md.toml")).Validated();
        Assert.True(result.Success, result.FormatErrors());
        RunPlan plan = result.Plan!;

        var callers = new List<MdCallerPlan>();
        var repliers = new List<(uint Address, MdReplierPlan Replier)>();
        foreach (DevicePlan device in plan.Devices)
        {
            Assert.InRange(device.Address, 0x7F000002u, 0x7F000006u);
            callers.AddRange(device.MdCallers);
            foreach (MdReplierPlan replier in device.MdRepliers)
            {
                repliers.Add((device.Address, replier));
            }
        }

        double rate = 0;
        foreach (MdCallerPlan call in callers)
        {
            rate += call.Rate;
        }

        Assert.InRange(rate, 200, 1000);
        Assert.Equal(17225, plan.Network.MdPort);
        Assert.Contains(callers, c => c.Kind == MdCallKind.Notify);
        Assert.Contains(callers, c => c.Protocol == MdProtocol.Tcp);
        Assert.Contains(repliers, r => r.Replier.Reply == MdReplyKind.ReplyWithConfirm);
        Assert.Contains(repliers, r => r.Replier.Delay.StartsWith("lognormal:", StringComparison.Ordinal));
        Assert.Contains(repliers, r => r.Replier.Protocol == MdProtocol.Tcp);
        Assert.Contains(repliers, r => r.Replier.NoReplyProbability == 0.1 && r.Replier.ErrorProbability == 0.05 && r.Replier.LateReplyProbability > 0);

        // Every caller but one finds a replier; the odd one out gets Me -3.
        int unanswered = 0;
        foreach (MdCallerPlan call in callers)
        {
            if (!repliers.Exists(r => r.Address == call.Destination && r.Replier.ComId == call.ComId && r.Replier.Protocol == call.Protocol))
            {
                unanswered++;
                Assert.Equal(MdCallKind.Request, call.Kind);
            }
        }

        Assert.Equal(1, unanswered);
    }
}
