using TrdpSim.DeviceXml;
using TrdpSim.Plan.Addresses;

namespace TrdpSim.Tests.DeviceXml;

/// <summary>Issue 12.1: the sample train in <c>configs/xml</c> (four device files, four devices — two of them on two bus interfaces —, a
/// vehicle's addresses) reads, maps onto loopback, validates and plays.</summary>
public sealed class XmlSampleTrainTests
{
    [Fact]
    public void TheTrainReadsIntoFourDevicesTwoMultiHomedWithEveryKindOfTelegram()
    {
        XmlPlanResult result = XmlSamples.LoadTrain();

        Assert.True(result.Success, result.FormatErrors());
        RunPlan plan = result.Plan!;
        Assert.Equal("ccu-1", plan.Name);
        Assert.Equal(
            ["ccu-1@10.0.1.10", "ccu-2@10.0.1.11", "door-1@10.0.1.21", "hmi-1@10.0.1.31"],
            plan.Devices.Select(d => d.Name + "@" + AddressParser.Format(d.Address)));
        // Two bus interfaces of one device file are one multi-homed device, not two devices.
        Assert.Equal([0x0A00010Au, 0x0A00020Au], plan.Devices[0].Interfaces);
        Assert.Empty(plan.Devices[1].Interfaces);
        Assert.Equal([0x0A00011Fu, 0x0A00021Fu], plan.Devices[3].Interfaces);
        Assert.Equal([2001u, 2101u, 3001u, 3000u, 3101u, 3102u, 3002u], plan.Datasets.Select(d => d.Id));
        DevicePlan ccu = plan.Devices[0];
        Assert.Equal(["ccu-status", "train-info", "ecn-status"], ccu.Publications.Select(p => p.Name));
        Assert.Equal(1u, ccu.Publications[0].RedundancyGroup);
        Assert.Equal(("door-state", 0x0A000115u, 0x0A000116u), (ccu.Subscriptions[0].Name, ccu.Subscriptions[0].Source, ccu.Subscriptions[0].Source2));
        Assert.Equal(("door-cmd", "doorCtl", TimeSpan.FromMilliseconds(500)), (ccu.MdCallers[0].Name, ccu.MdCallers[0].DestinationUri, ccu.MdCallers[0].ReplyTimeout!.Value));
        Assert.Equal(("door-diag", MdProtocol.Tcp), (ccu.MdRepliers[0].Name, ccu.MdRepliers[0].Protocol));
        DevicePlan door = plan.Devices[2];
        Assert.Equal(["door-state/ccu", "door-state/displays"], door.Publications.Select(p => p.Name));
        Assert.Equal(0xEF010001u, door.Subscriptions[0].Destination); // joins 239.1.0.1
        DevicePlan hmi = plan.Devices[3];
        Assert.Equal(Timeout.InfiniteTimeSpan, hmi.Subscriptions[2].Timeout);
        DatasetElementPlan entries = plan.Datasets[6].Elements[2];
        Assert.Equal(("entries", "3001", 0), (entries.Name, entries.Type, entries.ArraySize)); // a variable array of a nested dataset
    }

    [Fact]
    public void WhatTheTrainDoesNotPlayIsListedOncePerKind()
    {
        XmlPlanResult result = XmlSamples.LoadTrain();

        string[] warnings = [.. result.Warnings.Select(w => w.Message)];
        Assert.DoesNotContain(warnings, w => w.StartsWith("<pd-parameter> redundant", StringComparison.Ordinal)); // played
        Assert.DoesNotContain(warnings, w => w.Contains("<bus-interface-list>", StringComparison.Ordinal)); // several interfaces are played
        Assert.DoesNotContain(warnings, w => w.Contains("some bus interfaces", StringComparison.Ordinal)); // scoped to those interfaces
        Assert.Contains(warnings, w => w.StartsWith("<telegram com-id=\"31\"> not played yet", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("<mapped-device-list> ignored", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("<sdt-parameter> ignored", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("<debug> ignored", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("<com-parameter> tsn ignored", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("<pd-parameter> offset-address ignored", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("<element> unit ignored", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("<bus-interface> leader-ip not played yet", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.Contains("not part of TCNopen", StringComparison.Ordinal));
        Assert.Equal(warnings.Length, warnings.Distinct().Count());
    }

    [Fact]
    public void MappedOntoLoopbackTheTrainIsValidAndStaysOnTheMachine()
    {
        RunPlan plan = MappedTrain();

        Assert.Empty(PlanValidator.Validate(plan));
        Assert.Empty(LoopbackGuard.Check(plan, datagramsOnTheWire: true));
        Assert.Equal(0x7F4D010Au, plan.Devices[0].Address);
        Assert.Equal(0xEF010001u, plan.Devices[0].Publications[0].Destination); // 239.1.0.1: groups are not in the map
    }

    [Fact]
    public void UnmappedTheTrainIsRefusedBeforeAnySocketOpens()
    {
        RunPlan plan = XmlSamples.LoadTrain().Plan!;

        PlanException refused = Assert.Throws<PlanException>(() => RunHost.Create(plan));

        Assert.Contains(refused.Errors, e => e.Message.StartsWith("device 'ccu-1' address 10.0.1.10 is outside the loopback range", StringComparison.Ordinal)
            && e.Location.File.EndsWith("ccu-1.xml", StringComparison.Ordinal) && e.Location.Line > 0);
        Assert.Contains(refused.Errors, e => e.Message.StartsWith("refusing to send outside the loopback range (10.0.1.10, 10.0.1.11,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheMappedTrainPlaysOnTheInMemoryNetwork()
    {
        RunPlan plan = MappedTrain();
        plan.Network.Transport = TransportKind.InMemory;
        plan.Network.MdPort = (ushort)Random.Shared.Next(40000, 50000); // MD over TCP uses real loopback sockets
        plan.Metrics.Enabled = false;

        await using RunHost host = RunHost.Create(plan);
        await host.StartAsync();
        await Task.Delay(1500);
        await host.StopAsync();

        var groups = host.Telemetry.Groups.ToDictionary(g => g.Device + "/" + g.Name);
        Assert.True(groups["door-1/ccu-status"].Totals().Received > 10, "door-1 hears both controllers on 239.1.0.1");
        Assert.True(groups["ccu-1/door-state"].Totals().Received > 10);
        Assert.True(groups["hmi-1/door-state"].Totals().Received > 10, "the display joins 239.1.0.2");
        Assert.True(groups["hmi-1/train-info"].Totals().Received > 3);
        Assert.True(groups["hmi-1/ecn-status"].Totals().Received > 1);
        foreach (string name in new[] { "door-1/ccu-status", "ccu-1/door-state", "hmi-1/train-info" })
        {
            Assert.Equal(0, groups[name].Totals().Lost);
        }

        var md = host.Telemetry.MdGroups.ToDictionary(g => g.Device + "/" + g.Name);
        Assert.True(md["ccu-1/door-cmd"].Counters.Ok > 3, "the door answers the controller's commands");
        Assert.True(md["door-1/door-diag"].Counters.Ok > 3, "the controller answers diagnostics over TCP");
    }

    internal static RunPlan MappedTrain()
    {
        XmlPlanResult result = XmlSamples.LoadTrain();
        Assert.True(result.Success, result.FormatErrors());
        RunPlan plan = result.Plan!;
        Assert.True(AddressMapRule.TryParse(XmlSamples.TrainMap, new SourceLocation("--address-map", 0, 0), out AddressMapRule? rule, out string error), error);
        plan.AddressMap.Rules.Add(rule!);
        Assert.Empty(AddressMapper.Apply(plan));
        return plan;
    }
}
