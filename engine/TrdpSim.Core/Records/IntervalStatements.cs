using Microsoft.Data.Sqlite;
using TrdpSim.Telemetry;

namespace TrdpSim.Records;

/// <summary>The prepared statements that write one interval of a run — a row per telegram group, the process row,
/// rejects and threshold states, the run's interval count, the checkpoint — made once per record and bound anew at
/// every interval (writer thread only).</summary>
/// <remarks>A command made, prepared and disposed for every row and interval left tens of kilobytes of garbage per
/// interval on top of the values themselves: over a soak, most of what a steady run allocated once its readers of
/// /proc had stopped allocating. Kept commands are given the interval's transaction before they run.</remarks>
internal sealed class IntervalStatements : IDisposable
{
    private const int Percentiles = 12;

    private readonly SqliteCommand _row;
    private readonly SqliteParameter _group;
    private readonly SqliteParameter _rowSequence;
    private readonly SqliteParameter _rowEnd;
    private readonly SqliteParameter[] _counters = new SqliteParameter[IntervalColumns.Count];
    private readonly SqliteParameter[] _percentiles = new SqliteParameter[Percentiles];
    private readonly SqliteCommand _process;
    private readonly SqliteParameter[] _processValues;
    private readonly SqliteCommand _reject;
    private readonly SqliteCommand _threshold;
    private readonly SqliteCommand _run;
    private readonly SqliteCommand _checkpoint;

    private static readonly string IntervalInsert = BuildIntervalInsert();

    public IntervalStatements(SqliteConnection connection, string runId)
    {
        _row = StoreConnection.Command(connection, IntervalInsert);
        _row.Parameters.AddWithValue("$run", runId);
        _group = _row.Parameters.Add("$g", SqliteType.Integer);
        _rowSequence = _row.Parameters.Add("$seq", SqliteType.Integer);
        _rowEnd = _row.Parameters.Add("$end", SqliteType.Integer);
        for (int c = 0; c < _counters.Length; c++)
        {
            _counters[c] = _row.Parameters.Add("$c" + c, SqliteType.Integer);
        }

        for (int i = 0; i < _percentiles.Length; i++)
        {
            _percentiles[i] = _row.Parameters.Add("$p" + i, SqliteType.Integer);
        }

        string[] process = ["$seq", "$end", "$utc", "$rss", "$heap", "$alloc", "$g0", "$g1", "$g2", "$fds", "$threads", "$dgrams", "$errors",
            "$wp99", "$wmax", "$drops", "$fullHeap", "$fullFrag", "$fullIndex", "$gen2"];
        _process = StoreConnection.Command(connection,
            "INSERT INTO process_intervals (run_id, seq, end_ms, utc, rss_bytes, heap_bytes, allocated_bytes, gc0, gc1, gc2, open_fds, threads, datagrams, " +
            "engine_errors, wheel_p99, wheel_max, store_drops, full_heap_bytes, full_fragmented_bytes, full_gc_index, gen2_bytes) " +
            "VALUES ($run, " + string.Join(", ", process) + ")");
        _process.Parameters.AddWithValue("$run", runId);
        _processValues = new SqliteParameter[process.Length];
        for (int i = 0; i < process.Length; i++)
        {
            _processValues[i] = _process.Parameters.AddWithValue(process[i], DBNull.Value); // typed by each value, as before
        }

        _reject = Keyed(connection, "INSERT INTO rejects VALUES ($run, $seq, $key, $value)", runId);
        _threshold = Keyed(connection, "INSERT INTO threshold_states VALUES ($run, $seq, $key, $value)", runId);
        _run = StoreConnection.Command(connection, "UPDATE runs SET intervals = $n, last_checkpoint_utc = $utc WHERE id = $run");
        _run.Parameters.Add("$n", SqliteType.Integer);
        _run.Parameters.Add("$utc", SqliteType.Text);
        _run.Parameters.AddWithValue("$run", runId);
        _checkpoint = StoreConnection.Command(connection, "PRAGMA wal_checkpoint(PASSIVE)");
    }

    /// <summary>Writes <paramref name="batch"/> inside <paramref name="transaction"/> (<paramref name="drops"/>: items
    /// the writer's queue refused so far).</summary>
    public void Write(IntervalBatch batch, long drops, SqliteTransaction transaction)
    {
        _row.Transaction = transaction;
        _rowSequence.Value = batch.Sequence;
        _rowEnd.Value = batch.EndMilliseconds;
        for (int g = 0; g < batch.GroupCount; g++)
        {
            _group.Value = g;
            for (int c = 0; c < _counters.Length; c++)
            {
                _counters[c].Value = batch.Counters[(g * IntervalColumns.Count) + c];
            }

            Bind(0, batch.Latency[g]);
            Bind(6, batch.Jitter[g]);
            _row.ExecuteNonQuery();
        }

        ProcessFigures p = batch.Process;
        object[] values =
        [
            batch.Sequence, batch.EndMilliseconds, StoreConnection.Utc(batch.Utc), p.ResidentBytes, p.HeapBytes, p.AllocatedBytes, p.Gen0, p.Gen1,
            p.Gen2, p.OpenFiles, p.Threads, p.Datagrams, p.EngineErrors, p.WheelP99, p.WheelMax, p.StoreDrops + drops, p.GcHeap.FullHeapBytes,
            p.GcHeap.FullFragmentedBytes, p.GcHeap.FullCollectionIndex, p.GcHeap.Gen2Bytes,
        ];
        for (int i = 0; i < values.Length; i++)
        {
            _processValues[i].Value = values[i];
        }

        _process.Transaction = transaction;
        _process.ExecuteNonQuery();
        foreach ((string reason, long count) in batch.Rejects)
        {
            Keyed(_reject, transaction, batch.Sequence, reason, count);
        }

        for (int t = 0; t < batch.ThresholdOk.Length; t++)
        {
            Keyed(_threshold, transaction, batch.Sequence, t, batch.ThresholdOk[t] ? 1 : 0);
        }

        _run.Transaction = transaction;
        _run.Parameters["$n"].Value = batch.Sequence + 1;
        _run.Parameters["$utc"].Value = StoreConnection.Utc(batch.Utc);
        _run.ExecuteNonQuery();
    }

    /// <summary>Moves the write-ahead log into the database (after the interval's commit).</summary>
    public void Checkpoint() => _checkpoint.ExecuteNonQuery();

    public void Dispose()
    {
        _row.Dispose();
        _process.Dispose();
        _reject.Dispose();
        _threshold.Dispose();
        _run.Dispose();
        _checkpoint.Dispose();
    }

    private static string BuildIntervalInsert()
    {
        var values = new System.Text.StringBuilder("INSERT INTO intervals VALUES ($run, $g, $seq, $end");
        for (int c = 0; c < IntervalColumns.Count; c++)
        {
            values.Append(", $c").Append(c);
        }

        for (int p = 0; p < Percentiles; p++)
        {
            values.Append(", $p").Append(p);
        }

        return values.Append(')').ToString();
    }

    private static SqliteCommand Keyed(SqliteConnection connection, string insert, string runId)
    {
        SqliteCommand command = StoreConnection.Command(connection, insert);
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.Add("$seq", SqliteType.Integer);
        command.Parameters.AddWithValue("$key", DBNull.Value); // a reason's name or a threshold's index
        command.Parameters.Add("$value", SqliteType.Integer);
        return command;
    }

    /// <summary>One row of a table that holds a value per run, interval and key (rejects by reason, threshold states
    /// by index): the tables share that column order.</summary>
    private static void Keyed(SqliteCommand command, SqliteTransaction transaction, long sequence, object key, long value)
    {
        command.Transaction = transaction;
        command.Parameters["$seq"].Value = sequence;
        command.Parameters["$key"].Value = key;
        command.Parameters["$value"].Value = value;
        command.ExecuteNonQuery();
    }

    private void Bind(int at, in LatencySnapshot s)
    {
        _percentiles[at].Value = s.Count;
        _percentiles[at + 1].Value = s.P50;
        _percentiles[at + 2].Value = s.P90;
        _percentiles[at + 3].Value = s.P99;
        _percentiles[at + 4].Value = s.P999;
        _percentiles[at + 5].Value = s.Max;
    }
}
