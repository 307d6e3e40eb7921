using Microsoft.Data.Sqlite;
using TrdpSim.Reporting;

namespace TrdpSim.Records;

/// <summary>Opens the store's SQLite file the one way every reader and writer uses it.</summary>
/// <remarks>
/// WAL journal with <c>synchronous=NORMAL</c>: a commit is one append to the write-ahead log, no fsync of the
/// database; it survives the process being killed (the log is in the page cache and replayed at the next open),
/// though not a power cut before the next checkpoint. The writer checkpoints after each interval. Readers never
/// block the writer. No connection pooling: a closed connection closes its file, so a deleted store or a test's
/// temporary folder is really free.
/// </remarks>
internal static class StoreConnection
{
    private static readonly Lock InitLock = new();
    private static bool _initialized;

    public static SqliteConnection Open(string file)
    {
        lock (InitLock)
        {
            if (!_initialized)
            {
                // Named, not found by reflection: under NativeAOT the provider lookup by type name would fail.
                // Under the lock: a second thread must not open a connection before the provider is set.
                SQLitePCL.Batteries_V2.Init();
                _initialized = true;
            }
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;");
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>UTC as stored: ISO-8601 with milliseconds and a Z (sorts as text).</summary>
    public static string Utc(DateTime time) => RunManifestJson.Timestamp(time);

    public static DateTime ParseUtc(string text) =>
        DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
}
