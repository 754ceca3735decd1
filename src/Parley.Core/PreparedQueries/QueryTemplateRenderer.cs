using System.Text;
using System.Text.RegularExpressions;

namespace Parley.Core.PreparedQueries;

/// <summary>
/// Consul's prepared query templates (<c>name_prefix_match</c>), pure: every string of the template's <c>Service</c>
/// block is interpolated for the name being executed, with <c>${name.full}</c>, <c>${name.prefix}</c>,
/// <c>${name.suffix}</c>, <c>${agent.segment}</c> (always "": Parley has no network segments) and <c>${match(N)}</c>,
/// group N of the template's <c>Regexp</c> run on the name ("" when it does not match). <c>$${</c> writes <c>${</c>.
/// </summary>
public static class QueryTemplateRenderer
{
    // A user's expression runs on every execution; bound it so a pathological one cannot hold a request thread.
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Checks a template as Consul compiles it: its type, every interpolation, its regular expression, and a test
    /// render with its own name. Null when it is usable, else the reason (<c>Bad Template.Type 'x'</c>, ...).
    /// </summary>
    public static TemplateError? Compile(PreparedQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Template.Type != QueryTemplate.NamePrefixMatch)
        {
            return new($"Bad Template.Type '{query.Template.Type}'");
        }

        string? error = null;
        MapStrings(query.Service, (path, text) =>
        {
            error ??= Check(path, text);
            return text;
        });
        if (error is not null)
        {
            return new(error);
        }

        if (query.Template.Regexp.Length > 0)
        {
            try
            {
                _ = new Regex(query.Template.Regexp, RegexOptions.CultureInvariant, RegexTimeout);
            }
            catch (ArgumentException e)
            {
                return new("Bad Regexp: " + e.Message);
            }
        }

        return null;
    }

    /// <summary>
    /// The query <paramref name="template"/> (compiled without error) renders for <paramref name="name"/>: its Service
    /// block interpolated, empty tags dropped when it asks for that. A query that is not a template is returned as it is.
    /// </summary>
    public static PreparedQuery Render(PreparedQuery template, string name)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(name);
        if (!template.IsTemplate)
        {
            return template;
        }

        var groups = Groups(template.Template.Regexp, name);
        var suffix = name.StartsWith(template.Name, StringComparison.OrdinalIgnoreCase) ? name[template.Name.Length..] : name;
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name.full"] = name,
            ["name.prefix"] = template.Name,
            ["name.suffix"] = suffix,
            ["agent.segment"] = "",
        };
        var service = MapStrings(template.Service, (_, text) => Interpolate(text, variables, groups, out string? _));
        if (template.Template.RemoveEmptyTags)
        {
            service = service with { Tags = [.. service.Tags.Where(t => t.Length > 0)] };
        }

        return template with { Service = service };
    }

    private static string[] Groups(string pattern, string name)
    {
        if (pattern.Length == 0)
        {
            return [];
        }

        try
        {
            var match = new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout).Match(name);
            return match.Success ? [.. match.Groups.Cast<Group>().Select(g => g.Success ? g.Value : "")] : [];
        }
        catch (Exception e) when (e is ArgumentException or RegexMatchTimeoutException)
        {
            // Compile refused a bad pattern before it was stored; a timeout matches nothing, as a failed match does.
            return [];
        }
    }

    private static string? Check(string path, string text)
    {
        var probe = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name.full"] = "",
            ["name.prefix"] = "",
            ["name.suffix"] = "",
            ["agent.segment"] = "",
        };
        Interpolate(text, probe, [], out var error);
        return error is null ? null : $"Bad format '{text}' in Service{path}: {error}";
    }

    /// <summary>Interpolates one string; <paramref name="error"/> says what in it cannot be evaluated.</summary>
    internal static string Interpolate(string text, IReadOnlyDictionary<string, string> variables, string[] groups, out string? error)
    {
        error = null;
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '$' && i + 2 < text.Length && text[i + 1] == '$' && text[i + 2] == '{')
            {
                result.Append("${");
                i += 2;
                continue;
            }

            if (text[i] != '$' || i + 1 >= text.Length || text[i + 1] != '{')
            {
                result.Append(text[i]);
                continue;
            }

            var end = text.IndexOf('}', i + 2);
            if (end < 0)
            {
                error ??= "expected expression end '}'";
                result.Append(text, i, text.Length - i);
                break;
            }

            var expression = text[(i + 2)..end].Trim();
            result.Append(Evaluate(expression, variables, groups, ref error));
            i = end;
        }

        return result.ToString();
    }

    private static string Evaluate(string expression, IReadOnlyDictionary<string, string> variables, string[] groups, ref string? error)
    {
        if (variables.TryGetValue(expression, out var value))
        {
            return value;
        }

        if (expression.StartsWith("match(", StringComparison.Ordinal) && expression.EndsWith(')'))
        {
            if (int.TryParse(expression[6..^1].Trim(), System.Globalization.NumberStyles.Integer,
                System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                return n >= 0 && n < groups.Length ? groups[n] : "";
            }

            error ??= $"match() takes a number: {expression}";
            return "";
        }

        error ??= $"unknown variable accessed: {expression}";
        return "";
    }

    /// <summary>
    /// A copy of <paramref name="service"/> with every string (lists and map values too) passed through <paramref name="map"/>.
    /// </summary>
    private static ServiceQuery MapStrings(ServiceQuery service, Func<string, string, string> map) => service with
    {
        Service = map(".Service", service.Service),
        Near = map(".Near", service.Near),
        Peer = map(".Peer", service.Peer),
        Tags = [.. service.Tags.Select((t, i) => map($".Tags[{i}]", t))],
        IgnoreCheckIDs = [.. service.IgnoreCheckIDs.Select((c, i) => map($".IgnoreCheckIDs[{i}]", c))],
        NodeMeta = service.NodeMeta.ToDictionary(p => p.Key, p => map($".NodeMeta[{p.Key}]", p.Value), StringComparer.Ordinal),
        ServiceMeta = service.ServiceMeta.ToDictionary(p => p.Key, p => map($".ServiceMeta[{p.Key}]", p.Value), StringComparer.Ordinal),
        Failover = service.Failover with
        {
            Datacenters = [.. service.Failover.Datacenters.Select((d, i) => map($".Failover.Datacenters[{i}]", d))],
            Targets = [.. service.Failover.Targets.Select((t, i) => new QueryFailoverTarget
            {
                Peer = map($".Failover.Targets[{i}].Peer", t.Peer),
                Datacenter = map($".Failover.Targets[{i}].Datacenter", t.Datacenter),
            })],
        },
    };
}
