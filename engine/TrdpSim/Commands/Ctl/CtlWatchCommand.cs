using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;

namespace TrdpSim.Cli.Commands.Ctl;

/// <summary><c>trdpsim ctl watch &lt;topic&gt;…</c>: the daemon's live events (<c>GET /api/events?topics=…</c>, server-sent
/// events) printed one per line as they come, <c>event data</c>; after a dropped connection it reconnects with
/// <c>Last-Event-ID</c> so no kept event is missed. Ends on Ctrl-C, or after <c>--count</c> events.</summary>
internal static class CtlWatchCommand
{
    public static Command Create()
    {
        var topics = new Argument<string[]>("topic") { Description = "what to watch (control, faults, runs …; as the daemon names them)", Arity = ArgumentArity.OneOrMore };
        var count = new Option<int?>("--count") { Description = "stop after this many events [default: until Ctrl-C]", HelpName = "n" };
        var command = new Command("watch", "print the daemon's live events of some topics as they come") { topics, count };
        command.SetAction((parse, cancellation) => CtlCommand.WithClientAsync(parse, client =>
            WatchAsync(client, string.Join(',', parse.GetRequiredValue(topics)), parse.GetValue(count), Console.Out, cancellation), Timeout.InfiniteTimeSpan));
        return command;
    }

    /// <summary>Streams events to <paramref name="output"/> until <paramref name="count"/> were printed or the token ends.</summary>
    internal static async Task<int> WatchAsync(CtlClient client, string topics, int? count, TextWriter output, CancellationToken cancellation)
    {
        string? lastId = null;
        var printed = 0;
        var failures = 0;
        while (!cancellation.IsCancellationRequested)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events?topics=" + Uri.EscapeDataString(topics));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            if (lastId is not null)
            {
                request.Headers.Add("Last-Event-ID", lastId);
            }

            HttpResponseMessage response;
            try
            {
                response = await client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return ExitCodes.Ok;
            }
            catch (HttpRequestException) when (lastId is not null && ++failures < 30)
            {
                // The daemon went away after events came: try again, as an event source would.
                await Delay(cancellation).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false);
                    if (response.StatusCode == HttpStatusCode.NotFound && body.Length == 0)
                    {
                        Console.Error.WriteLine("trdpsim ctl: this daemon has no event stream (GET /api/events)");
                        return ExitCodes.Usage;
                    }

                    return CtlClient.Fail(response.StatusCode, body);
                }

                failures = 0;
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellation).ConfigureAwait(false));
                var parser = new ServerSentEvents();
                try
                {
                    while (await reader.ReadLineAsync(cancellation).ConfigureAwait(false) is { } line)
                    {
                        if (parser.Feed(line) is not { } message)
                        {
                            continue;
                        }

                        lastId = message.Id ?? lastId;
                        await output.WriteLineAsync($"{message.Event} {message.Data}").ConfigureAwait(false);
                        await output.FlushAsync(cancellation).ConfigureAwait(false);
                        if (count is { } wanted && ++printed >= wanted)
                        {
                            return ExitCodes.Ok;
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                    return ExitCodes.Ok;
                }
                catch (Exception e) when (e is IOException or HttpRequestException)
                {
                    // The stream broke: reconnect below with the last id seen.
                }
            }

            await Delay(cancellation).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    private static async Task Delay(CancellationToken cancellation)
    {
        try
        {
            await Task.Delay(1000, cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C while waiting to reconnect: the loop ends.
        }
    }
}

/// <summary>The server-sent-events line format: <c>event:</c>, <c>data:</c> (several lines joined), <c>id:</c>,
/// comments (<c>:</c>), a blank line ends a message.</summary>
internal sealed class ServerSentEvents
{
    private readonly List<string> _data = [];
    private string? _event;
    private string? _id;

    /// <summary>Takes one line; returns the message a blank line completes (null otherwise, or for a message without data).</summary>
    public (string Event, string Data, string? Id)? Feed(string line)
    {
        if (line.Length == 0)
        {
            var done = _data.Count == 0 ? ((string, string, string?)?)null : (_event ?? "message", string.Join('\n', _data), _id);
            _data.Clear();
            _event = null;
            return done;
        }

        if (line[0] == ':')
        {
            return null;
        }

        var colon = line.IndexOf(':', StringComparison.Ordinal);
        var field = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? string.Empty : line[(colon + 1)..];
        if (value.StartsWith(' '))
        {
            value = value[1..];
        }

        switch (field)
        {
            case "event":
                _event = value;
                break;
            case "data":
                _data.Add(value);
                break;
            case "id":
                _id = value;
                break;
        }

        return null;
    }
}
