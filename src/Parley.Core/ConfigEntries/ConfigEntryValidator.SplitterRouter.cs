using System.Globalization;

namespace Parley.Core.ConfigEntries;

/// <content>service-splitter and service-router rules.</content>
public static partial class ConfigEntryValidator
{
    private const int MaxScaledWeight = 100 * 100;

    private static void CheckSplitter(ServiceSplitterConfigEntry e, List<string> errors)
    {
        if (e.Name.Length == 0)
        {
            errors.Add("Name is required");
        }

        if (e.Splits.Count == 0)
        {
            errors.Add("no splits configured");
            CheckMeta(e.Meta, errors);
            return;
        }

        CheckMeta(e.Meta, errors);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var split in e.Splits)
        {
            var service = split.Service.Length == 0 ? e.Name : split.Service;
            var key = string.Join(
                "\u0000",
                service,
                split.ServiceSubset,
                split.Namespace,
                split.Partition,
                ConfigEntryCodec.EncodeSplit(split with { Weight = 0, Service = "" }).ToJsonString());
            if (!seen.Add(key))
            {
                errors.Add(
                    $"split destination occurs more than once: service={Q(service)}, subset={Q(split.ServiceSubset)}, " +
                    $"namespace={Q(split.Namespace)}, partition={Q(split.Partition)}");
                break;
            }
        }

        var sumScaled = e.Splits.Sum(s => ConfigEntryNormalizer.ScaleWeight(s.Weight));
        if (sumScaled != MaxScaledWeight)
        {
            // Go's %f: six decimals.
            var sum = ((float)sumScaled / 100).ToString("F6", CultureInfo.InvariantCulture);
            errors.Add($"the sum of all split weights must be 100, not {sum}");
        }
    }

    private static void CheckRouter(ServiceRouterConfigEntry e, List<string> errors)
    {
        if (e.Name.Length == 0)
        {
            errors.Add("Name is required");
        }

        CheckMeta(e.Meta, errors);

        for (var i = 0; i < e.Routes.Count; i++)
        {
            var route = e.Routes[i];
            var eligibleForPrefixRewrite = false;
            if (route.Match?.Http is { } http)
            {
                var pathParts = 0;
                if (http.PathExact.Length > 0)
                {
                    eligibleForPrefixRewrite = true;
                    pathParts++;
                    if (!http.PathExact.StartsWith('/'))
                    {
                        errors.Add($"Route[{i}] PathExact doesn't start with '/': {Q(http.PathExact)}");
                    }
                }

                if (http.PathPrefix.Length > 0)
                {
                    eligibleForPrefixRewrite = true;
                    pathParts++;
                    if (!http.PathPrefix.StartsWith('/'))
                    {
                        errors.Add($"Route[{i}] PathPrefix doesn't start with '/': {Q(http.PathPrefix)}");
                    }
                }

                if (http.PathRegex.Length > 0)
                {
                    pathParts++;
                }

                if (pathParts > 1)
                {
                    errors.Add($"Route[{i}] should only contain at most one of PathExact, PathPrefix, or PathRegex");
                }

                for (var j = 0; j < http.Header.Count; j++)
                {
                    var hdr = http.Header[j];
                    if (hdr.Name.Length == 0)
                    {
                        errors.Add($"Route[{i}] Header[{j}] missing required Name field");
                        continue;
                    }

                    var parts = (hdr.Present ? 1 : 0) + (hdr.Exact.Length > 0 ? 1 : 0) + (hdr.Regex.Length > 0 ? 1 : 0) +
                                (hdr.Prefix.Length > 0 ? 1 : 0) + (hdr.Suffix.Length > 0 ? 1 : 0);
                    if (parts != 1)
                    {
                        errors.Add($"Route[{i}] Header[{j}] should only contain one of Present, Exact, Prefix, Suffix, or Regex");
                    }
                }

                for (var j = 0; j < http.QueryParam.Count; j++)
                {
                    var qm = http.QueryParam[j];
                    if (qm.Name.Length == 0)
                    {
                        errors.Add($"Route[{i}] QueryParam[{j}] missing required Name field");
                        continue;
                    }

                    var parts = (qm.Present ? 1 : 0) + (qm.Exact.Length > 0 ? 1 : 0) + (qm.Regex.Length > 0 ? 1 : 0);
                    if (parts != 1)
                    {
                        errors.Add($"Route[{i}] QueryParam[{j}] should only contain one of Present, Exact, or Regex");
                    }
                }

                CheckMethods(http.Methods, errors, m => $"Route[{i}] Methods contains an invalid method {Q(m)}",
                    m => $"Route[{i}] Methods contains {Q(m)} more than once");
            }

            if (route.Destination is { } dest)
            {
                if (dest.PrefixRewrite.Length > 0 && !eligibleForPrefixRewrite)
                {
                    errors.Add($"Route[{i}] cannot make use of PrefixRewrite without configuring either PathExact or PathPrefix");
                }

                foreach (var retryOn in dest.RetryOn)
                {
                    if (!IsValidRetryCondition(retryOn))
                    {
                        errors.Add($"Route[{i}] contains an invalid retry condition: {Q(retryOn)}");
                    }
                }
            }
        }
    }

    private static void CheckMethods(
        IReadOnlyList<string> methods, List<string> errors, Func<string, string> invalid, Func<string, string> duplicate)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var method in methods)
        {
            if (!IsValidHttpMethod(method))
            {
                errors.Add(invalid(method));
                return;
            }

            if (!found.Add(method))
            {
                errors.Add(duplicate(method));
                return;
            }
        }
    }

    private static bool IsValidRetryCondition(string retryOn) => retryOn is
        "5xx" or "gateway-error" or "reset" or "connect-failure" or "envoy-ratelimited" or "retriable-4xx" or
        "refused-stream" or "cancelled" or "deadline-exceeded" or "internal" or "resource-exhausted" or "unavailable";
}
