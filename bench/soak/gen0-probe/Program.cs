// Allocates 1 KiB arrays until a gen0 collection happens, four times, and prints how much was allocated
// between collections (the gen0 budget) and the resident set size after each.
for (var round = 0; round < 4; round++)
{
    var before = GC.GetTotalAllocatedBytes(precise: true);
    var collections = GC.CollectionCount(0);
    byte[]? last = null;
    while (GC.CollectionCount(0) == collections)
    {
        last = new byte[1024];
    }

    GC.KeepAlive(last);
    var budget = (GC.GetTotalAllocatedBytes(precise: true) - before) / 1048576.0;
    Console.WriteLine($"gen0 budget ~{budget:0.0} MiB; resident {Environment.WorkingSet / 1048576.0:0.0} MiB");
}
