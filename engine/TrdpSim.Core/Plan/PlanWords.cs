namespace TrdpSim.Plan;

/// <summary>The words the plan's front ends (TOML, scenario scripts, TCNopen XML) accept for its enumerated settings,
/// each list spelled once so that every front end reads, and names in its errors, the same words.</summary>
/// <remarks>Kinds with their own catalog keep their words there (<see cref="GeneratorKinds.Words"/>).</remarks>
internal static class PlanWords
{
    /// <summary>What a subscription's data becomes after a timeout: TOML <c>timeout-behavior</c>, script
    /// <c>timeoutBehavior</c>, XML <c>validity-behavior</c>.</summary>
    public static readonly (string Word, TimeoutBehavior Value)[] TimeoutBehaviors =
        [("zero", TimeoutBehavior.Zero), ("keep", TimeoutBehavior.Keep)];

    /// <summary>The run's network: <c>[network] transport</c> and the script's <c>network({ transport })</c>.</summary>
    public static readonly (string Word, TransportKind Value)[] Transports =
        [("udp", TransportKind.Udp), ("in-memory", TransportKind.InMemory)];

    /// <summary>How an MD caller or replier talks: <c>protocol</c>.</summary>
    public static readonly (string Word, MdProtocol Value)[] MdProtocols = [("udp", MdProtocol.Udp), ("tcp", MdProtocol.Tcp)];

    /// <summary>What an MD caller sends: <c>kind</c>.</summary>
    public static readonly (string Word, MdCallKind Value)[] MdCallKinds =
        [("request", MdCallKind.Request), ("notify", MdCallKind.Notify)];

    /// <summary>How an MD replier answers: <c>reply</c>.</summary>
    public static readonly (string Word, MdReplyKind Value)[] MdReplyKinds =
        [("reply", MdReplyKind.Reply), ("reply-with-confirm", MdReplyKind.ReplyWithConfirm)];
}
