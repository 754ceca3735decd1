using System.Text.Json.Nodes;
using static Parley.Core.ConfigEntries.Schema.BodyRead;

namespace Parley.Core.ConfigEntries;

/// <content>http-route and tcp-route rules, with Consul's texts.</content>
public static partial class ConfigEntryValidator
{
    internal static void CheckHttpRoute(SchemaConfigEntry e, List<string> errors)
    {
        foreach (var host in Strings(e.Body, "Hostnames"))
        {
            AddIfProblem(
                !IsDomainName(host) ? $"host {Q(host)} must be a valid DNS hostname"
                : host.Contains('*', StringComparison.Ordinal) ? $"host {Q(host)} must not be a wildcard"
                : null,
                errors);
        }

        CheckParents(e.Body, errors);
        CheckMeta(e.Meta, errors);
        var rules = Objects(e.Body, "Rules");
        for (var i = 0; i < rules.Count; i++)
        {
            if (RuleProblem(rules[i]) is { } problem)
            {
                errors.Add($"Rule[{i}], {problem}");
            }
        }
    }

    internal static void CheckTcpRoute(SchemaConfigEntry e, List<string> errors)
    {
        if (Objects(e.Body, "Services").Count > 1)
        {
            errors.Add("tcp-route currently only supports one service");
        }

        CheckParents(e.Body, errors);
        CheckMeta(e.Meta, errors);
    }

    private static void CheckParents(JsonObject body, List<string> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parent in Objects(body, "Parents"))
        {
            var kind = Str(parent, "Kind");
            if (kind != "api-gateway")
            {
                errors.Add($"unsupported parent kind: {Q(kind)}, must be 'api-gateway'");
                return;
            }

            if (!seen.Add(parent.ToJsonString()))
            {
                errors.Add("route parents must be unique");
                return;
            }
        }
    }

    private static string? RuleProblem(JsonObject rule)
    {
        var matches = Objects(rule, "Matches");
        for (var i = 0; i < matches.Count; i++)
        {
            if (MatchProblem(matches[i]) is { } problem)
            {
                return $"Match[{i}], {problem}";
            }
        }

        return null;
    }

    private static string? MatchProblem(JsonObject match)
    {
        var method = Str(match, "Method");
        if (method.Length > 0 && !IsValidHttpMethod(method))
        {
            return $"Method contains an invalid method {Q(method)}";
        }

        var queries = Objects(match, "Query");
        for (var i = 0; i < queries.Count; i++)
        {
            var problem = Str(queries[i], "Name").Length == 0 ? "missing required Name field"
                : Str(queries[i], "Match") is not ("exact" or "present" or "regex") ? "match type should be one of present, exact, or regex"
                : null;
            if (problem is not null)
            {
                return $"Query[{i}], {problem}";
            }
        }

        var headers = Objects(match, "Headers");
        for (var i = 0; i < headers.Count; i++)
        {
            var problem = Str(headers[i], "Name").Length == 0 ? "missing required Name field"
                : Str(headers[i], "Match") is not ("exact" or "prefix" or "regex" or "suffix" or "present")
                    ? "match type should be one of present, exact, prefix, suffix, or regex"
                : null;
            if (problem is not null)
            {
                return $"Headers[{i}], {problem}";
            }
        }

        var path = Obj(match, "Path");
        var (kind, value) = (Str(path, "Match"), Str(path, "Value"));
        return kind switch
        {
            "exact" or "prefix" when !value.StartsWith('/') => $"Path, {kind} type match doesn't start with '/': {Q(value)}",
            "exact" or "prefix" or "regex" => null,
            _ => "Path, match type should be one of exact, prefix, or regex",
        };
    }
}
