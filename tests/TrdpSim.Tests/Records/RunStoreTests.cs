using Microsoft.Data.Sqlite;
using TrdpSim.Records;
using Xunit;

namespace TrdpSim.Tests.Records;

/// <summary>The run store keeps a run's manifest, inputs, intervals and events; finds runs by id, prefix or
/// 'latest'; marks a run whose writer is gone as crashed at its last checkpoint, and leaves a live one alone.</summary>
public sealed class RunStoreTests : IDisposable
{
    private readonly StoreFixture _fixture = new();

    private RunStore Store => _fixture.Store;

    [Fact]
    public void AFinishedRunReadsBackAsWritten()
    {
        RunWriter writer = Store.Begin(StoreFixture.Start(), DateTime.UtcNow);
        writer.Add(StoreFixture.Interval(0, 100, 0, 20_000));
        writer.Add(StoreFixture.Interval(1, 100, 3, 40_000));
        writer.Add(new StoredEvent(1500, DateTime.UtcNow, StoredEventKinds.FaultStart, "fault", "f", "loss on a/out"));
        writer.Finish(new RunFinish(RunState.Completed, DateTime.UtcNow, "completed", null, "{\"x\":1}"));

        RunRecord record = Store.Load(writer.Id);
        Assert.Equal(RunState.Completed, record.Run.State);
        Assert.Equal(2, record.Run.Intervals);
        Assert.Equal(["run", "plan.toml"], record.CommandLine);
        Assert.Equal(2, record.Groups.Count);
        Assert.Equal(97, record.Series[1][1][IntervalColumns.Received]);
        Assert.Equal(3, record.Series[1][1][IntervalColumns.Lost]);
        Assert.Equal(40_000, record.Series[0][1].Latency[3]);
        Assert.Equal(2, record.Process.Count);
        Assert.Equal("loss on a/out", Assert.Single(record.Events).Detail);
        Assert.Equal([(0L, 0, true), (1L, 0, false)], record.ThresholdStates);
        Assert.Equal("{\"x\":1}", record.SummaryJson);
        Assert.Equal([1, 2, 3], Assert.Single(Store.Inputs(writer.Id)).Content);
    }

    [Fact]
    public void TheProcessRowKeepsTheHeapAfterTheLastFullCollectionAndGenerationTwo()
    {
        RunWriter writer = Store.Begin(StoreFixture.Start(), DateTime.UtcNow);
        IntervalBatch interval = StoreFixture.Interval(0, 100, 0, 20_000);
        interval.Process = interval.Process with { GcHeap = new GcHeapFigures(30 << 20, 2 << 20, 17, 25 << 20) };
        writer.Add(interval);
        writer.Finish(new RunFinish(RunState.Completed, DateTime.UtcNow, "completed", null, null));

        ProcessRow row = Assert.Single(Store.Load(writer.Id).Process);
        Assert.Equal(new GcHeapFigures(30 << 20, 2 << 20, 17, 25 << 20), row.GcHeap);
    }

    [Fact]
    public void AStoreOfVersionOneGainsTheHeapColumnsAndItsOldRowsReadZero()
    {
        string id = WriteTwoIntervalsInAnOlderFile(AsVersionOneWroteIt);
        RunStore reopened = RunStore.Open(_fixture.Directory);
        RunRecord record = reopened.Load(id);
        Assert.Equal(2, record.Process.Count);
        Assert.All(record.Process, p => Assert.Equal(default, p.GcHeap));
        Assert.Equal(50 << 20, record.Process[1].ResidentBytes);
    }

    [Fact]
    public void AStoreOfVersionTwoGainsTheLateReplyColumnItsOldRowsReadZeroAndNewRowsKeepIt()
    {
        string id = WriteTwoIntervalsInAnOlderFile(AsVersionTwoWroteIt);
        RunStore reopened = RunStore.Open(_fixture.Directory);
        RunRecord old = reopened.Load(id);
        Assert.Equal(2, old.Series[0].Count);
        Assert.All(old.Series, rows => Assert.All(rows, r => Assert.Equal(0, r[IntervalColumns.MdLate])));

        RunWriter writer = reopened.Begin(StoreFixture.Start(), DateTime.UtcNow);
        IntervalBatch interval = StoreFixture.Interval(0, 100, 0, 20_000);
        interval.Counters[IntervalColumns.MdLate] = 7;
        writer.Add(interval);
        writer.Finish(new RunFinish(RunState.Completed, DateTime.UtcNow, "completed", null, null));
        Assert.Equal(7, reopened.Load(writer.Id).Series[0][0][IntervalColumns.MdLate]);
    }

    [Fact]
    public void AStoreAnotherProcessMigratesWhileThisOneWaitsIsNotMigratedTwice()
    {
        // A run migrating its store while `trdpsim runs list` opens it: the opener read version 1, waited for the
        // write lock while the run applied step 2, then applied step 2 again ("duplicate column name").
        _fixture.Write(1, i => StoreFixture.Interval(i, 100, 0, 20_000));
        using SqliteConnection other = OpenStoreFile();
        Execute(other, AsVersionOneWroteIt);
        using SqliteTransaction migrating = other.BeginTransaction(deferred: false); // the other process holds the write lock

        Exception? failure = null;
        var opener = new Thread(() =>
        {
            try
            {
                RunStore.Open(_fixture.Directory);
            }
            catch (RunStoreException e)
            {
                failure = e;
            }
        });
        opener.Start();
        Thread.Sleep(500); // the opener has read version 1 and waits for the lock
        Execute(other, """
            ALTER TABLE process_intervals ADD COLUMN full_heap_bytes INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE process_intervals ADD COLUMN full_fragmented_bytes INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE process_intervals ADD COLUMN full_gc_index INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE process_intervals ADD COLUMN gen2_bytes INTEGER NOT NULL DEFAULT 0;
            PRAGMA user_version = 2;
            """, migrating);
        migrating.Commit();
        Assert.True(opener.Join(TimeSpan.FromSeconds(30)), "the opener never got the lock");
        Assert.Null(failure);
    }

    /// <summary>Turns a store back into the file version 1 wrote: no heap columns, no late replies.</summary>
    private const string AsVersionOneWroteIt = """
        ALTER TABLE process_intervals DROP COLUMN full_heap_bytes;
        ALTER TABLE process_intervals DROP COLUMN full_fragmented_bytes;
        ALTER TABLE process_intervals DROP COLUMN full_gc_index;
        ALTER TABLE process_intervals DROP COLUMN gen2_bytes;
        ALTER TABLE intervals DROP COLUMN md_late;
        PRAGMA user_version = 1;
        """;

    /// <summary>Turns a store back into the file version 2 wrote: no late replies.</summary>
    private const string AsVersionTwoWroteIt = """
        ALTER TABLE intervals DROP COLUMN md_late;
        PRAGMA user_version = 2;
        """;

    /// <summary>Writes a run of two intervals, then turns the store file back into an older version's.</summary>
    private string WriteTwoIntervalsInAnOlderFile(string asOlderVersion)
    {
        string id = _fixture.Write(2, i => StoreFixture.Interval(i, 100, 0, 20_000));
        using SqliteConnection connection = OpenStoreFile();
        Execute(connection, asOlderVersion);
        return id;
    }

    /// <summary>A second connection to the fixture's store file, as another process would hold it.</summary>
    private SqliteConnection OpenStoreFile()
    {
        string file = Path.Combine(_fixture.Directory, RunStoreLocation.FileName);
        var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void ARunWhoseWriterIsGoneIsMarkedCrashedAtItsLastCheckpoint()
    {
        RunWriter writer = Store.Begin(StoreFixture.Start(), DateTime.UtcNow);
        writer.Add(StoreFixture.Interval(0, 100, 0, 1000));
        writer.Add(StoreFixture.Interval(1, 100, 0, 1000));
        writer.Dispose(); // the writer stops without closing the record, as a killed process would

        RunStore reopened = RunStore.Open(_fixture.Directory);
        Assert.Equal([writer.Id], reopened.Recovered);
        StoredRun run = reopened.Resolve(writer.Id);
        Assert.Equal(RunState.Crashed, run.State);
        Assert.Equal(2, run.Intervals);
        Assert.Equal(StoreFixture.Interval(1, 0, 0, 0).Utc, run.StoppedUtc);
        Assert.Empty(RunStore.Open(_fixture.Directory).Recovered);
    }

    [Fact]
    public void ALiveRunIsNotTakenForACrashedOneAndCannotBeDeleted()
    {
        RunWriter writer = Store.Begin(StoreFixture.Start(), DateTime.UtcNow);
        try
        {
            RunStore other = RunStore.Open(_fixture.Directory);
            Assert.Empty(other.Recovered);
            Assert.Equal(RunState.Running, other.Resolve(writer.Id).State);
            RunStoreException refused = Assert.Throws<RunStoreException>(() => other.Delete(writer.Id));
            Assert.Contains("still being recorded", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            writer.Finish(new RunFinish(RunState.Stopped, DateTime.UtcNow, "interrupted (SIGINT)", null, null));
        }

        Assert.True(Store.Delete(writer.Id));
        Assert.Empty(Store.List());
    }

    [Fact]
    public void RunsAreFoundByIdPrefixOrLatest()
    {
        string first = _fixture.Write(1, i => StoreFixture.Interval(i, 10, 0, 1000));
        string second = _fixture.Write(1, i => StoreFixture.Interval(i, 10, 0, 1000));
        Assert.Equal(2, Store.List().Count);
        Assert.Equal(new[] { first, second }.Max(StringComparer.Ordinal), Store.Resolve("latest").Id);
        Assert.Equal(first, Store.Resolve(first).Id);
        RunStoreException missing = Assert.Throws<RunStoreException>(() => Store.Resolve("19990101"));
        Assert.Contains("no run '19990101'", missing.Message, StringComparison.Ordinal);
        RunStoreException ambiguous = Assert.Throws<RunStoreException>(() => Store.Resolve(first[..4]));
        Assert.Contains("several run ids", ambiguous.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyRunIdIsARunStoreErrorNotAnArgumentException()
    {
        // `trdpsim runs show ""` (report, compare, delete, baseline, inputs too) ended as an internal error with the
        // ArgumentException's stack trace, exit 3; the verbs report RunStoreException as a usage error (2).
        _fixture.Write(1, i => StoreFixture.Interval(i, 10, 0, 1000));
        RunStoreException empty = Assert.Throws<RunStoreException>(() => Store.Resolve(string.Empty));
        Assert.Equal("no run id given (an id, the start of one, or 'latest')", empty.Message);
    }

    [Fact]
    public void ABaselineIsKeptPerScenarioAndReplaced()
    {
        string first = _fixture.Write(1, i => StoreFixture.Interval(i, 10, 0, 1000));
        string second = _fixture.Write(1, i => StoreFixture.Interval(i, 10, 0, 1000));
        string key = Store.Resolve(first).ScenarioKey;
        Assert.Null(Store.Baseline(key));
        Store.SetBaseline(first);
        Assert.Equal(first, Store.Baseline(key)?.Id);
        Store.SetBaseline(second);
        Assert.Equal(second, Store.Baseline(key)?.Id);
        Assert.True(Store.Delete(second));
        Assert.Null(Store.Baseline(key));
    }

    public void Dispose() => _fixture.Dispose();
}
