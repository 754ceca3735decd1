using System.Text.Json.Nodes;
using static Parley.Core.ConfigEntries.Schema.BodyRead;

namespace Parley.Core.ConfigEntries;

/// <content>Consul's <c>validateTLSConfig</c> and <c>dns.IsDomainName</c>, shared by the gateway and certificate kinds.</content>
public static partial class ConfigEntryValidator
{
    private static readonly string[] TlsVersions = ["TLS_AUTO", "TLSv1_0", "TLSv1_1", "TLSv1_2", "TLSv1_3"];

    /// <summary>Unknown versions, a maximum below the minimum, cipher suites with a TLS 1.3 minimum.</summary>
    private static string? GatewayTlsProblem(JsonObject? tls, string minField, string maxField)
    {
        var (min, max) = (Str(tls, minField), Str(tls, maxField));
        foreach (var version in new[] { min, max })
        {
            if (version.Length > 0 && !TlsVersions.Contains(version))
            {
                return $"TLS version {Q(version)} is not supported";
            }
        }

        if (min is { Length: > 0 } and not "TLS_AUTO" && max is { Length: > 0 } and not "TLS_AUTO"
            && Array.IndexOf(TlsVersions, max) < Array.IndexOf(TlsVersions, min))
        {
            return $"configuring max version {max} less than the configured min version {min} is invalid";
        }

        return Strings(tls, "CipherSuites").Count > 0 && min is "TLSv1_3" or "TLS_AUTO" or ""
            ? $"configuring CipherSuites is only applicable to connections negotiated with TLS 1.2 or earlier," +
                $" TLSMinVersion is set to {(min.Length == 0 ? "TLS_AUTO" : min)}"
            : null;
    }

    /// <summary>Go's <c>dns.IsDomainName</c>: at most 255 octets, labels of 1-63 octets, only the root may be empty.</summary>
    private static bool IsDomainName(string name)
    {
        if (name.Length == 0 || name.Length > 255)
        {
            return false;
        }

        if (name == ".")
        {
            return true;
        }

        var trimmed = name.EndsWith('.') ? name[..^1] : name;
        return trimmed.Split('.').All(label => label.Length is > 0 and <= 63);
    }
}
