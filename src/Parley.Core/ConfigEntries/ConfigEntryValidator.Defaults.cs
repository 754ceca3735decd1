using System.Net;
using System.Text.RegularExpressions;

namespace Parley.Core.ConfigEntries;

/// <content>service-defaults, proxy-defaults and mesh rules.</content>
public static partial class ConfigEntryValidator
{
    private static void CheckServiceDefaults(ServiceDefaultsConfigEntry e, List<string> errors)
    {
        if (e.Name.Length == 0)
        {
            errors.Add("Name is required");
        }
        else if (e.Name == "*")
        {
            errors.Add("service-defaults name must be the name of a service, and not a wildcard");
        }

        CheckMeta(e.Meta, errors);

        if (e.BalanceInboundConnections is not ("" or "exact_balance"))
        {
            errors.Add($"invalid value for balance_inbound_connections: {e.BalanceInboundConnections}");
        }

        if (e.UpstreamConfig is not null && e.Destination is not null)
        {
            errors.Add("UpstreamConfig and Destination are mutually exclusive for service defaults");
            return;
        }

        if (e.UpstreamConfig is { } upstreams)
        {
            foreach (var o in upstreams.Overrides)
            {
                foreach (var problem in UpstreamProblems(o, named: true))
                {
                    errors.Add($"error in upstream override for {o.Name}: {problem}");
                }
            }

            if (upstreams.Defaults is { } defaults)
            {
                foreach (var problem in UpstreamProblems(defaults, named: false))
                {
                    errors.Add($"error in upstream defaults: {problem}");
                }
            }
        }

        if (e.Destination is { } destination)
        {
            if (destination.Addresses.Count == 0)
            {
                errors.Add("Destination must contain at least one valid address");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var address in destination.Addresses)
            {
                if (!seen.Add(address))
                {
                    errors.Add($"Duplicate address '{address}' is not allowed");
                    continue;
                }

                if (!IsIpOrHostname(address))
                {
                    errors.Add($"Destination address '{address}' is invalid Could not validate address {address} as an IP or Hostname");
                }
            }

            if (destination.Port is < 1 or > 65535)
            {
                errors.Add($"Invalid Port number {destination.Port}");
            }
        }
    }

    private static IEnumerable<string> UpstreamProblems(UpstreamConfig u, bool named)
    {
        if (named)
        {
            if (u.Name.Length == 0)
            {
                yield return "Name is required";
                yield break;
            }

            if (u.Name == "*")
            {
                yield return "Wildcard name is not supported";
                yield break;
            }

            if (u.Namespace == "*")
            {
                yield return "Wildcard namespace is not supported";
                yield break;
            }
        }
        else
        {
            if (u.Name.Length > 0)
            {
                yield return "Name must be empty";
                yield break;
            }

            if (u.Namespace.Length > 0)
            {
                yield return "Namespace must be empty";
                yield break;
            }

            if (u.Partition.Length > 0)
            {
                yield return "Partition must be empty";
                yield break;
            }
        }

        if (u.PassiveHealthCheck is { } phc && phc.Interval < TimeSpan.Zero)
        {
            yield return "passive health check interval cannot be negative";
        }

        if (u.Limits is { } limits)
        {
            if (limits.MaxConnections < 0)
            {
                yield return "max connections cannot be negative";
            }
            else if (limits.MaxPendingRequests < 0)
            {
                yield return "max pending requests cannot be negative";
            }
            else if (limits.MaxConcurrentRequests < 0)
            {
                yield return "max concurrent requests cannot be negative";
            }
        }

        if (u.BalanceOutboundConnections is not ("" or "exact_balance"))
        {
            yield return $"invalid value for balance_outbound_connections: {u.BalanceOutboundConnections}";
        }
    }

    private static bool IsIpOrHostname(string address)
    {
        if (IPAddress.TryParse(address, out _))
        {
            return true;
        }

        return !address.Contains('*', StringComparison.Ordinal) && address.Length is > 0 and <= 253 && DomainName().IsMatch(address);
    }

    [GeneratedRegex(@"^([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.)*[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.?$")]
    private static partial Regex DomainName();

    private static void CheckProxyDefaults(ProxyDefaultsConfigEntry e, List<string> errors)
    {
        if (e.Name != ConfigEntryKinds.ProxyDefaultsGlobalName)
        {
            errors.Add($"invalid name ({Q(e.Name)}), only {Q(ConfigEntryKinds.ProxyDefaultsGlobalName)} is supported");
        }

        CheckMeta(e.Meta, errors);
    }

    private static void CheckMesh(MeshConfigEntry e, List<string> errors)
    {
        if (e.Name != ConfigEntryKinds.MeshName)
        {
            errors.Add($"invalid name ({Q(e.Name)}), only {Q(ConfigEntryKinds.MeshName)} is supported");
        }

        CheckMeta(e.Meta, errors);
        if (e.Tls is { } tls)
        {
            if (TlsProblem(tls.Incoming) is { } incoming)
            {
                errors.Add($"error in incoming TLS configuration: {incoming}");
            }

            if (TlsProblem(tls.Outgoing) is { } outgoing)
            {
                errors.Add($"error in outgoing TLS configuration: {outgoing}");
            }
        }
    }

    private static string? TlsProblem(MeshDirectionalTlsConfig? cfg)
    {
        if (cfg is null)
        {
            return null;
        }

        foreach (var version in new[] { cfg.TlsMinVersion, cfg.TlsMaxVersion })
        {
            if (version is not ("" or "TLS_AUTO" or "TLSv1_0" or "TLSv1_1" or "TLSv1_2" or "TLSv1_3"))
            {
                return $"TLS version {Q(version)} is not supported";
            }
        }

        return null;
    }
}
