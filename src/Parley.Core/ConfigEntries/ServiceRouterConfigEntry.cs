namespace Parley.Core.ConfigEntries;

/// <summary>
/// <c>service-router</c>: L7 routes for a service; the first matching route wins and unmatched traffic goes to
/// the service itself. Routes have no peer field; route to a local name whose resolver redirects to the peer.
/// </summary>
public sealed record ServiceRouterConfigEntry : ConfigEntry
{
    public override string Kind => ConfigEntryKinds.ServiceRouter;

    public IReadOnlyList<ServiceRoute> Routes { get; init; } = [];
}
