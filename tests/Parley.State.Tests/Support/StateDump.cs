using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.State.Store;

namespace Parley.State.Tests.Support;

/// <summary>
/// A canonical JSON rendering of every query answer a snapshot gives over the <see cref="Universe"/>:
/// two snapshots that answer every query the same render to the same string.
/// </summary>
internal static class StateDump
{
    public static string Of(StateSnapshot s) => Of(s, includeIndex: true);

    /// <summary>The dump without the snapshot's own index: equal when an entry changed nothing.</summary>
    public static string Contents(StateSnapshot s) => Of(s, includeIndex: false);

    private static string Of(StateSnapshot s, bool includeIndex)
    {
        var root = new JsonObject
        {
            ["Index"] = includeIndex ? s.Index : null,
            ["PeersWithData"] = Node(s.PeersWithData()),
            // Every table index ever touched, not only the universe's: a restore must not lose or invent one.
            ["TableIndexes"] = Node(s.TableIndexes.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new[] { p.Key, p.Value.ToString() })),
            ["Tables"] = Node(Universe.TableNames().Select(t => new { Table = t, Index = s.TableIndex(t) })),
            ["ConfigEntries"] = new JsonArray([.. s.ConfigEntries().Select(Entry)]),
            ["AclTokens"] = Node(s.AclTokens()),
            ["AclPolicies"] = Node(s.AclPolicies()),
            ["AclRoles"] = Node(s.AclRoles()),
            ["AclBootstrapIndex"] = s.AclBootstrapIndex,
            ["AclIndex"] = s.AclIndex,
            ["PreparedQueries"] = Node(s.PreparedQueries()),
            ["AclBySecret"] = Node(new[] { "s1", "s2", "s3", "anonymous" }.Select(secret => s.GetAclTokenBySecret(secret)?.AccessorID)),
        };

        foreach (var kind in Universe.ConfigKinds)
        {
            root["Config:" + kind] = new JsonArray([.. s.ConfigEntries(kind).Select(Entry)]);
            foreach (var name in Universe.ConfigNames)
            {
                root[$"Config:{kind}/{name}"] = s.GetConfigEntry(kind, name) is { } e ? Entry(e) : null;
            }
        }

        foreach (var peer in Universe.Peers)
        {
            var p = new JsonObject
            {
                ["Nodes"] = Node(s.Nodes(peer)),
                ["Services"] = Node(s.Services(peer)),
                ["Checks"] = Node(s.Checks(peer)),
                ["ServiceNames"] = Node(s.ServiceNames(peer)),
            };
            foreach (var node in Universe.NodeNames)
            {
                p["Node:" + node] = Node(s.GetNode(node, peer));
                p["NodeServices:" + node] = Node(s.NodeServices(node, peer));
                p["NodeChecks:" + node] = Node(s.NodeChecks(node, peer));
                foreach (var id in Universe.ServiceIds)
                {
                    p[$"Service:{node}/{id}"] = Node(s.GetService(node, id, peer));
                }

                foreach (var id in Universe.CheckIds)
                {
                    p[$"Check:{node}/{id}"] = Node(s.GetCheck(node, id, peer));
                }
            }

            foreach (var name in Universe.ServiceNames)
            {
                p["ServiceInstances:" + name] = Node(s.ServiceInstances(name, peer));
                p["CheckServiceNodes:" + name] = Node(s.CheckServiceNodes(name, peer));
                p["ServiceIndex:" + name] = s.ServiceIndex(name, peer);
            }

            foreach (var kind in Universe.Kinds)
            {
                p["CheckServiceNodesOfKind:" + kind] = Node(s.CheckServiceNodesOfKind(kind, peer));
                p["ServiceKindIndex:" + kind] = s.ServiceKindIndex(kind, peer);
            }

            root["Peer:" + peer] = p;
        }

        return root.ToJsonString();
    }

    private static JsonNode? Node<T>(T value) => JsonSerializer.SerializeToNode(value);

    private static JsonObject Entry(StoredConfigEntry e)
    {
        var json = e.ToJson();
        json["@Kind"] = e.Kind;
        json["@Name"] = e.Name;
        return json;
    }
}
