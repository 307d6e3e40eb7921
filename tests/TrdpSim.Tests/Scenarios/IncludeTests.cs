using TrdpSim.Composition;
using TrdpSim.Devices;
using TrdpSim.Plan.Validation;
using TrdpSim.Scenarios;

namespace TrdpSim.Tests.Scenarios;

/// <summary><c>plan.include("x.toml")</c> brings a TOML configuration's datasets and devices into a scenario.</summary>
public sealed class IncludeTests : IDisposable
{
    private const string Train = """
        [network]
        pd-port = 18224

        [[dataset]]
        id = 3000
        name = "speed"
          [[dataset.element]]
          name = "kmh"
          type = "UINT16"

        [[device]]
        name = "tcms"
        address = "127.0.0.2"

        [[device.subscribe]]
        com-id = 1000
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("trdpsim-include-").FullName;

    [Fact]
    public void DatasetsDevicesAndNetworkOfTheConfigurationJoinThePlan()
    {
        File.WriteAllText(Path.Combine(_dir, "train.toml"), Train);
        var script = Write("""
            export default function (plan) {
              plan.include("train.toml");
              plan.device({ name: "sensor", address: "127.0.0.3" })
                .publish({ comId: 1000, dataset: 3000, destination: "127.0.0.2", fields: [{ field: "kmh", kind: "ramp", max: 80 }] });
              plan.phase({ duration: "1s", device: "sensor" });
            }
            """);
        var result = ScenarioLoader.LoadFile(script, new Dictionary<string, string>());
        Assert.True(result.Success, result.FormatErrors());
        var plan = result.Plan!;
        Assert.Equal(["tcms", "sensor"], plan.Devices.ConvertAll(d => d.Name));
        Assert.Equal(3000u, Assert.Single(plan.Datasets).Id);
        Assert.Equal(18224, plan.Network.PdPort);
        Assert.Empty(PlanValidator.Validate(plan));
    }

    [Fact]
    public void AnIncludedDeviceCanBeGivenMoreTelegramsByName()
    {
        File.WriteAllText(Path.Combine(_dir, "train.toml"), Train);
        var script = Write("""
            export default function (plan) {
              plan.include("train.toml");
              const tcms = plan.device("tcms");
              if (tcms.name !== "tcms") throw new Error("name " + tcms.name);
              tcms.publish({ name: "status", comId: 2000, destination: "127.0.0.3", cycle: "50ms" });
              plan.device({ name: "door", address: "127.0.0.3" }).subscribe({ comId: 2000 });
            }
            """);
        var result = ScenarioLoader.LoadFile(script, new Dictionary<string, string>());
        Assert.True(result.Success, result.FormatErrors());
        var tcms = result.Plan!.Devices[0];
        Assert.Equal(("tcms", 1, 1), (tcms.Name, tcms.Subscriptions.Count, tcms.Publications.Count));
        Assert.Equal(2000u, tcms.Publications[0].ComId);
        Assert.Empty(PlanValidator.Validate(result.Plan!));
    }

    [Theory]
    [InlineData("plan.device(\"ghost\");", "plan.device(\"ghost\"): no device 'ghost' yet")]
    [InlineData("plan.include(\"nope.toml\");", "plan.include(): no file 'nope.toml'")]
    [InlineData("plan.include(\"train.json\");", "takes a .toml configuration")]
    [InlineData("plan.include(\"bad.toml\");", "'bad.toml' has errors:")]
    public void ProblemsAreErrorsAtTheCall(string body, string message)
    {
        File.WriteAllText(Path.Combine(_dir, "train.toml"), Train);
        File.WriteAllText(Path.Combine(_dir, "bad.toml"), "[[device]]\nname = 3\n");
        var result = ScenarioLoader.LoadFile(Write("export default function (plan) {\n  " + body + "\n}"), new Dictionary<string, string>());
        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Location.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnIncludedDeviceThatClashesIsReportedInTheTomlFile()
    {
        File.WriteAllText(Path.Combine(_dir, "train.toml"), Train);
        var script = Write("export default function (plan) {\n  plan.device({ name: \"tcms\", address: \"127.0.0.9\" });\n  plan.include(\"train.toml\");\n}");
        var result = ScenarioLoader.LoadFile(script, new Dictionary<string, string>()).Validated();
        var error = Assert.Single(result.Errors);
        Assert.Equal(new TrdpSim.Plan.SourceLocation(Path.Combine(_dir, "train.toml"), 12, 8), error.Location);
        Assert.Equal($"duplicate device name 'tcms' (first defined at {script}:2:3)", error.Message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_dir, "scenario.js");
        File.WriteAllText(path, text);
        return path;
    }
}
