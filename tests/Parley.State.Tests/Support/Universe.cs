using Parley.Core.Catalog;
using Parley.State.Store;

namespace Parley.State.Tests.Support;

/// <summary>The small set of names random commands draw from, so that they collide often.</summary>
internal static class Universe
{
    public static readonly string[] Peers = ["", "peer1"];

    // "n1" and "N1" are the same node: node names are case-insensitive.
    public static readonly string[] NodeNames = ["n1", "N1", "n2", "n3"];

    public static readonly string[] ServiceIds = ["s1", "s2", "s3"];

    public static readonly string[] ServiceNames = ["web", "api", "db"];

    /// <summary>The non-typical kinds instances are indexed by.</summary>
    public static readonly string[] Kinds = [ServiceKinds.ConnectProxy, ServiceKinds.MeshGateway];

    public static readonly string[] CheckIds = ["c1", "c2", "c3"];

    public static readonly string[] Statuses = ["", HealthStatus.Passing, HealthStatus.Warning, HealthStatus.Critical];

    public static readonly string[] ConfigKinds = ["service-defaults", "proxy-defaults"];

    public static readonly string[] ConfigNames = ["web", "global"];

    public static IEnumerable<string> TableNames()
    {
        yield return Tables.Nodes;
        yield return Tables.Services;
        yield return Tables.Checks;
        yield return Tables.ConfigEntries;
        foreach (var kind in ConfigKinds)
        {
            yield return Tables.ConfigKind(kind);
        }

        foreach (var peer in Peers)
        {
            foreach (var name in ServiceNames)
            {
                yield return Tables.Service(peer, name);
            }

            foreach (var kind in Kinds)
            {
                yield return Tables.ServiceKind(peer, kind);
            }
        }
    }
}
