using System.CommandLine;
using TrdpSim.Records;
using TrdpSim.Records.Reports;

namespace TrdpSim.Cli.Commands;

/// <summary><c>trdpsim report (&lt;run&gt; | --latest) [-o report.html] [--format html|csv|json|parquet]</c>: a stored run
/// as one self-contained HTML page (charts, verdicts, fault impact, manifest), or its interval series as CSV, JSON or Parquet.</summary>
/// <remarks>Exit codes: 0 written, 2 no such run or a bad option, 3 the store or the output cannot be used.</remarks>
internal static class ReportCommand
{
    private static readonly string[] Formats = ["html", "csv", "json", "parquet"];

    public static Command Create()
    {
        var run = new Argument<string?>("run-id") { Description = "a run id (or the start of one that names only it)", Arity = ArgumentArity.ZeroOrOne };
        var latest = OptionValues.Flag("--latest", "the newest run in the store");
        var output = new Option<string?>("--output", "-o") { Description = "the file to write [default: report-<run-id>.html (or .csv, .json) in the current folder]", HelpName = "file" };
        var format = new Option<string>("--format") { Description = "html (a page with charts), csv, json or parquet (the per-interval series)", DefaultValueFactory = _ => "html" };
        format.AcceptOnlyFromAmong(Formats);
        var dataDirectory = StoreOptions.DataDirectory();
        var command = new Command("report", "write a stored run as a self-contained HTML report (or its interval series as CSV/JSON)")
        {
            run, latest, output, format, dataDirectory,
        };
        command.SetAction(parse =>
        {
            string? id = parse.GetValue(run);
            bool newest = parse.GetValue(latest);
            if ((id is null) == !newest)
            {
                Console.Error.WriteLine("trdpsim: report: give a run id or --latest (one of them)");
                return ExitCodes.Usage;
            }

            return RunsCommand.With(parse.GetValue(dataDirectory), store => Execute(store, id ?? "latest", parse.GetValue(output), parse.GetRequiredValue(format)));
        });
        return command;
    }

    private static int Execute(RunStore store, string id, string? output, string format)
    {
        RunRecord record = store.Load(id);
        string path = output ?? $"report-{record.Run.Id}.{format}";
        switch (format)
        {
            case "csv":
                using (var writer = new StreamWriter(path))
                {
                    SeriesExport.WriteCsv(writer, record);
                }

                break;
            case "json":
                using (FileStream stream = File.Create(path))
                {
                    SeriesExport.WriteJson(stream, record);
                }

                break;
            case "parquet":
                using (FileStream stream = File.Create(path))
                {
                    // The command line has no synchronization context: waiting here cannot deadlock.
                    SeriesParquet.WriteAsync(stream, record).GetAwaiter().GetResult();
                }

                break;
            default:
                File.WriteAllText(path, RunReport.Html(record));
                break;
        }

        Console.WriteLine($"run {record.Run.Id} ({RunStates.Label(record.Run.State)}): {path}");
        return ExitCodes.Ok;
    }
}
