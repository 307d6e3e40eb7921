using TrdpSim.Plan;

namespace TrdpSim.DeviceXml.Internal;

/// <summary>What a telegram of one bus interface is bound with: its device, the interface's place among the
/// device's, its session settings, the run's network, the device's com-parameters, and the device's items so far.</summary>
internal sealed class InterfaceContext(DevicePlan device, int face, DeviceItems items, InterfaceSettings settings, NetworkPlan network,
    ComParameters comParameters, Problems problems)
{
    public DevicePlan Device { get; } = device;

    /// <summary>The interface: 0 = the device's first (a), 1 = b, …</summary>
    public int Face { get; } = face;

    public InterfaceSettings Settings { get; } = settings;

    public NetworkPlan Network { get; } = network;

    public ComParameters ComParameters { get; } = comParameters;

    public Problems Problems { get; } = problems;

    /// <summary>Claims <paramref name="name"/> among the device's items of <paramref name="kind"/>: true = add the item;
    /// false = a clash (reported), or the same telegram (<paramref name="comId"/>) on a later interface of the device,
    /// which the first one's item plays on too — or, with another <paramref name="address"/>, an item of its own once
    /// the train is read (see <see cref="DeviceItems"/>).</summary>
    public bool Claim(string kind, string name, SourceLocation at, uint comId, uint address, IInterfaceScoped item) =>
        items.Claim(Device, Face, kind, name, comId, address, at, Problems, item);

    /// <summary>Microseconds as a plan duration; <see cref="InterfaceSettings.InfiniteMicroseconds"/> is infinite.</summary>
    public static TimeSpan Duration(uint microseconds) => microseconds == InterfaceSettings.InfiniteMicroseconds
        ? Timeout.InfiniteTimeSpan
        : TimeSpan.FromTicks(microseconds * 10L);
}
