using System.Reflection;
using NetArchTest.Rules;

namespace TrdpSim.Tests.Architecture;

/// <summary>Holds the core library to the layer table of <c>docs/ARCHITECTURE.md</c>: a part may use parts of
/// lower layers only, and no part may use another part's <c>Internal</c> namespace.</summary>
/// <remarks>Dependencies are read from the compiled IL (NetArchTest), so <c>using</c> lines, qualified names,
/// attributes and generic arguments all count.</remarks>
public sealed class LayeringTests
{
    /// <summary>The layer of every part; keep in step with the table in docs/ARCHITECTURE.md.</summary>
    public static readonly IReadOnlyDictionary<string, int> Layers = new Dictionary<string, int>
    {
        ["Protocol"] = 0,
        ["Buffers"] = 1,
        ["Scheduling"] = 1,
        ["Distributions"] = 1,
        ["Transport"] = 2,
        ["Plan"] = 2,
        ["Telemetry"] = 3,
        ["Events"] = 3,
        ["Configuration"] = 3,
        ["DeviceXml"] = 3,
        ["Pipeline"] = 4,
        ["Thresholds"] = 4,
        ["Devices"] = 5,
        ["Faults"] = 5,
        ["Recording"] = 5,
        ["Composition"] = 6,
        ["Reporting"] = 7,
        ["Scenarios"] = 8,
        ["Records"] = 8,
        ["Hosting"] = 9,
        ["Control"] = 10,
    };

    private static readonly Assembly Core = typeof(TrdpSim.Hosting.RunHost).Assembly;

    public static TheoryData<string> Parts() => [.. Layers.Keys];

    [Theory]
    [MemberData(nameof(Parts))]
    public void APartUsesOnlyPartsOfLowerLayers(string part)
    {
        var forbidden = Layers.Where(p => p.Key != part && p.Value >= Layers[part]).Select(p => "TrdpSim." + p.Key).ToArray();
        var result = Types.InAssembly(Core).That().ResideInNamespace("TrdpSim." + part).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        Assert.True(result.IsSuccessful, $"{part} (layer {Layers[part]}) uses a part of its own layer or above: " + Describe(result, forbidden, part));
    }

    [Theory]
    [MemberData(nameof(Parts))]
    public void NoPartUsesAnotherPartsInternalNamespace(string part)
    {
        var internals = InternalNamespaces().Where(ns => !ns.StartsWith("TrdpSim." + part + ".", StringComparison.Ordinal)).ToArray();
        if (internals.Length == 0)
        {
            return;
        }

        var result = Types.InAssembly(Core).That().ResideInNamespace("TrdpSim." + part).ShouldNot().HaveDependencyOnAny(internals).GetResult();
        Assert.True(result.IsSuccessful, $"{part} reaches into another part's Internal namespace: " + Describe(result, internals, part));
    }

    [Fact]
    public void EveryNamespaceOfTheCoreBelongsToAPartOfTheTable()
    {
        var strays = Core.GetTypes()
            .Select(t => t.Namespace ?? string.Empty)
            .Where(ns => ns.StartsWith("TrdpSim", StringComparison.Ordinal))
            .Select(ns => ns.Split('.') is { Length: > 1 } s ? s[1] : "(root)")
            .Where(p => !Layers.ContainsKey(p))
            .Distinct()
            .ToArray();
        Assert.True(strays.Length == 0, "namespaces outside the layer table: " + string.Join(", ", strays));
    }

    [Fact]
    public void TheCheckSeesRealDependencies()
    {
        // Guards the guard: if the IL reader stopped seeing dependencies, every rule above would pass.
        var result = Types.InAssembly(Core).That().ResideInNamespace("TrdpSim.Composition").ShouldNot().HaveDependencyOn("TrdpSim.Devices").GetResult();
        Assert.False(result.IsSuccessful);
    }

    private static string[] InternalNamespaces() => Core.GetTypes()
        .Select(t => t.Namespace ?? string.Empty)
        .Where(ns => ns.StartsWith("TrdpSim.", StringComparison.Ordinal) && ns.Split('.').Contains("Internal"))
        .Select(ns => ns[..(ns.IndexOf(".Internal", StringComparison.Ordinal) + ".Internal".Length)])
        .Distinct()
        .ToArray();

    /// <summary>Names each offending type with the namespaces it uses (only computed when a rule failed).</summary>
    private static string Describe(TestResult result, string[] namespaces, string part)
    {
        if (result.IsSuccessful)
        {
            return string.Empty;
        }

        var lines = new List<string>();
        foreach (var ns in namespaces)
        {
            var one = Types.InAssembly(Core).That().ResideInNamespace("TrdpSim." + part).ShouldNot().HaveDependencyOn(ns).GetResult();
            foreach (var name in one.FailingTypeNames ?? [])
            {
                lines.Add($"{name} -> {ns}");
            }
        }

        return Environment.NewLine + string.Join(Environment.NewLine, lines.Order(StringComparer.Ordinal));
    }
}
