using System.Text.RegularExpressions;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using TrdpSim.Scenarios.Runtime;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Scenarios;

/// <summary>plugins/trdpsim.d.ts declares exactly what scripts get: every property of the objects the engine
/// hands to JavaScript (<c>plan</c>, a device builder, <c>run</c>, each hook's event, the counters and the
/// summary) is a member of its interface, and every member of the interface exists at run time.</summary>
/// <remarks>The objects are made by the engine's own builders in a Jint engine and their property names
/// enumerated, so a member added to the API without its declaration (as <c>run.inject</c> once was) fails here.</remarks>
public sealed class DeclarationsTests : IAsyncLifetime
{
    private const string Scenario = """
        export default function (plan) {
          plan.network({ transport: "in-memory" });
          plan.dataset({ id: 1001, elements: [{ name: "count", type: "UINT32" }] });
          plan.device({ name: "a", address: "127.0.0.1" })
            .publish({ name: "out", comId: 1000, dataset: 1001, cycle: "100ms", destination: "127.0.0.2" });
          plan.device({ name: "b", address: "127.0.0.2" }).subscribe({ name: "in", comId: 1000 });
          plan.on("telegram", (ev, run) => {});
        }
        """;

    private static readonly string Declarations = File.ReadAllText(Path.Combine(RepositoryRoot.Require(), "plugins", "trdpsim.d.ts"));

    private RunHost _host = null!;
    private ScenarioRuntime _scenario = null!;
    private ScenarioContext _context = null!;

    public Task InitializeAsync()
    {
        PlanLoadResult loaded = ScenarioLoader.Load(Scenario, "api.js", new Dictionary<string, string>());
        Assert.True(loaded.Success, loaded.FormatErrors());
        _host = RunHost.Create(loaded.Plan!, new RunHostOptions { ScenarioLog = TextWriter.Null });
        _scenario = _host.Scenarios!.Scenarios[0];
        _context = ((ScenarioScript)_scenario.Plan.Script!).Context;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Engine Engine => _context.Engine;

    [Fact]
    public void PlanObject()
    {
        var plan = new RunPlan();
        var scenario = new ScenarioPlan { Name = "api", SourcePath = "api.js" };
        var api = new PlanBuilderApi(_context, plan, new ScenarioParameters(new Dictionary<string, string>()), new ScenarioApi(_context, scenario));
        AssertDeclared("Plan", api.Build());
    }

    [Fact]
    public void DeviceBuilder()
    {
        var device = new DevicePlan { Name = "c", Address = 0x7F000003 };
        AssertDeclared("Device", new DeviceBuilderApi(_context, device).Build());
    }

    [Fact]
    public void RunObject() => AssertDeclared("Run", new RunApi(_scenario, _context).Object);

    [Fact]
    public void Counters()
    {
        JsObject run = new RunApi(_scenario, _context).Object;
        AssertDeclared("TelegramCounters", Engine.Invoke(run.Get("counters"), run, ["out"]).AsObject());
    }

    [Theory]
    [InlineData("Telegram", "TelegramEvent")]
    [InlineData("Timeout", "TimeoutEvent")]
    [InlineData("MdRequest", "MdRequestEvent")]
    public void TelegramEvents(string kind, string declaration)
    {
        var item = new ScenarioEvent
        {
            Scenario = _scenario, Kind = Enum.Parse<ScenarioEventKind>(kind), Device = "b", Name = "in", ComId = 1000, Sequence = 7, Source = 0x7F000001,
            Payload = new byte[4], PayloadLength = 4,
        };
        AssertDeclared(declaration, EventObjects.Telegram(Engine, _host.Scenarios!, in item));
    }

    [Fact]
    public void PhaseEvent()
    {
        var item = new ScenarioEvent { Scenario = _scenario, Kind = ScenarioEventKind.Phase, Name = "peak", Phase = new PhasePlan { Name = "peak" } };
        AssertDeclared("PhaseEvent", EventObjects.Phase(Engine, _host.Scenarios!, in item));
    }

    [Fact]
    public void Summary() =>
        AssertDeclared("RunSummary", SummaryObject.Build(Engine, RunSummary.Capture(_host.Telemetry, TimeSpan.FromSeconds(1))));

    /// <summary>The reader itself: members of one interface only, nested option types and parameters skipped.</summary>
    [Fact]
    public void MembersAreReadFromOneInterface()
    {
        const string text = """
            export interface A { x: number; }
            /** doc: not a member */
            export interface Run {
              // comment: no member
              readonly name: string; now(): number;
              every(period: string, fn: (run: Run) => void, options?: { start?: string }): void;
              param<K extends string>(name: K): K;
              md: Array<{ device: string; calls: number }>;
              end?: number;
            }
            """;
        Assert.Equal(["end", "every", "md", "name", "now", "param"], InterfaceMembers(text, "Run").Order(StringComparer.Ordinal));
    }

    private static void AssertDeclared(string declaration, ObjectInstance runtime)
    {
        var actual = new SortedSet<string>(StringComparer.Ordinal);
        foreach (JsValue key in runtime.GetOwnPropertyKeys(Jint.Runtime.Types.String))
        {
            actual.Add(key.ToString());
        }

        var declared = InterfaceMembers(Declarations, declaration);
        Assert.True(actual.Count > 0, $"no properties on the runtime object for {declaration}");
        Assert.Empty(actual.Except(declared).Select(m => $"{declaration}.{m} exists at run time but not in plugins/trdpsim.d.ts"));
        Assert.Empty(declared.Except(actual).Select(m => $"{declaration}.{m} is declared in plugins/trdpsim.d.ts but does not exist at run time"));
    }

    /// <summary>The member names of <c>interface <paramref name="name"/></c>: identifiers that start a member
    /// (after the opening brace, a semicolon or a line break) at the interface's own brace depth, outside
    /// parentheses and brackets. Comments are removed first.</summary>
    private static HashSet<string> InterfaceMembers(string text, string name)
    {
        string code = Regex.Replace(text, @"/\*.*?\*/|//[^\n]*", string.Empty, RegexOptions.Singleline);
        Match head = Regex.Match(code, $@"\binterface\s+{name}\b[^{{]*\{{");
        Assert.True(head.Success, $"plugins/trdpsim.d.ts has no 'interface {name}'");
        var members = new HashSet<string>(StringComparer.Ordinal);
        var member = new Regex(@"\G\s*(?:readonly\s+)?([A-Za-z_$][\w$]*)\??\s*[(<:]");
        int braces = 1, nesting = 0;
        bool atStart = true;
        for (int i = head.Index + head.Length; i < code.Length && braces > 0; i++)
        {
            if (atStart && braces == 1 && nesting == 0 && member.Match(code, i) is { Success: true } m)
            {
                members.Add(m.Groups[1].Value);
            }

            char c = code[i];
            atStart = char.IsWhiteSpace(c) ? atStart || c == '\n' : c == ';';
            switch (c)
            {
                case '{': braces++; break;
                case '}': braces--; break;
                case '(' or '[': nesting++; break;
                case ')' or ']': nesting--; break;
            }
        }

        return members;
    }
}
