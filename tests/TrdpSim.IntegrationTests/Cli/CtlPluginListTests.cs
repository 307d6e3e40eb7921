using TrdpSim.Cli.Commands.Ctl;
using TrdpSim.Control.Api;

namespace TrdpSim.IntegrationTests.Cli;

/// <summary><c>trdpsim ctl plugin list</c> prints each pack's parameters under it, as <c>--param</c> takes them, so an
/// operator sees what a run of the pack can change without opening the pack.</summary>
public sealed class CtlPluginListTests
{
    [Fact]
    public void EachPackIsFollowedByItsParametersAndAnInvalidFolderByItsProblem()
    {
        PluginDto[] plugins =
        [
            new("door-check", "door-check", "1.2.0", 2, "Doors open and close", null,
            [
                new PluginParameterDto("duration", "duration", "60s", "Length of the run"),
                new PluginParameterDto("rateFactor", "number", "2.5", ""),
            ]),
            new("broken", null, null, null, null, "plugin.toml:1:1: error: no name", []),
        ];

        Assert.Equal(
            [
                "door-check  1.2.0  api 2  Doors open and close",
                "    --param duration=60s  (duration)  Length of the run",
                "    --param rateFactor=2.5  (number)",
                "broken  invalid: plugin.toml:1:1: error: no name",
            ],
            CtlPluginCommand.ListLines(plugins));
    }

    [Fact]
    public void NoPluginsIsSaid()
    {
        Assert.Equal(["no plugins"], CtlPluginCommand.ListLines([]));
    }
}
