using System.Text;
using Microsoft.Data.Sqlite;

namespace TrdpSim.Records;

/// <summary>The store's tables, as numbered migrations: a store file says its version (<c>PRAGMA user_version</c>)
/// and opening it applies the missing steps in one transaction each.</summary>
/// <remarks>A file written by a newer trdpsim (a higher version) is refused rather than guessed at. Rows of
/// <c>intervals</c> have the same columns whatever the run's length: a run grows by rows, never by row size.</remarks>
internal static class RunStoreSchema
{
    /// <summary>The version this build writes.</summary>
    public static int Current => Migrations.Length;

    private static readonly string[] Migrations = [Version1(), Version2, Version3];

    /// <summary>Version 2: the heap after the last full collection, its fragmentation and number, and generation 2's
    /// size, per process interval — a long run's growth read as retained memory or as garbage awaiting a full
    /// collection. Rows of older runs read 0.</summary>
    private const string Version2 = """
        ALTER TABLE process_intervals ADD COLUMN full_heap_bytes INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE process_intervals ADD COLUMN full_fragmented_bytes INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE process_intervals ADD COLUMN full_gc_index INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE process_intervals ADD COLUMN gen2_bytes INTEGER NOT NULL DEFAULT 0;
        """;

    /// <summary>Version 3: a caller's late replies per interval (replies after their call had ended), so a report shows
    /// when the device answered too late, not only that the calls timed out. Rows of older runs read 0.</summary>
    private const string Version3 = """
        ALTER TABLE intervals ADD COLUMN md_late INTEGER NOT NULL DEFAULT 0;
        """;

    /// <summary>Brings <paramref name="connection"/>'s file to <see cref="Current"/>.</summary>
    /// <remarks>Each step takes the write lock first and reads the version under it: two processes opening a new
    /// store at once (a run starting while `trdpsim runs list` looks) would otherwise both read version 0 and the
    /// second would apply a step the first had just applied ("table runs already exists").</remarks>
    public static void Migrate(SqliteConnection connection)
    {
        if (Scalar(connection, null, "PRAGMA user_version") == Current)
        {
            return; // up to date: no write lock (a store on read-only media still opens)
        }

        while (true)
        {
            using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
            long version = Scalar(connection, transaction, "PRAGMA user_version");
            if (version > Current)
            {
                throw new RunStoreException($"{connection.DataSource}: written by a newer trdpsim (store version {version}, this one reads up to {Current})");
            }

            if (version == Current)
            {
                return;
            }

            using (SqliteCommand command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = Migrations[version] + $"\nPRAGMA user_version = {version + 1};";
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    private static long Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Version1()
    {
        var intervals = new StringBuilder();
        foreach (string name in IntervalColumns.Names.AsSpan(0, IntervalColumns.FirstVersionCount))
        {
            intervals.Append("  ").Append(name).Append(" INTEGER NOT NULL DEFAULT 0,\n");
        }

        foreach (string distribution in IntervalColumns.DistributionNames)
        {
            foreach (string percentile in IntervalColumns.PercentileNames)
            {
                intervals.Append("  ").Append(distribution).Append('_').Append(percentile).Append(" INTEGER NOT NULL DEFAULT 0,\n");
            }
        }

        return $"""
            CREATE TABLE runs (
              id TEXT PRIMARY KEY,
              name TEXT NOT NULL,
              scenario_key TEXT NOT NULL,
              state TEXT NOT NULL,
              created_utc TEXT NOT NULL,
              started_utc TEXT,
              stopped_utc TEXT,
              last_checkpoint_utc TEXT,
              stop_reason TEXT,
              interval_ms INTEGER NOT NULL,
              intervals INTEGER NOT NULL DEFAULT 0,
              verdict TEXT,
              seed INTEGER NOT NULL,
              version TEXT NOT NULL,
              commit_id TEXT NOT NULL,
              duration_requested_ms INTEGER,
              command_line TEXT NOT NULL,
              parameters TEXT NOT NULL,
              host TEXT NOT NULL,
              summary_json TEXT,
              pid INTEGER NOT NULL
            );
            CREATE INDEX runs_by_scenario ON runs (scenario_key, created_utc);
            CREATE TABLE run_inputs (
              run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
              position INTEGER NOT NULL,
              path TEXT NOT NULL,
              sha256 TEXT,
              bytes INTEGER NOT NULL,
              content BLOB,
              PRIMARY KEY (run_id, position)
            ) WITHOUT ROWID;
            CREATE TABLE groups (
              run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
              group_index INTEGER NOT NULL,
              kind TEXT NOT NULL,
              device TEXT NOT NULL,
              name TEXT NOT NULL,
              com_id INTEGER NOT NULL,
              instances INTEGER NOT NULL,
              PRIMARY KEY (run_id, group_index)
            ) WITHOUT ROWID;
            CREATE TABLE intervals (
              run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
              group_index INTEGER NOT NULL,
              seq INTEGER NOT NULL,
              end_ms INTEGER NOT NULL,
            {intervals}  PRIMARY KEY (run_id, group_index, seq)
            ) WITHOUT ROWID;
            CREATE TABLE process_intervals (
              run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
              seq INTEGER NOT NULL,
              end_ms INTEGER NOT NULL,
              utc TEXT NOT NULL,
              rss_bytes INTEGER NOT NULL,
              heap_bytes INTEGER NOT NULL,
              allocated_bytes INTEGER NOT NULL,
              gc0 INTEGER NOT NULL,
              gc1 INTEGER NOT NULL,
              gc2 INTEGER NOT NULL,
              open_fds INTEGER NOT NULL,
              threads INTEGER NOT NULL,
              datagrams INTEGER NOT NULL,
              engine_errors INTEGER NOT NULL,
              wheel_p99 INTEGER NOT NULL,
              wheel_max INTEGER NOT NULL,
              store_drops INTEGER NOT NULL,
              PRIMARY KEY (run_id, seq)
            ) WITHOUT ROWID;
            {KeyedIntervals("rejects", "reason", "TEXT", "count")}
            CREATE TABLE thresholds (
              run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
              idx INTEGER NOT NULL,
              text TEXT NOT NULL,
              passed INTEGER,
              observed TEXT,
              failed_at_ms INTEGER,
              detail TEXT,
              PRIMARY KEY (run_id, idx)
            ) WITHOUT ROWID;
            {KeyedIntervals("threshold_states", "idx", "INTEGER", "ok")}
            CREATE TABLE events (
              run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
              seq INTEGER NOT NULL,
              at_ms INTEGER NOT NULL,
              utc TEXT NOT NULL,
              kind TEXT NOT NULL,
              source TEXT NOT NULL,
              subject TEXT NOT NULL,
              detail TEXT NOT NULL,
              PRIMARY KEY (run_id, seq)
            ) WITHOUT ROWID;
            CREATE TABLE baselines (
              scenario_key TEXT PRIMARY KEY,
              run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
              set_utc TEXT NOT NULL
            );
            """;
    }

    /// <summary>A table that holds one value per run, interval and key (rejects by reason, threshold states by index),
    /// in the column order <see cref="RunWriter"/> inserts such rows.</summary>
    private static string KeyedIntervals(string table, string key, string keyType, string value) => $"""
        CREATE TABLE {table} (
          run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
          seq INTEGER NOT NULL,
          {key} {keyType} NOT NULL,
          {value} INTEGER NOT NULL,
          PRIMARY KEY (run_id, seq, {key})
        ) WITHOUT ROWID;
        """;
}
