using System.Reflection;

namespace TrdpSim.Tests.Architecture;

/// <summary>Internal by default: the core's public surface is what an embedder needs — the host, the plan model
/// and its front ends, the control surface, the summary — and stays at most a third of its types.</summary>
/// <remarks>The command line, the tests, the benchmarks and the fuzzing harness see the internals
/// (InternalsVisibleTo); nothing else ships against the core, so every other type can change freely.</remarks>
public sealed class PublicSurfaceTests
{
    private static readonly Assembly Core = typeof(TrdpSim.Hosting.RunHost).Assembly;

    [Fact]
    public void AtMostAThirdOfTheCoreTypesAreVisibleOutsideIt()
    {
        var declared = Core.GetTypes().Where(t => !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), false) && !t.Name.Contains('<')).ToList();
        var exported = Core.GetExportedTypes();
        Assert.True(exported.Length * 3 <= declared.Count,
            $"{exported.Length} of {declared.Count} types are public; keep the public surface to what an embedder needs");
    }

    [Theory]
    [InlineData(typeof(TrdpSim.Hosting.RunHost))]
    [InlineData(typeof(TrdpSim.Hosting.RunHostOptions))]
    [InlineData(typeof(TrdpSim.Composition.RunControl))]
    [InlineData(typeof(TrdpSim.Plan.RunPlan))]
    [InlineData(typeof(TrdpSim.Plan.Validation.PlanValidator))]
    [InlineData(typeof(TrdpSim.Configuration.TomlPlanLoader))]
    [InlineData(typeof(TrdpSim.Scenarios.PlanComposer))]
    [InlineData(typeof(TrdpSim.Reporting.RunSummary))]
    public void TheEmbedderSurfaceIsPublic(Type type) => Assert.True(type.IsPublic, $"{type.FullName} is part of the embedder's surface");

    [Theory]
    [InlineData(typeof(TrdpSim.Devices.Publication))]
    [InlineData(typeof(TrdpSim.Pipeline.Outlet))]
    [InlineData(typeof(TrdpSim.Transport.IUdpTransport))]
    [InlineData(typeof(TrdpSim.Faults.FaultInjector))]
    public void EnginePartsStayInternal(Type type) => Assert.False(type.IsVisible, $"{type.FullName} is an engine part, not surface");
}
