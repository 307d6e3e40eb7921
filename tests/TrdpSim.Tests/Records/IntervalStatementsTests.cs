using TrdpSim.Records;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Records;

/// <summary>An interval is written through statements prepared once per record: what a steady run leaves per interval
/// is its values, not a command per row.</summary>
public sealed class IntervalStatementsTests : IDisposable
{
    private readonly StoreFixture _fixture = new();

    [Fact]
    public void AnIntervalIsWrittenWithoutPreparingItsStatementsAgain()
    {
        RunWriter writer = _fixture.Store.Begin(StoreFixture.Start(), DateTime.UtcNow);
        using (var connection = StoreConnection.Open(_fixture.Store.FilePath))
        using (var statements = new IntervalStatements(connection, writer.Id))
        {
            long sequence = 0;
            void Ten()
            {
                for (int i = 0; i < 10; i++)
                {
                    IntervalBatch batch = StoreFixture.Interval(sequence++, 100, 0, 1000);
                    batch.Rejects.Add(("bad-fcs", 3));
                    using var transaction = connection.BeginTransaction();
                    statements.Write(batch, 0, transaction);
                    transaction.Commit();
                    statements.Checkpoint();
                }
            }

            // Two groups, a reject and a threshold: the batch itself (~1.3 KB), the transaction, and what the SQLite
            // library makes per execution (the parameters' names, boxed values): ~17 KB. With a command made and
            // prepared per row and interval it was ~27 KB.
            long perInterval = SteadyAllocation.Fewest(Ten) / 10;
            Assert.True(perInterval < 22 * 1024, $"an interval's writes allocated {perInterval} bytes");
        }

        writer.Finish(new RunFinish(RunState.Completed, DateTime.UtcNow, "completed", null, "{}"));
        RunRecord record = _fixture.Store.Load("latest");
        Assert.Equal(50, record.Process.Count);
        Assert.Equal(50, record.Series[0].Count);
        Assert.Equal(100, record.Series[0][^1][IntervalColumns.Sent]);
    }

    public void Dispose() => _fixture.Dispose();
}
