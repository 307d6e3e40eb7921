using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using TrdpSim.Reporting;

namespace TrdpSim.Records;

/// <summary>The run store: every run's record in one SQLite file (<c>runs.db</c>) in a data directory.</summary>
/// <remarks>
/// Opening it applies the schema's migrations and marks every run left live by a process that is gone as
/// <see cref="RunState.Crashed"/>, stopped at its last checkpoint (<see cref="Recovered"/>). Any number of
/// trdpsim processes may use one store at once: each run is written through its own <see cref="RunWriter"/>,
/// readers never block it, and a run's lock file tells a live run from a crashed one.
/// </remarks>
internal sealed class RunStore
{
    private RunStore(string directory, IReadOnlyList<string> recovered)
    {
        Directory = directory;
        FilePath = Path.Combine(directory, RunStoreLocation.FileName);
        Recovered = recovered;
    }

    /// <summary>The data directory.</summary>
    public string Directory { get; }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <summary>Runs this open found live without a live process and marked crashed.</summary>
    public IReadOnlyList<string> Recovered { get; }

    /// <summary>Opens (creating when needed) the store in <paramref name="directory"/>.</summary>
    /// <exception cref="RunStoreException">The directory cannot be made, or the file is not a store this build reads.</exception>
    public static RunStore Open(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        try
        {
            System.IO.Directory.CreateDirectory(directory);
            string file = Path.Combine(directory, RunStoreLocation.FileName);
            using SqliteConnection connection = StoreConnection.Open(file);
            RunStoreSchema.Migrate(connection);
            return new RunStore(directory, RecoverCrashed(connection, directory));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
        {
            throw new RunStoreException($"{Path.Combine(directory, RunStoreLocation.FileName)}: cannot open the run store: {e.Message}", e);
        }
    }

    /// <summary>Records a new run (state <see cref="RunState.Running"/> from <paramref name="startedUtc"/>) and
    /// returns the writer that fills it.</summary>
    public RunWriter Begin(RunStart start, DateTime startedUtc)
    {
        ArgumentNullException.ThrowIfNull(start);
        string id = NewId(startedUtc);
        RunLock runLock = RunLock.TryTake(Directory, id) ?? throw new RunStoreException($"run {id}: its lock is held by another process");
        SqliteConnection connection = StoreConnection.Open(FilePath);
        try
        {
            using SqliteTransaction transaction = connection.BeginTransaction();
            using (SqliteCommand run = StoreConnection.Command(connection, """
                INSERT INTO runs (id, name, scenario_key, state, created_utc, started_utc, interval_ms, seed, version, commit_id,
                                  duration_requested_ms, command_line, parameters, host, pid)
                VALUES ($id, $name, $key, $state, $created, $started, $interval, $seed, $version, $commit, $duration, $cmd, $params, $host, $pid)
                """, transaction))
            {
                run.Parameters.AddWithValue("$id", id);
                run.Parameters.AddWithValue("$name", start.Name);
                run.Parameters.AddWithValue("$key", start.ScenarioKey());
                run.Parameters.AddWithValue("$state", RunStates.Label(RunState.Running));
                run.Parameters.AddWithValue("$created", StoreConnection.Utc(DateTime.UtcNow));
                run.Parameters.AddWithValue("$started", StoreConnection.Utc(startedUtc));
                run.Parameters.AddWithValue("$interval", (long)start.Interval.TotalMilliseconds);
                run.Parameters.AddWithValue("$seed", unchecked((long)start.Seed));
                run.Parameters.AddWithValue("$version", start.Version);
                run.Parameters.AddWithValue("$commit", start.Commit);
                run.Parameters.AddWithValue("$duration", start.DurationRequested is { } d ? (long)d.TotalMilliseconds : DBNull.Value);
                run.Parameters.AddWithValue("$cmd", ManifestParts.CommandLine(start.CommandLine));
                run.Parameters.AddWithValue("$params", ManifestParts.Parameters(start.Parameters));
                run.Parameters.AddWithValue("$host", ManifestParts.Host(start.Host));
                run.Parameters.AddWithValue("$pid", Environment.ProcessId);
                run.ExecuteNonQuery();
            }

            for (int i = 0; i < start.Inputs.Count; i++)
            {
                InputFile input = start.Inputs[i];
                using SqliteCommand command = StoreConnection.Command(connection, "INSERT INTO run_inputs VALUES ($run, $pos, $path, $sha, $bytes, $content)", transaction);
                command.Parameters.AddWithValue("$run", id);
                command.Parameters.AddWithValue("$pos", i);
                command.Parameters.AddWithValue("$path", input.Path);
                command.Parameters.AddWithValue("$sha", (object?)input.Sha256 ?? DBNull.Value);
                command.Parameters.AddWithValue("$bytes", input.Bytes);
                command.Parameters.AddWithValue("$content", i < start.InputContents.Count && start.InputContents[i] is { } bytes ? bytes : DBNull.Value);
                command.ExecuteNonQuery();
            }

            foreach (StoredGroup group in start.Groups)
            {
                using SqliteCommand command = StoreConnection.Command(connection, "INSERT INTO groups VALUES ($run, $idx, $kind, $device, $name, $comid, $n)", transaction);
                command.Parameters.AddWithValue("$run", id);
                command.Parameters.AddWithValue("$idx", group.Index);
                command.Parameters.AddWithValue("$kind", group.Kind);
                command.Parameters.AddWithValue("$device", group.Device);
                command.Parameters.AddWithValue("$name", group.Name);
                command.Parameters.AddWithValue("$comid", (long)group.ComId);
                command.Parameters.AddWithValue("$n", group.Instances);
                command.ExecuteNonQuery();
            }

            for (int i = 0; i < start.Thresholds.Count; i++)
            {
                using SqliteCommand command = StoreConnection.Command(connection, "INSERT INTO thresholds (run_id, idx, text) VALUES ($run, $idx, $text)", transaction);
                command.Parameters.AddWithValue("$run", id);
                command.Parameters.AddWithValue("$idx", i);
                command.Parameters.AddWithValue("$text", start.Thresholds[i]);
                command.ExecuteNonQuery();
            }

            transaction.Commit();
            return new RunWriter(id, connection, runLock, start.Interval);
        }
        catch
        {
            connection.Dispose();
            runLock.Release();
            throw;
        }
    }

    /// <summary>Every stored run, newest first.</summary>
    public IReadOnlyList<StoredRun> List()
    {
        using SqliteConnection connection = StoreConnection.Open(FilePath);
        using SqliteCommand command = StoreConnection.Command(connection, $"SELECT {RunColumns} FROM runs ORDER BY id DESC");
        return ReadRuns(command);
    }

    /// <summary>The run with id <paramref name="idOrPrefix"/> (or the only one it begins); <c>latest</c> = the newest.</summary>
    /// <exception cref="RunStoreException">No run, or several, match.</exception>
    public StoredRun Resolve(string idOrPrefix)
    {
        ArgumentNullException.ThrowIfNull(idOrPrefix);
        if (idOrPrefix.Length == 0)
        {
            // A run named on a command line ('trdpsim runs show ""'): the user's mistake, said as such, not an
            // ArgumentException that reached the command line as an internal error with its stack trace.
            throw new RunStoreException("no run id given (an id, the start of one, or 'latest')");
        }

        using SqliteConnection connection = StoreConnection.Open(FilePath);
        if (idOrPrefix == "latest")
        {
            using SqliteCommand latest = StoreConnection.Command(connection, $"SELECT {RunColumns} FROM runs ORDER BY id DESC LIMIT 1");
            return ReadRuns(latest) is [var newest] ? newest : throw new RunStoreException($"{FilePath}: no runs stored yet");
        }

        using SqliteCommand command = StoreConnection.Command(connection, $"SELECT {RunColumns} FROM runs WHERE id = $id OR substr(id, 1, length($id)) = $id ORDER BY id DESC LIMIT 3");
        command.Parameters.AddWithValue("$id", idOrPrefix);
        IReadOnlyList<StoredRun> runs = ReadRuns(command);
        foreach (StoredRun run in runs)
        {
            if (run.Id == idOrPrefix)
            {
                return run;
            }
        }

        return runs.Count switch
        {
            1 => runs[0],
            0 => throw new RunStoreException($"no run '{idOrPrefix}' in {FilePath} (trdpsim runs list shows them)"),
            _ => throw new RunStoreException($"'{idOrPrefix}' is the start of several run ids ({runs[0].Id}, {runs[1].Id} …): give more of it"),
        };
    }

    /// <summary>Deletes a run and everything recorded with it; false when there is no such run.</summary>
    /// <exception cref="RunStoreException">The run is live (a process still writes it).</exception>
    public bool Delete(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        using RunLock? held = RunLock.TryTake(Directory, id);
        if (held is null)
        {
            throw new RunStoreException($"run {id} is still being recorded by a live process; stop it first");
        }

        using SqliteConnection connection = StoreConnection.Open(FilePath);
        using SqliteCommand command = StoreConnection.Command(connection, "DELETE FROM runs WHERE id = $id");
        command.Parameters.AddWithValue("$id", id);
        bool deleted = command.ExecuteNonQuery() > 0;
        held.Release();
        return deleted;
    }

    /// <summary>Makes <paramref name="id"/> the baseline of its scenario (replacing the previous one).</summary>
    public StoredRun SetBaseline(string id)
    {
        StoredRun run = Resolve(id);
        using SqliteConnection connection = StoreConnection.Open(FilePath);
        using SqliteCommand command = StoreConnection.Command(connection,
            "INSERT INTO baselines VALUES ($key, $id, $utc) ON CONFLICT (scenario_key) DO UPDATE SET run_id = excluded.run_id, set_utc = excluded.set_utc");
        command.Parameters.AddWithValue("$key", run.ScenarioKey);
        command.Parameters.AddWithValue("$id", run.Id);
        command.Parameters.AddWithValue("$utc", StoreConnection.Utc(DateTime.UtcNow));
        command.ExecuteNonQuery();
        return run;
    }

    /// <summary>The baseline of <paramref name="scenarioKey"/>, or null.</summary>
    public StoredRun? Baseline(string scenarioKey)
    {
        using SqliteConnection connection = StoreConnection.Open(FilePath);
        using SqliteCommand command = StoreConnection.Command(connection,
            $"SELECT {RunColumns} FROM runs WHERE id = (SELECT run_id FROM baselines WHERE scenario_key = $key)");
        command.Parameters.AddWithValue("$key", scenarioKey);
        return ReadRuns(command) is [var baseline] ? baseline : null;
    }

    /// <summary>Everything stored for a run: manifest, groups, interval series, events, thresholds.</summary>
    public RunRecord Load(string id) => RunRecordReader.Read(FilePath, Resolve(id));

    /// <summary>The run's input files with their contents (to play it again exactly).</summary>
    public IReadOnlyList<(string Path, string? Sha256, byte[]? Content)> Inputs(string id)
    {
        using SqliteConnection connection = StoreConnection.Open(FilePath);
        using SqliteCommand command = StoreConnection.Command(connection, "SELECT path, sha256, content FROM run_inputs WHERE run_id = $id ORDER BY position");
        command.Parameters.AddWithValue("$id", id);
        using SqliteDataReader reader = command.ExecuteReader();
        var inputs = new List<(string, string?, byte[]?)>();
        while (reader.Read())
        {
            inputs.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2)));
        }

        return inputs;
    }

    internal const string RunColumns =
        "id, name, scenario_key, state, created_utc, started_utc, stopped_utc, stop_reason, interval_ms, intervals, verdict, seed, version, commit_id";

    internal static IReadOnlyList<StoredRun> ReadRuns(SqliteCommand command)
    {
        using SqliteDataReader reader = command.ExecuteReader();
        var runs = new List<StoredRun>();
        while (reader.Read())
        {
            runs.Add(new StoredRun(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                RunStates.Parse(reader.GetString(3)),
                StoreConnection.ParseUtc(reader.GetString(4)),
                reader.IsDBNull(5) ? null : StoreConnection.ParseUtc(reader.GetString(5)),
                reader.IsDBNull(6) ? null : StoreConnection.ParseUtc(reader.GetString(6)),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.GetInt64(8),
                reader.GetInt64(9),
                reader.IsDBNull(10) ? null : reader.GetString(10),
                unchecked((ulong)reader.GetInt64(11)),
                reader.GetString(12),
                reader.GetString(13)));
        }

        return runs;
    }

    /// <summary>Marks runs left live by a dead process as crashed, stopped at their last checkpoint.</summary>
    private static List<string> RecoverCrashed(SqliteConnection connection, string directory)
    {
        var live = new List<(string Id, string? Checkpoint, string? Started)>();
        using (SqliteCommand command = StoreConnection.Command(connection,
            "SELECT id, last_checkpoint_utc, started_utc FROM runs WHERE state IN ('created', 'running', 'paused')"))
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                live.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
            }
        }

        var recovered = new List<string>();
        foreach (var (id, checkpoint, started) in live)
        {
            RunLock? runLock = RunLock.TryTake(directory, id);
            if (runLock is null)
            {
                continue; // its process is alive and still writing
            }

            using SqliteCommand update = StoreConnection.Command(connection,
                "UPDATE runs SET state = 'crashed', stopped_utc = $stopped, stop_reason = 'crashed' WHERE id = $id AND state IN ('created', 'running', 'paused')");
            update.Parameters.AddWithValue("$stopped", (object?)checkpoint ?? (object?)started ?? DBNull.Value);
            update.Parameters.AddWithValue("$id", id);
            if (update.ExecuteNonQuery() > 0)
            {
                recovered.Add(id);
            }

            runLock.Release();
        }

        return recovered;
    }

    private static string NewId(DateTime startedUtc) =>
        startedUtc.ToUniversalTime().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" +
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2));
}
