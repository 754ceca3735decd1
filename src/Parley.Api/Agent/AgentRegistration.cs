using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Api.Catalog;
using Parley.Api.Contracts;
using Parley.Api.Http;
using Parley.Core;
using Parley.Core.Catalog;
using Parley.Core.Connect;
using Parley.Core.Go;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Api.Agent;

/// <summary>Turns agent service and check registrations into catalog commands for the agent's own node.</summary>
internal static class AgentRegistration
{
    /// <summary>
    /// The command that registers <paramref name="r"/> on this agent's node — with its sidecar when the Connect block
    /// has a <c>SidecarService</c> (one atomic batch) — and removes the checks the services no longer define, as
    /// Consul's agent does. Validated first with Consul's texts; nothing is written when anything is refused.
    /// </summary>
    /// <param name="r">The registration.</param>
    /// <param name="agent">This agent.</param>
    /// <param name="snapshot">The current state: the services already here (for the sidecar's port) and their checks.</param>
    /// <returns>The command, and every check it registers.</returns>
    public static (Command Command, IReadOnlyList<HealthCheck> Checks) ServiceCommand(
        AgentServiceRegistration r, AgentInfo agent, StateSnapshot snapshot)
    {
        var (service, checks, sidecarBlock) = Service(r, agent, "Validation failed: ");
        (ServiceInstance Service, List<HealthCheck> Checks)? sidecar = sidecarBlock is null
            ? null
            : Sidecar(service, sidecarBlock, agent, snapshot);
        checks = KeepStates(checks, agent, snapshot);
        if (sidecar is { } expanded)
        {
            sidecar = (expanded.Service, KeepStates(expanded.Checks, agent, snapshot));
        }

        var node = new Node { Name = agent.NodeName, Address = agent.AdvertiseAddress };
        var commands = new List<Command> { new RegisterCatalog(node, service, checks) { SkipNodeUpdate = true } };
        var all = new List<HealthCheck>(checks);
        if (sidecar is { } sc)
        {
            commands.Add(new RegisterCatalog(node, sc.Service, sc.Checks) { SkipNodeUpdate = true });
            all.AddRange(sc.Checks);
        }

        foreach (var (id, kept) in Owners(service, checks, sidecar))
        {
            foreach (var stale in snapshot.InstanceChecks(agent.NodeName, id).Where(c => !kept.Contains(c.CheckID)))
            {
                commands.Add(new DeregisterCatalog(agent.NodeName, null, stale.CheckID));
            }
        }

        return (commands.Count == 1 ? commands[0] : new Batch(commands), all);
    }

    /// <summary>
    /// Checks that are already registered keep their status and output (Consul's agent restores them from its check
    /// snapshot when a service is registered again), so re-registering a healthy instance (a gateway or proxy that
    /// restarts and registers itself, a deploy tool re-applying its definitions) does not turn it critical until the
    /// next probe.
    /// </summary>
    private static List<HealthCheck> KeepStates(List<HealthCheck> checks, AgentInfo agent, StateSnapshot snapshot) =>
        checks.ConvertAll(c => snapshot.GetCheck(agent.NodeName, c.CheckID) is { } existing
            ? c with { Status = existing.Status, Output = existing.Output }
            : c);

    /// <summary>The sidecar this agent registered for <paramref name="parentId"/> through <c>SidecarService</c>, if any.</summary>
    public static ServiceInstance? SidecarOf(StateSnapshot snapshot, AgentInfo agent, string parentId) =>
        snapshot.GetService(agent.NodeName, SidecarExpansion.SidecarId(parentId)) is { Kind: ServiceKinds.ConnectProxy } sidecar &&
        sidecar.Proxy?.DestinationServiceID == parentId
            ? sidecar
            : null;

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
            AliasService = NullIfEmpty(c.AliasService),
            AliasNode = NullIfEmpty(c.AliasNode),
        };

        var alias = definition.AliasService is not null || definition.AliasNode is not null;
        var kinds = (definition.TTL is null ? 0 : 1) + (definition.HTTP is null ? 0 : 1) + (definition.TCP is null ? 0 : 1)
            + (alias ? 1 : 0);
        if (kinds == 0)
        {
            throw ApiException.BadRequest("Invalid check: TTL, HTTP, TCP or AliasService must be set");
        }

        if (kinds > 1)
        {
            throw ApiException.BadRequest("Invalid check: only one of TTL, HTTP, TCP or AliasService may be set");
        }

        if (definition.TTL is { } ttl && ttl <= TimeSpan.Zero)
        {
            throw ApiException.BadRequest("Invalid check: TTL must be > 0 for TTL checks");
        }

        if (definition.TTL is null && !alias && definition.Interval <= TimeSpan.Zero)
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

    /// <summary>The instance and checks of one registration (parent or sidecar), validated for the agent.</summary>
    private static (ServiceInstance Service, List<HealthCheck> Checks, JsonObject? Sidecar) Service(
        AgentServiceRegistration r, AgentInfo agent, string validationPrefix)
    {
        if (string.IsNullOrEmpty(r.Name))
        {
            throw ApiException.BadRequest("Missing service name");
        }

        var id = string.IsNullOrEmpty(r.ID) ? r.Name : r.ID;
        var (service, sidecar) = CatalogRegistration.BuildService(
            new ServiceRegistration
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
            agent.NodeName);

        var errors = new List<string>(ConnectValidator.Validate(service, forAgent: true, hasSidecarService: sidecar is not null));
        if (sidecar is not null)
        {
            errors.AddRange(ConnectValidator.ValidateSidecarDefinition(
                hasId: sidecar.Any(
                    p => p.Key.Equals("ID", StringComparison.OrdinalIgnoreCase) && p.Value is JsonValue v && v.ToString().Length > 0),
                hasNestedSidecar: HasNestedSidecar(sidecar)));
        }

        if (errors.Count > 0)
        {
            throw ApiException.BadRequest(validationPrefix + ConnectValidator.Format(errors));
        }

        service = ConnectValidator.Normalize(service);
        var definitions = (r.Check is null ? [] : new[] { r.Check }).Concat(r.Checks ?? []).ToList();
        var checks = new List<HealthCheck>();
        for (var i = 0; i < definitions.Count; i++)
        {
            var defaultId = definitions.Count == 1 ? $"service:{id}" : $"service:{id}:{i + 1}";
            checks.Add(Check(definitions[i] with { ServiceID = id }, agent, defaultId, $"Service '{r.Name}' check"));
        }

        return (service, checks, sidecar);
    }

    /// <summary>Expands the nested <c>SidecarService</c> of <paramref name="parent"/> (consul-mesh.md §1).</summary>
    private static (ServiceInstance Service, List<HealthCheck> Checks) Sidecar(
        ServiceInstance parent, JsonObject block, AgentInfo agent, StateSnapshot snapshot)
    {
        AgentServiceRegistration definition;
        try
        {
            definition = block.Deserialize<AgentServiceRegistration>(ApiJson.Request) ?? new AgentServiceRegistration();
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest("Request decode failed: Connect.SidecarService: " + e.Message);
        }

        // The nested block is a second service definition; its name and ID are the agent's to choose.
        var sidecarId = SidecarExpansion.SidecarId(parent.ID);
        var named = definition with
        {
            ID = sidecarId,
            Name = string.IsNullOrEmpty(definition.Name) ? parent.Service + ServiceKinds.SidecarSuffix : definition.Name,
            Kind = string.IsNullOrEmpty(definition.Kind) ? ServiceKinds.ConnectProxy : definition.Kind,
        };
        var built = CatalogRegistration.BuildService(ToCatalog(named), agent.NodeName).Service;
        var sidecar = SidecarExpansion.ApplyDefaults(parent, built);
        if (sidecar.Port < 1 && sidecar.SocketPath.Length == 0)
        {
            try
            {
                sidecar = sidecar with
                {
                    Port = SidecarExpansion.AllocatePort(
                        snapshot.NodeServices(agent.NodeName),
                        sidecar.ID,
                        agent.SidecarMinPort,
                        agent.SidecarMaxPort),
                };
            }
            catch (ParleyException e)
            {
                throw ApiException.BadRequest("Invalid SidecarService: " + e.Message);
            }
        }

        var errors = ConnectValidator.Validate(sidecar, forAgent: true);
        if (errors.Count > 0)
        {
            throw ApiException.BadRequest("Failed Validation: " + ConnectValidator.Format(errors));
        }

        sidecar = ConnectValidator.Normalize(sidecar);
        var definitions = (named.Check is null ? [] : new[] { named.Check }).Concat(named.Checks ?? []).ToList();
        if (definitions.Count == 0)
        {
            return (sidecar, [.. SidecarExpansion.DefaultChecks(parent, sidecar)]);
        }

        var checks = new List<HealthCheck>();
        for (var i = 0; i < definitions.Count; i++)
        {
            var defaultId = definitions.Count == 1 ? $"service:{sidecarId}" : $"service:{sidecarId}:{i + 1}";
            checks.Add(Check(definitions[i] with { ServiceID = sidecarId }, agent, defaultId, $"Service '{sidecar.Service}' check"));
        }

        return (sidecar, checks);
    }

    private static ServiceRegistration ToCatalog(AgentServiceRegistration r) => new()
    {
        Kind = r.Kind,
        ID = r.ID,
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
        // A nested sidecar was refused before this point; Native and PeerMeta are what is left to keep.
        Connect = r.Connect,
    };

    private static bool HasNestedSidecar(JsonObject sidecar) =>
        sidecar.FirstOrDefault(p => p.Key.Equals("Connect", StringComparison.OrdinalIgnoreCase)).Value is JsonObject connect &&
        connect.Any(p => (p.Key.Equals("SidecarService", StringComparison.OrdinalIgnoreCase) || p.Key == "sidecar_service")
            && p.Value is JsonObject);

    /// <summary>Each registered service's ID with the check IDs it now defines.</summary>
    private static IEnumerable<(string Id, HashSet<string> Kept)> Owners(
        ServiceInstance service, List<HealthCheck> checks, (ServiceInstance Service, List<HealthCheck> Checks)? sidecar)
    {
        yield return (service.ID, checks.Select(c => c.CheckID).ToHashSet(StringComparer.Ordinal));
        if (sidecar is { } sc)
        {
            yield return (sc.Service.ID, sc.Checks.Select(c => c.CheckID).ToHashSet(StringComparer.Ordinal));
        }
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
