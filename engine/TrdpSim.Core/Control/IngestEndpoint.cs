using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using TrdpSim.Events;
using TrdpSim.Reporting;

namespace TrdpSim.Control;

/// <summary><c>POST /api/runs/{id}/ingest</c>: NDJSON read as it streams in, each line checked on its own; good lines
/// join the run's events (<c>run.ingest</c>), bad ones are listed with their line number and reason.</summary>
/// <remarks>
/// Memory stays bounded whatever the body's length: one line at a time (longer than
/// <see cref="StreamEndpointOptions.MaxIngestLineBytes"/> is refused and skipped), the reply lists at most
/// <see cref="StreamEndpointOptions.MaxRejectedListed"/> rejected lines and counts all. When the bus's posting ring is
/// full the line waits (up to a second, which slows the sender down through TCP) before it is refused.
/// Answer: 200 with <c>{"run","accepted","rejected","errors":[{"line","error"}],"errorsNotListed"}</c>; 400 with the
/// same body when lines came and none was accepted; 404 for an unknown run; 415 for a body that is not NDJSON.
/// </remarks>
internal static partial class IngestEndpoint
{
    private static readonly string[] ContentTypes = ["application/x-ndjson", "application/jsonl", "application/json", "text/plain"];

    public static async Task HandleAsync(HttpContext context, string id, StreamEndpointOptions options, ILogger logger)
    {
        var run = options.Runs(id);
        if (run.Bus is not { } bus)
        {
            await StreamEndpoints.ErrorAsync(context, run.Status, run.Error ?? $"no run '{id}'").ConfigureAwait(false);
            return;
        }

        var type = context.Request.ContentType;
        if (type is not null && !ContentTypes.Any(t => type.StartsWith(t, StringComparison.OrdinalIgnoreCase)))
        {
            await StreamEndpoints.ErrorAsync(context, StatusCodes.Status415UnsupportedMediaType,
                $"content type '{type}': send NDJSON (application/x-ndjson), one JSON object per line").ConfigureAwait(false);
            return;
        }

        // Kestrel caps a body at 30 MB by default; an ingest stream from a test bench runs for hours, and memory is
        // bounded per line anyway, so the cap is the option's (none by default).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = options.MaxIngestBodyBytes;
        }

        var result = new IngestResult(options.MaxRejectedListed);
        try
        {
            await ReadLinesAsync(context.Request.BodyReader, options.MaxIngestLineBytes, result, (line, number) =>
            {
                if (!IngestLineParser.TryParse(line, DateTime.UtcNow, bus, out var parsed, out var error))
                {
                    result.Reject(number, error!);
                }
                else if (!Post(bus, parsed))
                {
                    result.Reject(number, "the run's event bus stayed full for a second; send more slowly");
                }
                else
                {
                    result.Accepted++;
                }
            }, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            Ingested(logger, id, result.Accepted, result.Rejected);
            await StreamEndpoints.ErrorAsync(context, StatusCodes.Status413PayloadTooLarge,
                $"the body is longer than {options.MaxIngestBodyBytes} bytes; {result.Accepted} line(s) before that were accepted").ConfigureAwait(false);
            return;
        }

        Ingested(logger, id, result.Accepted, result.Rejected);
        context.Response.StatusCode = result.Accepted == 0 && result.Rejected > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            result.Write(json, id);
        }

        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Splits a streamed body into lines (LF or CRLF) and hands each non-empty one, with its 1-based number,
    /// to <paramref name="line"/>; a line over <paramref name="maxLineBytes"/> is rejected and skipped to its end.</summary>
    internal static async Task ReadLinesAsync(PipeReader reader, int maxLineBytes, IngestResult result, LineHandler line, CancellationToken cancel)
    {
        var number = 0;
        var skipping = false; // inside a line that was too long
        while (true)
        {
            var read = await reader.ReadAsync(cancel).ConfigureAwait(false);
            var buffer = read.Buffer;
            while (TryTakeLine(ref buffer, out var taken))
            {
                if (skipping)
                {
                    skipping = false; // the end of the over-long line; it was reported already
                    continue;
                }

                number++;
                if (taken.Length > maxLineBytes)
                {
                    result.Reject(number, $"line longer than {maxLineBytes} bytes");
                }
                else
                {
                    Handle(taken, number, line);
                }
            }

            if (!skipping && buffer.Length > maxLineBytes)
            {
                number++;
                result.Reject(number, $"line longer than {maxLineBytes} bytes");
                skipping = true;
            }

            if (skipping)
            {
                buffer = buffer.Slice(buffer.End); // drop what is read of it; keep looking for its end
            }

            if (read.IsCompleted)
            {
                if (!skipping && buffer.Length > 0)
                {
                    number++;
                    Handle(buffer, number, line); // a last line without a newline
                    buffer = buffer.Slice(buffer.End);
                }

                reader.AdvanceTo(buffer.End);
                return;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    internal delegate void LineHandler(ReadOnlySpan<byte> line, int number);

    private static void Handle(ReadOnlySequence<byte> taken, int number, LineHandler line)
    {
        ReadOnlySpan<byte> span = taken.IsSingleSegment ? taken.FirstSpan : taken.ToArray();
        if (span.Length > 0 && span[^1] == (byte)'\r')
        {
            span = span[..^1];
        }

        if (!span.Trim((byte)' ').IsEmpty)
        {
            line(span, number);
        }
    }

    private static bool TryTakeLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var newline = buffer.PositionOf((byte)'\n');
        if (newline is not { } at)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, at);
        buffer = buffer.Slice(buffer.GetPosition(1, at));
        return true;
    }

    /// <summary>Posts one event, waiting (up to a second) while the bus's ring is full.</summary>
    private static bool Post(RunEventBus bus, in RunEvent e)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (bus.Post(e))
            {
                return true;
            }

            Thread.Sleep(10);
        }

        return false;
    }

    [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "ingest into run '{Run}': {Accepted} line(s) accepted, {Rejected} rejected")]
    private static partial void Ingested(ILogger logger, string run, int accepted, int rejected);
}

/// <summary>What an ingest request did: counts, and the first rejected lines with their reasons.</summary>
internal sealed class IngestResult(int maxListed)
{
    private readonly List<(int Line, string Error)> _errors = [];

    public int Accepted { get; set; }

    public int Rejected { get; private set; }

    public IReadOnlyList<(int Line, string Error)> Errors => _errors;

    public void Reject(int line, string error)
    {
        Rejected++;
        if (_errors.Count < maxListed)
        {
            _errors.Add((line, error));
        }
    }

    public void Write(Utf8JsonWriter json, string run)
    {
        json.WriteStartObject();
        json.WriteString("run", run);
        json.WriteNumber("accepted", Accepted);
        json.WriteNumber("rejected", Rejected);
        JsonLists.WriteObjects(json, "errors", _errors, static (json, e) =>
        {
            json.WriteNumber("line", e.Line);
            json.WriteString("error", e.Error);
        });
        json.WriteNumber("errorsNotListed", Rejected - _errors.Count);
        json.WriteEndObject();
    }
}
