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
}
