using System.Text.Json.Serialization;

namespace Parley.Core.Catalog;

/// <summary>
/// One tagged address of a service instance (Consul's <c>ServiceAddress</c>): <c>{"Address": "...", "Port": 0}</c>
/// under a tag such as <c>lan</c>, <c>wan</c>, <c>lan_ipv4</c>.
/// </summary>
[JsonConverter(typeof(ServiceAddressJsonConverter))]
public sealed record ServiceAddress(string Address = "", int Port = 0)
{
    /// <summary>The shared empty map of service tagged addresses; never mutate it.</summary>
    public static readonly IReadOnlyDictionary<string, ServiceAddress> EmptyMap = new Dictionary<string, ServiceAddress>();

    /// <summary>Structural equality of two tagged-address maps.</summary>
    public static bool MapsEqual(IReadOnlyDictionary<string, ServiceAddress>? a, IReadOnlyDictionary<string, ServiceAddress>? b)
    {
        a ??= EmptyMap;
        b ??= EmptyMap;
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || other != value)
            {
                return false;
            }
        }

        return true;
    }
}
