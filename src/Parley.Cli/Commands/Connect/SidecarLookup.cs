using Parley.Client;

namespace Parley.Cli.Commands.Connect;

/// <summary>
/// Finds the proxy of <c>-sidecar-for</c>: the one local <c>connect-proxy</c> whose <c>Proxy.DestinationServiceID</c> is
/// the given ID, compared case-insensitively (Consul's <c>LookupProxyIDForSidecar</c>, with its error texts).
/// </summary>
internal static class SidecarLookup
{
    /// <summary>The proxy ID, or null and the error to print.</summary>
    public static async Task<(string? ProxyId, string Error)> ProxyIdForAsync(ParleyClient client, string sidecarFor,
        CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, AgentService> services;
        try
        {
            services = await client.Agent.ServicesAsync(cancellationToken: cancellationToken);
        }
        catch (Exception exception) when (ClientErrors.IsReportable(exception))
        {
            return (null, $"Failed looking up sidecar proxy info for {sidecarFor}: {exception.Message}");
        }

        var ids = services.Values
            .Where(s => s.Kind == "connect-proxy" &&
                string.Equals(s.Proxy?["DestinationServiceID"]?.GetValue<string>(), sidecarFor, StringComparison.OrdinalIgnoreCase))
            .Select(s => s.ID)
            .Order(StringComparer.Ordinal)
            .ToList();
        return ids.Count switch
        {
            0 => (null, $"No sidecar proxy registered for {sidecarFor}"),
            1 => (ids[0], ""),
            _ => (null, $"More than one sidecar proxy registered for {sidecarFor}.\n" +
                $"    Start proxy with -proxy-id and one of the following IDs: {string.Join(", ", ids)}"),
        };
    }
}
