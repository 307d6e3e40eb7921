namespace TrdpSim.Plan;

/// <summary>Names of a multi-homed device's bus interfaces: <c>a</c>, <c>b</c>, <c>c</c>, <c>d</c> in the order of
/// its <c>interfaces</c> (at most four, as TCNopen's XML numbers its networks 1…4).</summary>
public static class InterfaceNames
{
    /// <summary>Most interfaces a device can have.</summary>
    public const int Max = 4;

    private static readonly string[] Names = ["a", "b", "c", "d"];

    /// <summary>The name of interface <paramref name="index"/> (0-based).</summary>
    public static string Name(int index) => Names[index];

    /// <summary>The index of interface <paramref name="name"/>, or -1.</summary>
    public static int IndexOf(string? name) => Array.IndexOf(Names, name);

    /// <summary>The interfaces of an item's scope as a bit mask (bit i = interface i) among a device's
    /// <paramref name="count"/> interfaces; every interface when the scope is empty. Names the validator refused
    /// are left out.</summary>
    public static int Mask(IReadOnlyList<string> scope, int count)
    {
        var all = (1 << Math.Max(1, count)) - 1;
        if (scope.Count == 0)
        {
            return all;
        }

        var mask = 0;
        foreach (var name in scope)
        {
            var index = IndexOf(name);
            if (index >= 0)
            {
                mask |= 1 << index;
            }
        }

        return mask & all;
    }

    /// <summary>The interface an item's own requests leave from: the first of its scope (in the device's order),
    /// else the device's first interface.</summary>
    public static int First(IReadOnlyList<string> scope, int count)
    {
        var mask = scope.Count == 0 ? 1 : Mask(scope, count);
        return mask == 0 ? 0 : System.Numerics.BitOperations.TrailingZeroCount(mask);
    }
}
