using System.Text;

namespace Parley.Core.Peering;

/// <summary>Consul's validation of peering <c>Meta</c> (its <c>ValidateMetaTags</c>), with its exact texts.</summary>
public static class PeeringMeta
{
    /// <summary>At most this many pairs.</summary>
    public const int MaxPairs = 64;

    /// <summary>Longest key, in bytes of UTF-8 (Go's <c>len</c>).</summary>
    public const int MaxKeyLength = 128;

    /// <summary>Longest value, in bytes of UTF-8 (Go's <c>len</c>).</summary>
    public const int MaxValueLength = 512;

    /// <summary>Keys with this prefix are reserved.</summary>
    public const string ReservedPrefix = "consul-";

    /// <summary>
    /// Returns <c>meta tags failed validation: &lt;reason&gt;</c> for the first bad pair, or <see langword="null"/>
    /// when <paramref name="meta"/> is null or valid.
    /// </summary>
    /// <remarks>
    /// Go walks the map in random order, so which bad pair it names is unspecified; Parley checks keys in
    /// ordinal order so the answer is stable.
    /// </remarks>
    public static string? Validate(IReadOnlyDictionary<string, string>? meta)
    {
        var reason = ValidateMetadata(meta);
        return reason is null ? null : $"meta tags failed validation: {reason}";
    }

    /// <summary>The reason without the <c>meta tags failed validation: </c> prefix, or <see langword="null"/> when valid.</summary>
    public static string? ValidateMetadata(IReadOnlyDictionary<string, string>? meta)
    {
        if (meta is null || meta.Count == 0)
        {
            return null;
        }

        if (meta.Count > MaxPairs)
        {
            return $"Node metadata cannot contain more than {MaxPairs} key/value pairs";
        }

        foreach (var key in meta.Keys.Order(StringComparer.Ordinal))
        {
            var value = meta[key];
            var reason = ValidatePair(key, value);
            if (reason is not null)
            {
                return $"Couldn't load metadata pair ('{key}', '{value}'): {reason}";
            }
        }

        return null;
    }

    private static string? ValidatePair(string key, string? value)
    {
        if (key.Length == 0)
        {
            return "Key cannot be blank";
        }

        foreach (var c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '-')
            {
                return "Key contains invalid characters";
            }
        }

        // Keys are ASCII here, so characters and bytes agree.
        if (key.Length > MaxKeyLength)
        {
            return $"Key is too long (limit: {MaxKeyLength} characters)";
        }

        if (key.StartsWith(ReservedPrefix, StringComparison.Ordinal))
        {
            return $"Key prefix '{ReservedPrefix}' is reserved for internal use";
        }

        if (value is not null && Encoding.UTF8.GetByteCount(value) > MaxValueLength)
        {
            return $"Value is too long (limit: {MaxValueLength} characters)";
        }

        return null;
    }
}
