using Parquet;
using Parquet.Schema;

namespace TrdpSim.Records.Reports;

/// <summary>A stored run's per-interval series as an Apache Parquet file (Parquet.Net): the same rows and column
/// names as the CSV of <see cref="SeriesExport"/>, typed (text columns as strings, every figure as int64), so
/// pandas, DuckDB or Spark read hours of intervals without parsing text.</summary>
/// <remarks>Rows go out in row groups (default <see cref="RowsPerGroup"/>) so memory stays bounded by one group, whatever the
/// run's length.</remarks>
internal static class SeriesParquet
{
    /// <summary>Rows per Parquet row group.</summary>
    public const int RowsPerGroup = 65_536;

    public static async Task WriteAsync(Stream output, RunRecord record, int rowsPerGroup = RowsPerGroup, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowsPerGroup);
        string[] figures = SeriesExport.FigureColumnNames();
        var text = new[] { new DataField<string>("run_id"), new DataField<string>("kind"), new DataField<string>("device"), new DataField<string>("name") };
        var keys = new[] { new DataField<long>("group"), new DataField<long>("com_id"), new DataField<long>("seq"), new DataField<long>("end_ms") };
        DataField<long>[] values = figures.Select(name => new DataField<long>(name)).ToArray();
        var schema = new ParquetSchema([text[0], keys[0], text[1], text[2], text[3], keys[1], keys[2], keys[3], .. values]);

        await using ParquetWriter writer = await ParquetWriter.CreateAsync(schema, output, cancellationToken: cancellationToken).ConfigureAwait(false);
        var rows = record.Groups.SelectMany(group => record.Series[group.Index].Select(row => (group, row)));
        foreach ((StoredGroup Group, IntervalRow Row)[] chunk in rows.Chunk(rowsPerGroup))
        {
            using ParquetRowGroupWriter rowGroup = writer.CreateRowGroup();
            await rowGroup.WriteAsync(text[0], chunk.Select(_ => record.Run.Id).ToArray()).ConfigureAwait(false);
            await rowGroup.WriteAsync<long>(keys[0], chunk.Select(r => (long)r.Group.Index).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await rowGroup.WriteAsync(text[1], chunk.Select(r => r.Group.Kind).ToArray()).ConfigureAwait(false);
            await rowGroup.WriteAsync(text[2], chunk.Select(r => r.Group.Device).ToArray()).ConfigureAwait(false);
            await rowGroup.WriteAsync(text[3], chunk.Select(r => r.Group.Name).ToArray()).ConfigureAwait(false);
            await rowGroup.WriteAsync<long>(keys[1], chunk.Select(r => (long)r.Group.ComId).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await rowGroup.WriteAsync<long>(keys[2], chunk.Select(r => r.Row.Sequence).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await rowGroup.WriteAsync<long>(keys[3], chunk.Select(r => r.Row.EndMilliseconds).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            for (int c = 0; c < values.Length; c++)
            {
                int column = c;
                await rowGroup.WriteAsync<long>(values[c], chunk.Select(r => SeriesExport.Figure(r.Row, column)).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
