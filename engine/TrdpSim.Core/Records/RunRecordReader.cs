using Microsoft.Data.Sqlite;
using TrdpSim.Telemetry;

namespace TrdpSim.Records;

/// <summary>Loads a <see cref="RunRecord"/> from the store (one read transaction: a live run's rows are read as of one moment).</summary>
internal static class RunRecordReader
{
    public static RunRecord Read(string file, StoredRun run)
    {
        using SqliteConnection connection = StoreConnection.Open(file);
        using SqliteTransaction snapshot = connection.BeginTransaction(deferred: true);
        string commandLine = "[]", parameters = "[]", host = "{}", summary = string.Empty;
        long? durationMs = null;
        using (SqliteCommand command = Query(connection, snapshot, "SELECT command_line, parameters, host, duration_requested_ms, summary_json FROM runs WHERE id = $id", run.Id))
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            if (reader.Read())
            {
                commandLine = reader.GetString(0);
                parameters = reader.GetString(1);
                host = reader.GetString(2);
                durationMs = reader.IsDBNull(3) ? null : reader.GetInt64(3);
                summary = reader.IsDBNull(4) ? string.Empty : reader.GetString(4);
            }
        }

        var inputs = new List<(string, string?, long)>();
        using (SqliteCommand command = Query(connection, snapshot, "SELECT path, sha256, bytes FROM run_inputs WHERE run_id = $id ORDER BY position", run.Id))
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                inputs.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2)));
            }
        }

        var groups = new List<StoredGroup>();
        using (SqliteCommand command = Query(connection, snapshot, "SELECT group_index, kind, device, name, com_id, instances FROM groups WHERE run_id = $id ORDER BY group_index", run.Id))
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                groups.Add(new StoredGroup(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), (uint)reader.GetInt64(4), reader.GetInt32(5)));
            }
        }

        var series = new List<IntervalRow>[groups.Count];
        for (int g = 0; g < series.Length; g++)
        {
            series[g] = [];
        }

        int percentiles = IntervalColumns.PercentileNames.Length;
        using (SqliteCommand command = Query(connection, snapshot, "SELECT * FROM intervals WHERE run_id = $id ORDER BY group_index, seq", run.Id))
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                int g = reader.GetInt32(1);
                var counters = new long[IntervalColumns.Count];
                for (int c = 0; c < counters.Length; c++)
                {
                    counters[c] = reader.GetInt64(4 + c);
                }

                var latency = new long[percentiles];
                var jitter = new long[percentiles];
                for (int p = 0; p < percentiles; p++)
                {
                    latency[p] = reader.GetInt64(4 + IntervalColumns.Count + p);
                    jitter[p] = reader.GetInt64(4 + IntervalColumns.Count + percentiles + p);
                }

                if (g >= 0 && g < series.Length)
                {
                    series[g].Add(new IntervalRow(reader.GetInt64(2), reader.GetInt64(3), counters, latency, jitter));
                }
            }
        }

        var process = new List<ProcessRow>();
        using (SqliteCommand command = Query(connection, snapshot, "SELECT run_id, seq, end_ms, utc, rss_bytes, heap_bytes, allocated_bytes, gc0, gc1, gc2, open_fds, threads, datagrams, engine_errors, " +
            "wheel_p99, wheel_max, store_drops, full_heap_bytes, full_fragmented_bytes, full_gc_index, gen2_bytes FROM process_intervals WHERE run_id = $id ORDER BY seq", run.Id))
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                process.Add(new ProcessRow(reader.GetInt64(1), reader.GetInt64(2), StoreConnection.ParseUtc(reader.GetString(3)), reader.GetInt64(4), reader.GetInt64(5),
                    reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9), reader.GetInt64(10), reader.GetInt64(11), reader.GetInt64(12),
                    reader.GetInt64(13), reader.GetInt64(14), reader.GetInt64(15), reader.GetInt64(16))
                {
                    GcHeap = new GcHeapFigures(reader.GetInt64(17), reader.GetInt64(18), reader.GetInt64(19), reader.GetInt64(20)),
                });
            }
        }

        var rejects = new List<(long, string, long)>();
        using (SqliteCommand command = Query(connection, snapshot, "SELECT seq, reason, count FROM rejects WHERE run_id = $id ORDER BY seq, reason", run.Id))
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                rejects.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)));
            }
        }

        var events = new List<StoredEvent>();
        using (SqliteCommand command = Query(connection, snapshot, "SELECT at_ms, utc, kind, source, subject, detail FROM events WHERE run_id = $id ORDER BY at_ms, seq", run.Id))
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                events.Add(new StoredEvent(reader.GetInt64(0), StoreConnection.ParseUtc(reader.GetString(1)), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
            }
        }

        var thresholds = new List<StoredThreshold>();
        using (SqliteCommand command = Query(connection, snapshot, "SELECT idx, text, passed, observed, failed_at_ms, detail FROM thresholds WHERE run_id = $id ORDER BY idx", run.Id))
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                thresholds.Add(new StoredThreshold(reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2) != 0,
                    reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
            }
        }

        var states = new List<(long, int, bool)>();
        using (SqliteCommand command = Query(connection, snapshot, "SELECT seq, idx, ok FROM threshold_states WHERE run_id = $id ORDER BY seq, idx", run.Id))
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                states.Add((reader.GetInt64(0), reader.GetInt32(1), reader.GetInt64(2) != 0));
            }
        }

        return new RunRecord(run, commandLine, parameters, host, inputs, groups, series, process, rejects, events, thresholds, states,
            DurationRequested: durationMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            SummaryJson: summary.Length > 0 ? summary : null);
    }

    private static SqliteCommand Query(SqliteConnection connection, SqliteTransaction transaction, string sql, string id)
    {
        SqliteCommand command = StoreConnection.Command(connection, sql, transaction);
        command.Parameters.AddWithValue("$id", id);
        return command;
    }
}
