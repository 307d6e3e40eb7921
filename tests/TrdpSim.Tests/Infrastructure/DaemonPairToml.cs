using System.Text;

namespace TrdpSim.Tests.Infrastructure;

/// <summary>The TOML of the pair most daemon, console and <c>ctl</c> tests start: on the in-memory network, device A
/// (10.9.0.1) publishes "out" (ComId 1000, dataset 1001) to device B (10.9.0.2), which subscribes it as "in".
/// One text for the unit and the integration tests (linked from here), so a change of the plan format is made once.</summary>
internal static class DaemonPairToml
{
    /// <summary>The plan text.</summary>
    /// <param name="name">The run's name.</param>
    /// <param name="dataset">The name of dataset 1001.</param>
    /// <param name="elements">Its elements as <c>name TYPE</c>, in order; by default one <c>life UINT16</c>.</param>
    /// <param name="cycle">The cycle of "out".</param>
    /// <param name="counter">An element of "out" written as a counter, or none.</param>
    /// <param name="timeout">The timeout of "in".</param>
    /// <param name="publisherExtra">More tables of device A (after "out").</param>
    /// <param name="subscriberExtra">More tables of device B (after "in").</param>
    /// <param name="extra">Appended at the end (thresholds, faults).</param>
    public static string Text(
        string name,
        string dataset = "state",
        string[]? elements = null,
        string cycle = "10ms",
        string? counter = null,
        string timeout = "1s",
        string publisherExtra = "",
        string subscriberExtra = "",
        string extra = "")
    {
        var text = new StringBuilder();
        text.Append($"""
            [run]
            name = "{name}"

            [network]
            transport = "in-memory"

            [[dataset]]
            id = 1001
            name = "{dataset}"

            """);
        foreach (var element in elements ?? ["life UINT16"])
        {
            var (elementName, type) = (element[..element.IndexOf(' ')], element[(element.IndexOf(' ') + 1)..]);
            text.Append($"""
                  [[dataset.element]]
                  name = "{elementName}"
                  type = "{type}"

                """);
        }

        text.Append($"""

            [[device]]
            name = "A"
            address = "10.9.0.1"
              [[device.publish]]
              name = "out"
              com-id = 1000
              dataset = 1001
              cycle = "{cycle}"
              destination = "10.9.0.2"

            """);
        if (counter is not null)
        {
            text.Append($"""
                    [[device.publish.field]]
                    field = "{counter}"
                    kind = "counter"

                """);
        }

        text.Append(publisherExtra).Append($"""

            [[device]]
            name = "B"
            address = "10.9.0.2"
              [[device.subscribe]]
              name = "in"
              com-id = 1000
              source = "10.9.0.1"
              timeout = "{timeout}"

            """);
        return text.Append(subscriberExtra).Append('\n').Append(extra).ToString();
    }
}
