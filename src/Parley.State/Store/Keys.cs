namespace Parley.State.Store;

/// <summary>
/// Row keys. Node and service names are case-insensitive (as Consul's indexes are: <c>/v1/catalog/service/WEB</c> finds
/// <c>web</c>), so their keys are lower-cased;
/// the peer name comes first so local data ("") and each peer's imported data sort apart.
/// </summary>
internal static class Keys
{
    private const string Separator = "\u0000";

    public static string PeerPrefix(string peer) => peer + Separator;

    public static string Node(string peer, string node) => string.Concat(peer, Separator, node.ToLowerInvariant());

    public static string ServiceName(string peer, string name) => string.Concat(peer, Separator, name.ToLowerInvariant());

    public static string ServiceKind(string peer, string kind) => string.Concat(peer, Separator, kind);

    public static string ConfigEntry(string kind, string name) => string.Concat(kind, Separator, name);

    public static string ConfigKindPrefix(string kind) => kind + Separator;
}
