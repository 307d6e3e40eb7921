using System.Globalization;
using Parquet;
using Parquet.Schema;
using TrdpSim.Records;
using TrdpSim.Records.Reports;
using Xunit;

namespace TrdpSim.Tests.Records;

/// <summary>The Parquet export holds the CSV export's rows, value for value and in the same columns, whatever the
/// row-group size; figures are int64.</summary>
public sealed class SeriesParquetTests : IDisposable
{
    private readonly StoreFixture _fixture = new();

    [Theory]
    [InlineData(SeriesParquet.RowsPerGroup)]
    [InlineData(2)] // 6 rows in 3 row groups
    public async Task TheParquetRowsAreTheCsvRows(int rowsPerGroup)
    {
        string id = _fixture.Write(3, i => StoreFixture.Interval(i, 100 + i, i, 1000 * (i + 1)));
        RunRecord record = _fixture.Store.Load(id);
        var csv = new StringWriter(CultureInfo.InvariantCulture);
        SeriesExport.WriteCsv(csv, record);
        string[][] expected = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split(',')).ToArray();

        using var buffer = new MemoryStream();
        await SeriesParquet.WriteAsync(buffer, record, rowsPerGroup);
        buffer.Position = 0;
        await using ParquetReader reader = await ParquetReader.CreateAsync(buffer);
        DataField[] fields = reader.Schema.GetDataFields();
        Assert.Equal(expected[0], fields.Select(f => f.Name).ToArray());
        Assert.Equal((expected.Length - 1 + rowsPerGroup - 1) / rowsPerGroup, reader.RowGroupCount);

        var actual = new List<string[]>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader rowGroup = reader.OpenRowGroupReader(g);
            int rows = checked((int)rowGroup.RowCount);
            var columns = new string[fields.Length][];
            for (int c = 0; c < fields.Length; c++)
            {
                if (fields[c].ClrType != typeof(long)) // a text column (the reader's type for UTF-8 strings)
                {
                    var text = new string?[rows];
                    await rowGroup.ReadAsync(fields[c], text.AsMemory());
                    columns[c] = text.Select(t => t ?? "<null>").ToArray();
                }
                else
                {
                    var numbers = new long[rows];
                    await rowGroup.ReadAsync<long>(fields[c], numbers.AsMemory());
                    columns[c] = numbers.Select(n => n.ToString(CultureInfo.InvariantCulture)).ToArray();
                }
            }

            for (int r = 0; r < rows; r++)
            {
                actual.Add(columns.Select(column => column[r]).ToArray());
            }
        }

        Assert.Equal(expected.Skip(1).ToArray(), actual.ToArray());
        Assert.Equal(6, actual.Count);
    }

    public void Dispose() => _fixture.Dispose();
}
