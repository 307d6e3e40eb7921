using TrdpSim.Telemetry;

namespace TrdpSim.Composition;

/// <summary>Counters, read from any thread without the wheel.</summary>
public sealed partial class RunControl
{
    /// <summary>The counters of every telegram group called <paramref name="telegram"/> (all its instances,
    /// publish and subscribe alike), on one device or all; each counter a moment old, none torn.</summary>
    public ControlResult<TelegramCounterSnapshot> Counters(string telegram, string? device = null)
    {
        var totals = new TelegramCounters();
        var found = false;
        foreach (var group in Run.Telemetry.Groups)
        {
            if (string.Equals(group.Name, telegram, StringComparison.Ordinal) && (device is null || string.Equals(group.Device, device, StringComparison.Ordinal)))
            {
                totals.Accumulate(group.Totals());
                found = true;
            }
        }

        if (!found)
        {
            return ControlResult.NotFound($"no telegram named '{telegram}'{TelegramDirectory.OnDevice(device)}");
        }

        var subject = Describe(telegram, device);
        return new ControlResult<TelegramCounterSnapshot>(ControlResult.Applied(subject, subject + ": counters"), TelegramCounterSnapshot.From(totals));
    }
}
