using TrdpSim.Plan;

namespace TrdpSim.DeviceXml.Internal;

/// <summary>What a telegram of one bus interface is bound with: its device, its session settings, the
/// run's network, the device's com-parameters, and the item names taken so far.</summary>
internal sealed class InterfaceContext(DevicePlan device, InterfaceSettings settings, NetworkPlan network, ComParameters comParameters, Problems problems)
{
    private readonly Dictionary<string, Dictionary<string, SourceLocation>> _names = new(StringComparer.Ordinal);

    public DevicePlan Device { get; } = device;

    public InterfaceSettings Settings { get; } = settings;

    public NetworkPlan Network { get; } = network;

    public ComParameters ComParameters { get; } = comParameters;

    public Problems Problems { get; } = problems;

    /// <summary>Claims <paramref name="name"/> among the device's items of <paramref name="kind"/>; reports a clash.</summary>
    public bool Claim(string kind, string name, SourceLocation at)
    {
        if (!_names.TryGetValue(kind, out Dictionary<string, SourceLocation>? names))
        {
            names = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
            _names.Add(kind, names);
        }

        if (names.TryAdd(name, at))
        {
            return true;
        }

        Problems.Error(at, $"device '{Device.Name}' has two {kind}s named '{name}' (first at {names[name]}): give the telegrams distinct name attributes");
        return false;
    }

    /// <summary>Microseconds as a plan duration; <see cref="InterfaceSettings.InfiniteMicroseconds"/> is infinite.</summary>
    public static TimeSpan Duration(uint microseconds) => microseconds == InterfaceSettings.InfiniteMicroseconds
        ? Timeout.InfiniteTimeSpan
        : TimeSpan.FromTicks(microseconds * 10L);
}
