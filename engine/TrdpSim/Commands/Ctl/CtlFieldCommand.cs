using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TrdpSim.Control.Api;

namespace TrdpSim.Cli.Commands.Ctl;

/// <summary><c>trdpsim ctl field get|set|lock|unlock &lt;id&gt; &lt;telegram&gt; &lt;field&gt; [value]</c>: a dataset field of a
/// live run. <c>set</c> writes a field no generator writes; <c>lock</c> holds a generated one (at a value, or where it is).</summary>
internal static class CtlFieldCommand
{
    public static Command Create() => new("field", "read, set, lock and unlock a dataset field of a live run")
    {
        Make("get", "read the field in every instance of the telegram", HttpMethod.Get, string.Empty, ArgumentArity.Zero),
        Make("set", "write a value into a field no generator writes", HttpMethod.Put, string.Empty, ArgumentArity.ExactlyOne),
        Make("lock", "hold a generated field at a value (or where it is) against its generator", HttpMethod.Post, "/lock", ArgumentArity.ZeroOrOne),
        Make("unlock", "let the field's generator run again", HttpMethod.Post, "/unlock", ArgumentArity.Zero),
    };

    private static Command Make(string verb, string description, HttpMethod method, string suffix, ArgumentArity valueArity)
    {
        var id = CtlCommand.RunId();
        var telegram = new Argument<string>("telegram") { Description = "the telegram's plan name" };
        var field = new Argument<string>("field") { Description = "the field's path in the dataset" };
        var value = new Argument<string?>("value") { Description = "a number (true/false are 1/0)", Arity = valueArity };
        var device = new Option<string?>("--device") { Description = "only on this device [default: every device]" };
        var command = new Command(verb, description) { id, telegram, field, device };
        if (valueArity.MaximumNumberOfValues > 0)
        {
            command.Arguments.Add(value);
        }

        command.SetAction((parse, _) =>
        {
            HttpContent? content = null;
            if (valueArity.MaximumNumberOfValues > 0)
            {
                var text = parse.GetValue(value);
                double? number = text switch
                {
                    null => null,
                    "true" => 1,
                    "false" => 0,
                    _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : double.NaN,
                };
                if (number is double.NaN)
                {
                    Console.Error.WriteLine($"trdpsim ctl: '{text}': expected a number, true or false");
                    return Task.FromResult(ExitCodes.Usage);
                }

                content = CtlClient.Json(new FieldValueRequest { Value = number }, ControlJson.Default.FieldValueRequest);
            }

            var path = CtlCommand.RunPath(parse, id, $"/telegrams/{CtlCommand.Segment(parse.GetRequiredValue(telegram))}") +
                $"/fields/{CtlCommand.Segment(parse.GetRequiredValue(field))}{suffix}{CtlCommand.DeviceQuery(parse.GetValue(device))}";
            return CtlCommand.WithClientAsync(parse, client => CtlCommand.SendAsync(parse, client, method, path, content,
                method == HttpMethod.Get ? PrintReadings : CtlLifecycleCommand.PrintAction));
        });
        return command;
    }

    private static int PrintReadings(string body)
    {
        var readings = JsonSerializer.Deserialize(body, ControlJson.Default.FieldReadingsResponse)!;
        foreach (var r in readings.Readings)
        {
            var state = r.Locked ? " (locked)" : r.Generated ? " (generated)" : string.Empty;
            Console.WriteLine($"{r.Device}/{r.Telegram}.{r.Field} = {(r.HasValue ? r.Text : "(nothing received yet)")}{state}");
        }

        return ExitCodes.Ok;
    }
}
