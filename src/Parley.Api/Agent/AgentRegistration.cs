using Parley.Api.Catalog;
using Parley.Api.Contracts;
using Parley.Api.Http;
using Parley.Core;
using Parley.Core.Catalog;
using Parley.State.Commands;

namespace Parley.Api.Agent;

/// <summary>Turns agent service and check registrations into catalog commands for the agent's own node.</summary>
internal static class AgentRegistration
{
    public static RegisterCatalog ServiceCommand(AgentServiceRegistration r, AgentInfo agent)
    {
        if (string.IsNullOrEmpty(r.Name))
        {
            throw ApiException.BadRequest("Missing service name");
        }

        var id = string.IsNullOrEmpty(r.ID) ? r.Name : r.ID;
        var catalog = CatalogRegistration.ToCommand(
            new RegisterRequest
            {
                Node = agent.NodeName,
                Address = agent.AdvertiseAddress,
                Service = new ServiceRegistration
                {
                    Kind = r.Kind,
                    ID = id,
                    Service = r.Name,
                    Tags = r.Tags,
                    Address = r.Address,
                    TaggedAddresses = r.TaggedAddresses,
                    Meta = r.Meta,
                    Port = r.Port,
                    SocketPath = r.SocketPath,
                    Weights = r.Weights,
                    EnableTagOverride = r.EnableTagOverride,
                    Proxy = r.Proxy,
                    Connect = r.Connect,
                },
                SkipNodeUpdate = true,
            },
            agent);

        var definitions = (r.Check is null ? [] : new[] { r.Check }).Concat(r.Checks ?? []).ToList();
        var checks = new List<HealthCheck>();
        for (var i = 0; i < definitions.Count; i++)
        {
            var defaultId = definitions.Count == 1 ? $"service:{id}" : $"service:{id}:{i + 1}";
            checks.Add(Check(definitions[i] with { ServiceID = id }, agent, defaultId, $"Service '{r.Name}' check"));
        }

        return catalog with { Checks = checks };
    }

    /// <summary>Validates one agent check definition, as Consul's agent does, and builds the check row.</summary>
    public static HealthCheck Check(AgentCheckRegistration c, AgentInfo agent, string? defaultId = null, string? defaultName = null)
    {
        var id = FirstNonEmpty(c.CheckID, c.ID, defaultId, c.Name)
            ?? throw ApiException.BadRequest("Missing check name");
        var name = FirstNonEmpty(c.Name, defaultName) ?? throw ApiException.BadRequest("Missing check name");

        var definition = new CheckDefinition
        {
            HTTP = NullIfEmpty(c.HTTP),
            Method = FirstNonEmpty(c.Method) ?? "GET",
            Header = c.Header?.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value),
            Body = c.Body,
            TCP = NullIfEmpty(c.TCP),
            TTL = Duration(c.TTL, "TTL"),
            Interval = Duration(c.Interval, "Interval") ?? TimeSpan.Zero,
            Timeout = Duration(c.Timeout, "Timeout") ?? TimeSpan.FromSeconds(10),
            TLSSkipVerify = c.TLSSkipVerify,
        };

        var kinds = (definition.TTL is null ? 0 : 1) + (definition.HTTP is null ? 0 : 1) + (definition.TCP is null ? 0 : 1);
        if (kinds == 0)
        {
            throw ApiException.BadRequest("Invalid check: TTL, HTTP or TCP must be set");
        }

        if (kinds > 1)
        {
            throw ApiException.BadRequest("Invalid check: only one of TTL, HTTP or TCP may be set");
        }

        if (definition.TTL is { } ttl && ttl <= TimeSpan.Zero)
        {
            throw ApiException.BadRequest("Invalid check: TTL must be > 0 for TTL checks");
        }

        if (definition.TTL is null && definition.Interval <= TimeSpan.Zero)
        {
            throw ApiException.BadRequest("Invalid check: Interval must be > 0 for Script, HTTP, H2PING, TCP or UDP checks");
        }

        var status = FirstNonEmpty(c.Status) ?? HealthStatus.Critical;
        if (!HealthStatus.IsValid(status))
        {
            throw ApiException.BadRequest($"Invalid check status: \"{status}\"");
        }

        return new HealthCheck
        {
            Node = agent.NodeName,
            CheckID = id,
            Name = name,
            Status = status,
            Notes = c.Notes ?? "",
            ServiceID = c.ServiceID ?? "",
            Type = definition.Type,
            DefinitionJson = definition.ToJson(),
        };
    }

    private static TimeSpan? Duration(string? text, string field)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return GoDuration.TryParse(text, out var value, out var error)
            ? value
            : throw ApiException.BadRequest($"Request decode failed: {field}: {error}");
    }

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrEmpty(v));

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
