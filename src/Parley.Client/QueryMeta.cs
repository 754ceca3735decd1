namespace Parley.Client;

/// <summary>What the agent said about a read, from its <c>X-Consul-*</c> response headers.</summary>
/// <param name="LastIndex">
/// <c>X-Consul-Index</c>: the index the result reflects; pass it as <see cref="QueryOptions.Index"/> to block for a change.
/// 0 when the header is absent.
/// </param>
/// <param name="KnownLeader"><c>X-Consul-KnownLeader</c>: whether the answering server knew a leader.</param>
/// <param name="LastContact"><c>X-Consul-LastContact</c>: how long since the answering server heard from the leader.</param>
public sealed record QueryMeta(ulong LastIndex, bool KnownLeader, TimeSpan LastContact)
{
    /// <summary>
    /// <c>X-Consul-ContentHash</c> of a hash-blocking endpoint; pass it as <see cref="QueryOptions.WaitHash"/>. Empty when absent.
    /// </summary>
    public string LastContentHash { get; init; } = "";
}
