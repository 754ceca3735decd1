using System.Collections.Immutable;
using Parley.Core.ConfigEntries;
using Parley.Proxy.Gateway.Inputs;

namespace Parley.Proxy.Tests.Support;

/// <summary>Config entries for builder inputs, from Consul's JSON.</summary>
internal static class GatewayInputsExtensions
{
    public static GatewayInputs WithEntries(this GatewayInputs inputs, params string[] json)
    {
        var entries = json.Select(j => ConfigEntryNormalizer.Normalize(ConfigEntryCodec.DecodeJson(j))).GroupBy(e => e.Kind);
        return inputs with { Entries = entries.ToImmutableDictionary(g => g.Key, g => (IReadOnlyList<ConfigEntry>)g.ToList()) };
    }
}
