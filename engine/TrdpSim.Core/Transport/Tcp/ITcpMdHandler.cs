using TrdpSim.Protocol;

namespace TrdpSim.Transport.Tcp;

/// <summary>Receives the MD frames and connection ends of a <see cref="TcpMdServer"/> or
/// <see cref="TcpMdClientPool"/>.</summary>
/// <remarks>
/// <para><b>Threading:</b> called on the I/O completion threads of the socket engine (thread-pool
/// threads). Calls for one connection are sequential; calls for different connections may run in
/// parallel. Keep them short and non-blocking: the next receive of that connection starts only when
/// <see cref="OnFrame"/> returns. A close caused from another thread (a timeout, <see cref="TcpMdConnection.Close()"/>,
/// Dispose) may report <see cref="OnConnectionClosed"/> while a last <see cref="OnFrame"/> of that
/// connection is still running; frames still buffered after the close are dropped. Exceptions thrown by a handler are caught and counted
/// (<see cref="TcpMdStats.HandlerErrors"/>), never propagated.</para>
/// <para><b>Buffers:</b> <c>frame</c> points into the connection's receive buffer and is valid only
/// during the call; copy what you keep. Replying with <see cref="TcpMdConnection.Send"/> from inside the
/// call is allowed (it copies).</para>
/// </remarks>
internal interface ITcpMdHandler
{
    /// <summary>One complete, header-valid MD frame (header + padded dataset) arrived.</summary>
    /// <param name="connection">The connection it arrived on; reply on it with <see cref="TcpMdConnection.Send"/>.</param>
    /// <param name="frame">The frame bytes; borrowed for the duration of the call.</param>
    /// <param name="header">The decoded header.</param>
    /// <param name="receivedNanoseconds">Monotonic receive time, <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> in ns.</param>
    void OnFrame(TcpMdConnection connection, ReadOnlySpan<byte> frame, in MdHeader header, long receivedNanoseconds);

    /// <summary>The connection closed (once per connection); it will deliver and send nothing more.</summary>
    void OnConnectionClosed(TcpMdConnection connection, TcpCloseReason reason);
}
