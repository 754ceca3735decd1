namespace Parley.Core.Catalog;

/// <summary>
/// The status of an alias check (Consul's <c>agent/checks/alias.go</c>): critical if any aliased check is critical,
/// else warning if any is warning, else passing. The aliased checks are the service's checks on the node plus the node's
/// own checks (a node alias: the node's checks only). Pure.
/// </summary>
public static class AliasCheck
{
    /// <summary>The status and output of an alias check.</summary>
    /// <param name="nodeChecks">Every check of the aliased node.</param>
    /// <param name="aliasCheckId">The alias check's own ID (never aliased by itself).</param>
    /// <param name="serviceId">The aliased service's ID; empty for a node alias.</param>
    /// <param name="serviceExists">Whether the aliased service is registered on the node.</param>
    /// <param name="node">The aliased node's name, for the output.</param>
    public static (string Status, string Output) Evaluate(
        IEnumerable<HealthCheck> nodeChecks, string aliasCheckId, string serviceId, bool serviceExists, string node)
    {
        ArgumentNullException.ThrowIfNull(nodeChecks);
        var status = HealthStatus.Passing;
        var output = "No checks found.";
        var serviceFound = false;
        foreach (var check in nodeChecks)
        {
            if (check.CheckID == aliasCheckId)
            {
                continue;
            }

            var serviceMatch = serviceId.Length > 0 && check.ServiceID == serviceId;
            if (check.ServiceID.Length > 0 && !serviceMatch)
            {
                continue;
            }

            serviceFound |= serviceMatch;
            var checkStatus = check.Status == HealthStatus.Maintenance ? HealthStatus.Critical : check.Status;
            if (checkStatus is HealthStatus.Critical or HealthStatus.Warning)
            {
                status = checkStatus;
                output = $"Aliased check \"{check.Name}\" failing: {check.Output}";

                // A critical check decides; after a warning a critical one may still come.
                if (checkStatus == HealthStatus.Critical)
                {
                    break;
                }
            }
            else if (status == HealthStatus.Passing)
            {
                output = "All checks passing.";
            }
        }

        if (serviceId.Length > 0 && !serviceFound && !serviceExists)
        {
            return (HealthStatus.Critical, $"Service {serviceId} could not be found on node {node}");
        }

        return (status, output);
    }
}
