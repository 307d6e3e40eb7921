namespace TrdpSim.Events;

/// <summary>Something that receives a run's stream messages: a WebSocket or SSE client, the run store, the web
/// console's feed.</summary>
/// <remarks>The bus calls <see cref="Wants"/> and <see cref="Deliver"/> from its pump and sampler threads;
/// both must be quick and must never block: a subscriber queues the message (bounded) and counts what does
/// not fit. <see cref="EventSubscription"/> is the ready-made one.</remarks>
public interface IEventSubscriber
{
    /// <summary>Whether the subscriber's topic filter takes <paramref name="topic"/>.</summary>
    bool Wants(string topic);

    /// <summary>Hands a message over; never blocks (a full queue drops and counts).</summary>
    void Deliver(StreamMessage message);
}
