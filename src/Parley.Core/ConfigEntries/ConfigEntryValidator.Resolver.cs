using System.Text.RegularExpressions;
using Parley.Core.Go;

namespace Parley.Core.ConfigEntries;

/// <content>service-resolver rules.</content>
public static partial class ConfigEntryValidator
{
    private const int ServiceSubsetMaxLength = 63;

    private static void CheckResolver(ServiceResolverConfigEntry e, List<string> errors)
    {
        if (e.Name.Length == 0)
        {
            errors.Add("Name is required");
        }

        CheckMeta(e.Meta, errors);

        foreach (var name in e.Subsets.Keys.Order(StringComparer.Ordinal))
        {
            if (name.Length == 0)
            {
                errors.Add("Subset defined with empty name");
            }
            else if (SubsetNameProblem(name) is { } problem)
            {
                errors.Add($"Subset {Q(name)} is invalid: {problem}");
            }
        }

        bool IsSubset(string subset) => e.Subsets.ContainsKey(subset);

        if (e.DefaultSubset.Length > 0 && !IsSubset(e.DefaultSubset))
        {
            errors.Add($"DefaultSubset {Q(e.DefaultSubset)} is not a valid subset");
        }

        if (e.Redirect is { } r)
        {
            CheckRedirect(e, r, errors, IsSubset);
        }

        foreach (var subset in e.Failover.Keys.Order(StringComparer.Ordinal))
        {
            CheckFailover(e, subset, e.Failover[subset], errors, IsSubset);
        }

        if (e.ConnectTimeout < TimeSpan.Zero)
        {
            errors.Add($"Bad ConnectTimeout '{GoDuration.Format(e.ConnectTimeout)}', must be >= 0");
        }

        if (e.RequestTimeout < TimeSpan.Zero)
        {
            errors.Add($"Bad RequestTimeout '{GoDuration.Format(e.RequestTimeout)}', must be >= 0");
        }

        if (e.LoadBalancer is { } lb)
        {
            CheckLoadBalancer(lb, errors);
        }

        if (e.PrioritizeByLocality is { Mode.Length: > 0 })
        {
            // Sic: Consul CE's text ends with a space.
            errors.Add("Prioritize-by-locality requires Consul Enterprise ");
        }
    }

    private static void CheckRedirect(
        ServiceResolverConfigEntry e, ServiceResolverRedirect r, List<string> errors, Func<string, bool> isSubset)
    {
        if (r.Partition.Length > 0 && r.Partition != "default" && r.Datacenter.Length > 0)
        {
            errors.Add("Cross-datacenter and cross-partition redirect is not supported");
        }

        if (e.Failover.Count > 0)
        {
            errors.Add("Redirect and Failover cannot both be set");
        }

        if (r.IsEmpty)
        {
            errors.Add("Redirect is empty");
            return;
        }

        string? problem = null;
        if (r.Peer.Length > 0 && r.ServiceSubset.Length > 0)
        {
            problem = "Redirect.Peer cannot be set with Redirect.ServiceSubset";
        }
        else if (r.Peer.Length > 0 && r.Partition.Length > 0)
        {
            problem = "Redirect.Partition cannot be set with Redirect.Peer";
        }
        else if (r.Peer.Length > 0 && r.Datacenter.Length > 0)
        {
            problem = "Redirect.Peer cannot be set with Redirect.Datacenter";
        }
        else if (r.Service.Length == 0)
        {
            problem = r switch
            {
                { ServiceSubset.Length: > 0 } => "Redirect.ServiceSubset defined without Redirect.Service",
                { Namespace.Length: > 0 } => "Redirect.Namespace defined without Redirect.Service",
                { Partition.Length: > 0 } => "Redirect.Partition defined without Redirect.Service",

                // Consul also refuses Peer without Service; Parley reads it as this resolver's own service at the
                // peer (what the compiler does with an empty Service anyway), so {"Redirect":{"Peer":"p"}} sends
                // everything to the peer's instances of the same name. Whatever Consul accepts means the same here.
                _ => null,
            };
        }
        else if (r.ServiceSubset.Length > 0 && r.Service == e.Name && !isSubset(r.ServiceSubset))
        {
            problem = $"Redirect.ServiceSubset {Q(r.ServiceSubset)} is not a valid subset of {Q(e.Name)}";
        }

        if (problem is not null)
        {
            errors.Add(problem);
            return;
        }

        // Parley, like Consul CE, has only the default namespace and partition ("default" normalizes to empty).
        if (r.Partition.Length > 0)
        {
            errors.Add("Redirect: Setting Partition requires Consul Enterprise");
        }
        else if (r.Namespace.Length > 0)
        {
            errors.Add("Redirect: Setting Namespace requires Consul Enterprise");
        }
        else if (r.SamenessGroup.Length > 0)
        {
            errors.Add("Redirect: Setting SamenessGroup requires Consul Enterprise");
        }
    }

    private static void CheckFailover(
        ServiceResolverConfigEntry e, string subset, ServiceResolverFailover f, List<string> errors, Func<string, bool> isSubset)
    {
        var prefix = $"Bad Failover[{Q(subset)}]: ";
        if (subset != "*" && !isSubset(subset))
        {
            errors.Add(prefix + "not a valid subset subset");
            return;
        }

        if (f.IsEmpty)
        {
            errors.Add(prefix + "one of Service, ServiceSubset, Namespace, Targets, or Datacenters is required");
            return;
        }

        if (f.Policy is { Mode.Length: > 0 } policy)
        {
            errors.Add(policy.Mode is "default" or "order-by-locality"
                ? prefix + "Setting failover policies requires Consul Enterprise"
                : prefix + "Policy must be one of '', 'default', or 'order-by-locality'");
        }

        if (f.ServiceSubset.Length > 0 && (f.Service.Length == 0 || f.Service == e.Name) && !isSubset(f.ServiceSubset))
        {
            errors.Add($"{prefix}ServiceSubset {Q(f.ServiceSubset)} is not a valid subset of {Q(f.Service)}");
        }

        if (f.Datacenters.Count > 0 && f.Targets.Count > 0)
        {
            errors.Add(prefix + "Targets cannot be set with Datacenters");
        }

        if (f.ServiceSubset.Length > 0 && f.Targets.Count > 0)
        {
            errors.Add(prefix + "Targets cannot be set with ServiceSubset");
        }

        if (f.Service.Length > 0 && f.Targets.Count > 0)
        {
            errors.Add(prefix + "Targets cannot be set with Service");
        }

        for (var i = 0; i < f.Targets.Count; i++)
        {
            var t = f.Targets[i];
            var targetPrefix = $"Bad Failover[{Q(subset)}].Targets[{i}]: ";
            string? problem = null;
            if (t.Peer.Length > 0 && t.ServiceSubset.Length > 0)
            {
                problem = "Peer cannot be set with ServiceSubset";
            }
            else if (t.Peer.Length > 0 && t.Partition.Length > 0)
            {
                problem = "Partition cannot be set with Peer";
            }
            else if (t.Peer.Length > 0 && t.Datacenter.Length > 0)
            {
                problem = "Peer cannot be set with Datacenter";
            }
            else if (t.Partition.Length > 0 && t.Datacenter.Length > 0)
            {
                problem = "Partition cannot be set with Datacenter";
            }
            else if (t.ServiceSubset.Length > 0 && (t.Service.Length == 0 || t.Service == e.Name) && !isSubset(t.ServiceSubset))
            {
                problem = $"ServiceSubset {Q(t.ServiceSubset)} is not a valid subset of {Q(e.Name)}";
            }
            else if (t.Partition.Length > 0)
            {
                problem = "Setting Partition requires Consul Enterprise";
            }
            else if (t.Namespace.Length > 0)
            {
                problem = "Setting Namespace requires Consul Enterprise";
            }

            if (problem is not null)
            {
                errors.Add(targetPrefix + problem);
            }
        }

        if (f.Datacenters.Any(dc => dc.Length == 0))
        {
            errors.Add($"Bad Failover[{Q(subset)}].Datacenters: found empty datacenter");
        }

        if (f.Namespace.Length > 0)
        {
            errors.Add(prefix + "Setting Namespace requires Consul Enterprise");
        }

        if (f.SamenessGroup.Length > 0)
        {
            errors.Add(prefix + "Setting SamenessGroup requires Consul Enterprise");
        }
    }

    private static void CheckLoadBalancer(LoadBalancer lb, List<string> errors)
    {
        if (lb.Policy is not ("" or "random" or "round_robin" or "least_request" or "ring_hash" or "maglev"))
        {
            errors.Add($"Bad LoadBalancer policy: {Q(lb.Policy)} is not supported");
            return;
        }

        if (lb.Policy != "ring_hash" && lb.RingHashConfig is not null)
        {
            errors.Add($"Bad LoadBalancer configuration. RingHashConfig specified for incompatible load balancing policy {Q(lb.Policy)}");
        }

        if (lb.Policy != "least_request" && lb.LeastRequestConfig is not null)
        {
            errors.Add(
                $"Bad LoadBalancer configuration. LeastRequestConfig specified for incompatible load balancing policy {Q(lb.Policy)}");
        }

        if (!lb.IsHashBased && lb.HashPolicies.Count > 0)
        {
            errors.Add($"Bad LoadBalancer configuration: HashPolicies specified for non-hash-based Policy: {Q(lb.Policy)}");
        }

        for (var i = 0; i < lb.HashPolicies.Count; i++)
        {
            var hp = lb.HashPolicies[i];
            var prefix = $"Bad LoadBalancer HashPolicy[{i}]: ";
            if (hp.Field.Length > 0 && hp.Field is not ("header" or "cookie" or "query_parameter"))
            {
                errors.Add($"{prefix}{Q(hp.Field)} is not a supported field");
            }
            else if (hp.SourceIP && hp.Field.Length > 0)
            {
                errors.Add($"{prefix}A single hash policy cannot hash both a source address and a {Q(hp.Field)}");
            }
            else if (hp.SourceIP && hp.FieldValue.Length > 0)
            {
                errors.Add(prefix + "A FieldValue cannot be specified when hashing SourceIP");
            }
            else if (hp.Field.Length > 0 && hp.FieldValue.Length == 0)
            {
                errors.Add($"{prefix}Field {Q(hp.Field)} was specified without a FieldValue");
            }
            else if (hp.FieldValue.Length > 0 && hp.Field.Length == 0)
            {
                errors.Add(prefix + "FieldValue requires a Field to apply to");
            }
            else if (hp.CookieConfig is { } cookie)
            {
                if (hp.Field != "cookie")
                {
                    errors.Add($"{prefix}cookie_config provided for {Q(hp.Field)}");
                }
                else if (cookie.Session && cookie.Ttl != TimeSpan.Zero)
                {
                    errors.Add(prefix + "a session cookie cannot have an associated TTL");
                }
            }
        }
    }

    /// <summary>Why a subset name is not a DNS label, in Consul's words; null when it is fine.</summary>
    internal static string? SubsetNameProblem(string subset)
    {
        if (subset.Length == 0 || subset.Length > ServiceSubsetMaxLength)
        {
            return "must be non-empty and 63 characters or fewer";
        }

        return ValidSubset().IsMatch(subset)
            ? null
            : "must be 63 characters or fewer, begin or end with lower case alphanumeric characters," +
                " and contain lower case alphanumeric characters or '-' in between";
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex ValidSubset();
}
