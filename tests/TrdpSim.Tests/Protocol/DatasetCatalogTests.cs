namespace TrdpSim.Tests.Protocol;

public sealed class DatasetCatalogTests
{
    [Fact]
    public void ReportsUnknownNestedId()
    {
        var catalog = new DatasetCatalog();
        catalog.Add(new DatasetDefinition(5000, "top", [new("x", 5999u)]));
        string error = Assert.Single(catalog.Validate());
        Assert.Contains("5000", error, StringComparison.Ordinal);
        Assert.Contains("'x'", error, StringComparison.Ordinal);
        Assert.Contains("5999", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsCycles()
    {
        var catalog = new DatasetCatalog();
        catalog.Add(new DatasetDefinition(5001, "a", [new("b", 5002u)]));
        catalog.Add(new DatasetDefinition(5002, "b", [new("a", 5001u)]));
        Assert.Contains(catalog.Validate(), e => e.Contains("cycle", StringComparison.Ordinal));
    }

    [Fact]
    public void ReportsNestingDeeperThanFive()
    {
        var catalog = new DatasetCatalog();
        catalog.Add(new DatasetDefinition(6000, "leaf", [new("v", TrdpDataType.UInt8)]));
        for (uint id = 6001; id <= 6006; id++)
        {
            catalog.Add(new DatasetDefinition(id, $"level{id}", [new("inner", id - 1)]));
        }

        IReadOnlyList<string> errors = catalog.Validate();
        Assert.Contains(errors, e => e.Contains("dataset 6006", StringComparison.Ordinal) && e.Contains("depth 6", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains("dataset 6005", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TrdpDataType.Real32)]
    [InlineData(TrdpDataType.Int64)]
    [InlineData(TrdpDataType.TimeDate32)]
    public void ReportsVariableArrayWithoutIntegerCount(TrdpDataType previous)
    {
        var catalog = new DatasetCatalog();
        catalog.Add(new DatasetDefinition(7000, "bad", [new("count", previous), new("items", TrdpDataType.UInt8, 0)]));
        string error = Assert.Single(catalog.Validate());
        Assert.Contains("dataset 7000", error, StringComparison.Ordinal);
        Assert.Contains("'items'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsVariableArrayAsFirstElementAndDuplicateIds()
    {
        var catalog = new DatasetCatalog();
        catalog.Add(new DatasetDefinition(7001, "bad", [new("items", TrdpDataType.UInt8, 0)]));
        Assert.Single(catalog.Validate());
        Assert.Throws<ArgumentException>(() => catalog.Add(new DatasetDefinition(7001, "again", [new("x", TrdpDataType.UInt8)])));
    }

    [Theory]
    [InlineData("bool8", 1u)]
    [InlineData("BITSET8", 1u)]
    [InlineData("Antivalent8", 1u)]
    [InlineData("UTF8", 2u)]
    [InlineData("timedate64", 16u)]
    [InlineData("3001", 3001u)]
    public void ParsesXmlTypeNames(string name, uint code)
    {
        Assert.Equal(code, TrdpDataTypes.Parse(name));
    }

    [Fact]
    public void RejectsUnknownTypeNames()
    {
        Assert.False(TrdpDataTypes.TryParse("FLOAT", out _));
        Assert.False(TrdpDataTypes.TryParse("20", out _));
        Assert.Throws<FormatException>(() => TrdpDataTypes.Parse("x"));
    }
}
