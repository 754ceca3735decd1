using System.Text.Json.Nodes;
using Parley.Core.ConfigEntries;
using static Parley.Core.ConfigEntries.Schema.BodyRead;

namespace Parley.Core.Gateways;

/// <summary>
/// Consul's gateway-services table, computed from the ingress-gateway and terminating-gateway entries: which services
/// each gateway links to. A <c>*</c> service stands for every ordinary service in the catalog (not proxies, gateways
/// or <c>consul</c>), as Consul's wildcard does.
/// </summary>
public static class GatewayServices
{
    private const string Wildcard = "*";

    /// <summary>The services the gateway <paramref name="gateway"/> links to, ordered by service name and port.</summary>
    /// <param name="gateway">The gateway's name.</param>
    /// <param name="lookup">The config entries.</param>
    /// <param name="ordinaryServices">The names of the catalog's ordinary services, for wildcards.</param>
    public static IReadOnlyList<GatewayServiceLink> ForGateway(
        string gateway,
        IConfigEntryLookup lookup,
        IReadOnlyCollection<string> ordinaryServices)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(ordinaryServices);
        var links = new List<GatewayServiceLink>();
        if (lookup.Get(ConfigEntryKinds.IngressGateway, gateway) is SchemaConfigEntry ingress)
        {
            links.AddRange(IngressLinks(ingress, ordinaryServices));
        }

        if (lookup.Get(ConfigEntryKinds.TerminatingGateway, gateway) is SchemaConfigEntry terminating)
        {
            links.AddRange(TerminatingLinks(terminating, ordinaryServices));
        }

        return [.. links.OrderBy(l => l.Service, StringComparer.Ordinal).ThenBy(l => l.Port)];
    }

    /// <summary>The names of the ingress gateways that route to <paramref name="service"/> (Consul's <c>/v1/health/ingress</c>).</summary>
    public static IReadOnlyList<string> IngressGatewaysFor(string service, IConfigEntryLookup lookup, bool serviceIsOrdinary)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        return [.. lookup.List(ConfigEntryKinds.IngressGateway).OfType<SchemaConfigEntry>()
            .Where(e => Objects(e.Body, "Listeners").SelectMany(l => Objects(l, "Services")).Select(s => Str(s, "Name"))
                .Any(name => string.Equals(name, service, StringComparison.OrdinalIgnoreCase) || (name == Wildcard && serviceIsOrdinary)))
            .Select(e => e.Name)
            .Order(StringComparer.Ordinal)];
    }

    private static IEnumerable<GatewayServiceLink> IngressLinks(SchemaConfigEntry entry, IReadOnlyCollection<string> ordinaryServices)
    {
        foreach (var listener in Objects(entry.Body, "Listeners"))
        {
            foreach (var service in Objects(listener, "Services"))
            {
                var name = Str(service, "Name");
                var template = new GatewayServiceLink(entry.Name, name, ConfigEntryKinds.IngressGateway)
                {
                    Port = Long(listener, "Port"),
                    Protocol = Str(listener, "Protocol"),
                    Hosts = Strings(service, "Hosts"),
                    CreateIndex = entry.CreateIndex,
                    ModifyIndex = entry.ModifyIndex,
                };
                foreach (var link in Expand(template, ordinaryServices))
                {
                    yield return link;
                }
            }
        }
    }

    private static IEnumerable<GatewayServiceLink> TerminatingLinks(SchemaConfigEntry entry, IReadOnlyCollection<string> ordinaryServices)
    {
        foreach (var service in Objects(entry.Body, "Services"))
        {
            var template = new GatewayServiceLink(entry.Name, Str(service, "Name"), ConfigEntryKinds.TerminatingGateway)
            {
                CAFile = Str(service, "CAFile"),
                CertFile = Str(service, "CertFile"),
                KeyFile = Str(service, "KeyFile"),
                SNI = Str(service, "SNI"),
                CreateIndex = entry.CreateIndex,
                ModifyIndex = entry.ModifyIndex,
            };
            foreach (var link in Expand(template, ordinaryServices))
            {
                yield return link;
            }
        }
    }

    private static IEnumerable<GatewayServiceLink> Expand(GatewayServiceLink template, IReadOnlyCollection<string> ordinaryServices) =>
        template.Service == Wildcard
            ? ordinaryServices.Where(s => s != "consul").Select(s => template with { Service = s, FromWildcard = true })
            : [template];

    /// <summary>Consul's JSON row: <c>Gateway</c>/<c>Service</c> as <c>{"Name": ...}</c>, the rest omitempty.</summary>
    public static JsonObject ToJson(GatewayServiceLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var obj = new JsonObject
        {
            ["Gateway"] = new JsonObject { ["Name"] = link.Gateway },
            ["Service"] = new JsonObject { ["Name"] = link.Service },
            ["GatewayKind"] = link.GatewayKind,
        };
        obj.OptLong("Port", link.Port).OptString("Protocol", link.Protocol).OptStrings("Hosts", link.Hosts)
            .OptString("CAFile", link.CAFile).OptString("CertFile", link.CertFile).OptString("KeyFile", link.KeyFile)
            .OptString("SNI", link.SNI).OptBool("FromWildcard", link.FromWildcard);
        obj["CreateIndex"] = link.CreateIndex;
        obj["ModifyIndex"] = link.ModifyIndex;
        return obj;
    }
}
