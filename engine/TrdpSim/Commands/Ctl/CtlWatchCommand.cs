using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;

namespace TrdpSim.Cli.Commands.Ctl;

/// <summary><c>trdpsim ctl watch &lt;topic&gt;…</c>: a run's live events (<c>GET /api/events?topics=…&amp;run=…</c>, server-sent
/// events) printed one per line as they come, <c>event data</c>; after a dropped connection it reconnects with
/// <c>Last-Event-ID</c> so no kept event is missed. Ends on Ctrl-C, after <c>--count</c> events, or when the run has
/// ended (exit 0).</summary>
internal static class CtlWatchCommand
{
    public static Command Create()
    {
        var topics = new Argument<string[]>("topic") { Description = "topics to watch, as the stream names them: run.control, run.*, faults, anomalies, pd.<device>.<telegram> …; * for all", Arity = ArgumentArity.OneOrMore };
        var count = new Option<int?>("--count") { Description = "stop after this many events [default: until Ctrl-C or the run's end]", HelpName = "n" };
        var run = new Option<string?>("--run") { Description = "the run to watch [default: the only live run]", HelpName = "id" };
        var command = new Command("watch", "print a run's live events of some topics as they come") { topics, count, run };
        command.SetAction((parse, cancellation) => CtlCommand.WithClientAsync(parse, client =>
            WatchAsync(client, string.Join(',', parse.GetRequiredValue(topics)), parse.GetValue(count), Console.Out, cancellation, parse.GetValue(run)), Timeout.InfiniteTimeSpan));
        return command;
    }

    /// <summary>Streams events to <paramref name="output"/> until <paramref name="count"/> were printed, the run has
    /// ended or the token ends.</summary>
    internal static async Task<int> WatchAsync(CtlClient client, string topics, int? count, TextWriter output, CancellationToken cancellation, string? run = null)
    {
        string? lastId = null;
        var printed = 0;
        var failures = 0;
        var path = "/api/events?topics=" + Uri.EscapeDataString(topics) + (run is null ? string.Empty : "&run=" + Uri.EscapeDataString(run));
        while (!cancellation.IsCancellationRequested)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
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

                    if (lastId is not null && response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
                    {
                        // The stream ended with its run (409: ended, 404: no longer kept or none live): nothing more will come.
                        Console.Error.WriteLine("trdpsim ctl: the run has ended");
                        return ExitCodes.Ok;
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
