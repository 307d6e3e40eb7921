using System.CommandLine;
using System.Globalization;
using TrdpSim.Control.Api;

namespace TrdpSim.Cli.Commands.Ctl;

/// <summary><c>trdpsim ctl telegram cycle|rate|silence|unsilence</c>: a published telegram's timing and voice on a live
/// run (<c>--device</c> narrows it to one device); <c>ctl telegram silence-device</c> switches a whole device off.</summary>
internal static class CtlTelegramCommand
{
    public static Command Create()
    {
        var command = new Command("telegram", "change a published telegram of a live run: cycle, rate, silence");
        command.Subcommands.Add(WithValue("cycle", "set the cycle (50ms)", (parse, value) => Body(new CycleRequest { Cycle = value })));
        command.Subcommands.Add(WithValue("rate", "set telegrams per second", (parse, value) =>
            double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) ? Body(new CycleRequest { Rate = rate }) : null));
        command.Subcommands.Add(Switch("silence", "stop sending the telegram", "telegrams"));
        command.Subcommands.Add(Switch("unsilence", "send the telegram again", "telegrams"));
        command.Subcommands.Add(Switch("silence-device", "switch every publication of a device off (power loss)", "devices"));
        command.Subcommands.Add(Switch("unsilence-device", "switch a silenced device on again", "devices"));
        return command;
    }

    private static StringContent Body(CycleRequest request) => CtlClient.Json(request, ControlJson.Default.CycleRequest);

    private static Command WithValue(string verb, string description, Func<ParseResult, string, HttpContent?> body)
    {
        var id = CtlCommand.RunId();
        var telegram = new Argument<string>("telegram") { Description = "the telegram's plan name (name#i for one instance)" };
        var value = new Argument<string>("value") { Description = verb == "cycle" ? "the cycle (50ms)" : "telegrams per second" };
        var device = new Option<string?>("--device") { Description = "only on this device [default: every device]" };
        var command = new Command(verb, description) { id, telegram, value, device };
        command.SetAction((parse, _) =>
        {
            if (body(parse, parse.GetRequiredValue(value)) is not { } content)
            {
                Console.Error.WriteLine($"trdpsim ctl: '{parse.GetRequiredValue(value)}': expected a number of telegrams per second");
                return Task.FromResult(ExitCodes.Usage);
            }

            var path = CtlCommand.RunPath(parse, id, $"/telegrams/{CtlCommand.Segment(parse.GetRequiredValue(telegram))}/cycle{CtlCommand.DeviceQuery(parse.GetValue(device))}");
            return CtlCommand.WithClientAsync(parse, client => CtlCommand.SendAsync(parse, client, HttpMethod.Post, path, content, CtlLifecycleCommand.PrintAction));
        });
        return command;
    }

    private static Command Switch(string verb, string description, string collection)
    {
        var id = CtlCommand.RunId();
        var name = new Argument<string>(collection == "devices" ? "device" : "telegram") { Description = collection == "devices" ? "the device" : "the telegram's plan name" };
        var device = new Option<string?>("--device") { Description = "only on this device [default: every device]" };
        var command = new Command(verb, description) { id, name };
        if (collection == "telegrams")
        {
            command.Options.Add(device);
        }

        command.SetAction((parse, _) =>
        {
            var action = verb.Replace("-device", string.Empty, StringComparison.Ordinal);
            var path = CtlCommand.RunPath(parse, id, $"/{collection}/{CtlCommand.Segment(parse.GetRequiredValue(name))}/{action}") +
                (collection == "telegrams" ? CtlCommand.DeviceQuery(parse.GetValue(device)) : string.Empty);
            return CtlCommand.WithClientAsync(parse, client => CtlCommand.SendAsync(parse, client, HttpMethod.Post, path, null, CtlLifecycleCommand.PrintAction));
        });
        return command;
    }
}
