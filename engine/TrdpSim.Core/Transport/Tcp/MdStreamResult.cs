namespace TrdpSim.Transport.Tcp;

/// <summary>Outcome of <see cref="MdStreamFramer.TryReadFrame"/>.</summary>
internal enum MdStreamResult : byte
{
    /// <summary>No complete frame is buffered yet: feed more bytes.</summary>
    NeedMoreData = 0,

    /// <summary>A complete, header-valid frame was returned.</summary>
    Frame,

    /// <summary>A header failed validation. The stream is poisoned (TCP has no resynchronisation point):
    /// see <see cref="MdStreamFramer.Error"/>, and close the connection.</summary>
    Error,
}
