using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace TrdpSim.Records;

/// <summary>Writes one run into the store on a thread of its own, fed by a bounded queue: the run's threads hand
/// over interval batches, events and state changes and never wait for the disk.</summary>
/// <remarks>
/// <para>Each item (an interval with all its rows, an event, a state change) is one transaction; after an
/// interval the writer checkpoints the write-ahead log into the database. A process killed at any moment
/// (SIGKILL, OOM) leaves every committed interval in the file: it loses the interval that was still being
/// measured, and whatever sat in the queue (at most a few events: the queue is drained as soon as it fills).</para>
/// <para>A full queue drops the item and counts it (<see cref="Drops"/>, also stored with each interval): the
/// run goes on, the record says what it misses. A failing disk is counted as well (<see cref="WriteErrors"/>)
/// and reported by the caller; it never stops the run.</para>
/// </remarks>
internal sealed class RunWriter : IDisposable
{
    /// <summary>Items the queue holds: a day of intervals with room for bursts of events.</summary>
    public const int QueueCapacity = 4096;

    private readonly BlockingCollection<object> _queue = new(QueueCapacity);
    private readonly SqliteConnection _connection;
    private readonly RunLock _lock;
    private readonly Thread _thread;
    private long _drops;
    private long _writeErrors;
    private long _eventSequence;
    private bool _closed;
    private IntervalStatements? _statements; // writer thread; disposed after it ended

    internal RunWriter(string id, SqliteConnection connection, RunLock runLock, TimeSpan interval)
    {
        Id = id;
        Interval = interval;
        _connection = connection;
        _lock = runLock;
        _thread = new Thread(Loop) { IsBackground = true, Name = "trdpsim-store" };
        _thread.Start();
    }

    /// <summary>The run's id in the store.</summary>
    public string Id { get; }

    public TimeSpan Interval { get; }

    /// <summary>Items refused because the queue was full.</summary>
    public long Drops => Interlocked.Read(ref _drops);

    /// <summary>Items the database refused (disk full, I/O error); the first error is in <see cref="LastError"/>.</summary>
    public long WriteErrors => Interlocked.Read(ref _writeErrors);

    public string? LastError { get; private set; }

    /// <summary>Hands an event over; never blocks.</summary>
    public void Add(StoredEvent stored) => Offer(stored);

    /// <summary>Records a state change (paused, running again); never blocks.</summary>
    public void SetState(RunState state) => Offer(new StateChange(state));

    internal void Add(IntervalBatch batch) => Offer(batch);

    /// <summary>Closes the record: writes the final state, verdict and summary after everything queued before,
    /// waits for the writer to finish and releases the run's lock.</summary>
    public void Finish(RunFinish finish)
    {
        ArgumentNullException.ThrowIfNull(finish);
        if (_closed)
        {
            return;
        }

        _closed = true;
        _queue.Add(finish); // the one blocking add: the end waits for room rather than losing the verdict
        _queue.CompleteAdding();
        _thread.Join();
        _statements?.Dispose();
        _connection.Dispose();
        _lock.Release();
    }

    /// <summary>Stops the writer without a verdict (the record stays live until a later start-up finds it
    /// crashed); used when a run could not be started at all.</summary>
    public void Dispose()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _queue.CompleteAdding();
        _thread.Join();
        _statements?.Dispose();
        _connection.Dispose();
        _lock.Dispose();
        _queue.Dispose();
    }

    private void Offer(object item)
    {
        try
        {
            if (!_queue.TryAdd(item))
            {
                Interlocked.Increment(ref _drops);
            }
        }
        catch (InvalidOperationException)
        {
            // Closed: the run has ended; late events are not part of it.
            Interlocked.Increment(ref _drops);
        }
    }

    private void Loop()
    {
        foreach (object item in _queue.GetConsumingEnumerable())
        {
            try
            {
                Write(item);
            }
            catch (SqliteException e)
            {
                Interlocked.Increment(ref _writeErrors);
                LastError ??= e.Message;
            }
        }
    }

    private void Write(object item)
    {
        using SqliteTransaction transaction = _connection.BeginTransaction();
        switch (item)
        {
            case IntervalBatch batch:
                WriteInterval(batch, transaction);
                break;
            case StoredEvent stored:
                WriteEvent(stored, transaction);
                break;
            case StateChange change:
                WriteState(change.State, transaction);
                break;
            case RunFinish finish:
                WriteFinish(finish, transaction);
                break;
        }

        transaction.Commit();
        if (item is IntervalBatch or RunFinish)
        {
            // Move the log into the database now, while it is one interval long (PASSIVE: never waits for readers).
            if (_statements is { } statements)
            {
                statements.Checkpoint();
            }
            else
            {
                StoreConnection.Execute(_connection, "PRAGMA wal_checkpoint(PASSIVE)");
            }
        }
    }

    private void WriteInterval(IntervalBatch batch, SqliteTransaction transaction) =>
        (_statements ??= new IntervalStatements(_connection, Id)).Write(batch, Drops, transaction);

    private void WriteEvent(StoredEvent stored, SqliteTransaction transaction)
    {
        using SqliteCommand command = StoreConnection.Command(_connection,
            "INSERT INTO events VALUES ($run, $seq, $at, $utc, $kind, $source, $subject, $detail)", transaction);
        command.Parameters.AddWithValue("$run", Id);
        command.Parameters.AddWithValue("$seq", _eventSequence++);
        command.Parameters.AddWithValue("$at", stored.AtMilliseconds);
        command.Parameters.AddWithValue("$utc", StoreConnection.Utc(stored.Utc));
        command.Parameters.AddWithValue("$kind", stored.Kind);
        command.Parameters.AddWithValue("$source", stored.Source);
        command.Parameters.AddWithValue("$subject", stored.Subject);
        command.Parameters.AddWithValue("$detail", stored.Detail);
        command.ExecuteNonQuery();
    }

    private void WriteState(RunState state, SqliteTransaction transaction)
    {
        using SqliteCommand command = StoreConnection.Command(_connection, "UPDATE runs SET state = $state WHERE id = $run", transaction);
        command.Parameters.AddWithValue("$state", RunStates.Label(state));
        command.Parameters.AddWithValue("$run", Id);
        command.ExecuteNonQuery();
    }

    private void WriteFinish(RunFinish finish, SqliteTransaction transaction)
    {
        using (SqliteCommand command = StoreConnection.Command(_connection,
            "UPDATE runs SET state = $state, stopped_utc = $stopped, stop_reason = $reason, verdict = $verdict, summary_json = $summary WHERE id = $run", transaction))
        {
            command.Parameters.AddWithValue("$state", RunStates.Label(finish.State));
            command.Parameters.AddWithValue("$stopped", StoreConnection.Utc(finish.StoppedUtc));
            command.Parameters.AddWithValue("$reason", finish.StopReason);
            command.Parameters.AddWithValue("$verdict", finish.Thresholds is null ? DBNull.Value : finish.Thresholds.Passed ? "passed" : "failed");
            command.Parameters.AddWithValue("$summary", (object?)finish.SummaryJson ?? DBNull.Value);
            command.Parameters.AddWithValue("$run", Id);
            command.ExecuteNonQuery();
        }

        if (finish.Thresholds is { } report)
        {
            for (int i = 0; i < report.Thresholds.Count; i++)
            {
                var result = report.Thresholds[i];
                using SqliteCommand command = StoreConnection.Command(_connection,
                    "UPDATE thresholds SET passed = $passed, observed = $observed, failed_at_ms = $at, detail = $detail WHERE run_id = $run AND idx = $idx", transaction);
                command.Parameters.AddWithValue("$passed", result.Passed ? 1 : 0);
                command.Parameters.AddWithValue("$observed", result.ObservedText);
                command.Parameters.AddWithValue("$at", result.FailedAt is { } at ? (long)at.TotalMilliseconds : DBNull.Value);
                command.Parameters.AddWithValue("$detail", result.Detail);
                command.Parameters.AddWithValue("$run", Id);
                command.Parameters.AddWithValue("$idx", i);
                command.ExecuteNonQuery();
            }
        }
    }

    private sealed record StateChange(RunState State);
}
