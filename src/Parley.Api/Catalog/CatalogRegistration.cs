using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Api.Contracts;
using Parley.Api.Http;
using Parley.Core;
using Parley.Core.Catalog;
using Parley.Core.Connect;
using Parley.State.Commands;

namespace Parley.Api.Catalog;

/// <summary>
/// Validates a catalog registration or deregistration and turns it into a <see cref="RegisterCatalog"/> or
/// <see cref="DeregisterCatalog"/> command: the one copy of these rules, used by <c>/v1/catalog/*</c> and <c>/v1/txn</c>.
/// </summary>
internal static class CatalogRegistration
{
    public static RegisterCatalog ToCommand(RegisterRequest request, AgentInfo agent)
    {
        if (!string.IsNullOrEmpty(request.PeerName))
        {
            throw ApiException.BadRequest("cannot register requests with PeerName in them");
        }

        if (string.IsNullOrEmpty(request.Node) || string.IsNullOrEmpty(request.Address) && !request.SkipNodeUpdate)
        {
            throw ApiException.BadRequest("Must provide node and address");
        }

        if (!string.IsNullOrEmpty(request.ID) && !Guid.TryParse(request.ID, out _))
        {
            throw ApiException.BadRequest($"Invalid node ID: \"{request.ID}\" is not a valid UUID");
        }

        var node = new Node
        {
            ID = request.ID ?? "",
            Name = request.Node,
            Address = request.Address ?? "",
            Datacenter = agent.Datacenter,
            TaggedAddresses = request.TaggedAddresses ?? Maps.EmptyMap,
            Meta = request.NodeMeta ?? Maps.EmptyMap,
        };

        ServiceInstance? service = null;
        if (request.Service is { } s)
        {
            (service, var sidecar) = BuildService(s, request.Node);
            var errors = ConnectValidator.Validate(service, forAgent: false, hasSidecarService: sidecar is not null);
            if (errors.Count > 0)
            {
                // Consul's catalog endpoint answers the RPC's validation error with 500 and the bare text.
                throw ParleyException.Rejected(ConnectValidator.Format(errors));
            }
        }

        var checks = new List<HealthCheck>();
        foreach (var c in (request.Check is null ? [] : new[] { request.Check }).Concat(request.Checks ?? []))
        {
            checks.Add(ToCheck(c, request.Node));
        }

        return new RegisterCatalog(node, service, checks) { SkipNodeUpdate = request.SkipNodeUpdate };
    }

    /// <summary>The deregistration a <c>PUT /v1/catalog/deregister</c> body describes (an empty id means "not given").</summary>
    public static DeregisterCatalog ToDeregister(DeregisterRequest request)
    {
        if (!string.IsNullOrEmpty(request.PeerName))
        {
            throw ApiException.BadRequest("cannot deregister requests with PeerName in them");
        }

        if (string.IsNullOrEmpty(request.Node))
        {
            throw ApiException.BadRequest("Must provide node");
        }

        return new DeregisterCatalog(request.Node, NullIfEmpty(request.ServiceID), NullIfEmpty(request.CheckID));
    }

    /// <summary>
    /// The instance a registration describes (not validated), and its Connect block's nested <c>SidecarService</c>,
    /// which only the agent's endpoint expands.
    /// </summary>
    public static (ServiceInstance Service, JsonObject? Sidecar) BuildService(ServiceRegistration s, string node)
    {
        if (string.IsNullOrEmpty(s.Service))
        {
            throw ApiException.BadRequest("Must provide service name (Service.Service)");
        }

        if (s.Address is "0.0.0.0" or "::" or "[::]")
        {
            throw ApiException.BadRequest("Invalid service address");
        }

        var (proxy, connect, sidecar) = ServiceBlocks.Decode(s.Proxy, s.Connect);
        var service = new ServiceInstance
        {
            Node = node,
            Kind = s.Kind ?? "",
            ID = string.IsNullOrEmpty(s.ID) ? s.Service : s.ID,
            Service = s.Service,
            Tags = s.Tags ?? [],
            Address = s.Address ?? "",
            TaggedAddresses = s.TaggedAddresses ?? ServiceAddress.EmptyMap,
            Meta = s.Meta ?? Maps.EmptyMap,
            Port = s.Port,
            SocketPath = s.SocketPath ?? "",
            Weights = s.Weights ?? new ServiceWeights(),
            EnableTagOverride = s.EnableTagOverride,
            Proxy = proxy,
            Connect = connect,
        };
        return (service, sidecar);
    }

    private static HealthCheck ToCheck(CheckRegistration c, string node)
    {
        if (!string.IsNullOrEmpty(c.Node) && !string.Equals(c.Node, node, StringComparison.OrdinalIgnoreCase))
        {
            throw ApiException.BadRequest($"Check node \"{c.Node}\" does not match the registration node \"{node}\"");
        }

        var id = !string.IsNullOrEmpty(c.CheckID) ? c.CheckID : c.Name;
        if (string.IsNullOrEmpty(id))
        {
            throw ApiException.BadRequest("Must provide a CheckID or Name for each check");
        }

        var status = string.IsNullOrEmpty(c.Status) ? HealthStatus.Critical : c.Status;
        if (!HealthStatus.IsValid(status))
        {
            throw ApiException.BadRequest($"Invalid check status: \"{status}\"");
        }

        return new HealthCheck
        {
            Node = node,
            CheckID = id,
            Name = c.Name ?? id,
            Status = status,
            Notes = c.Notes ?? "",
            Output = c.Output ?? "",
            ServiceID = c.ServiceID ?? "",
            Type = c.Type ?? "",
            DefinitionJson = Definition(c.Definition),
        };
    }

    /// <summary>
    /// A check's <c>Definition</c> in the stored form: validated and normalized here, so that an accepted registration
    /// always reads back (Go's <c>"10s"</c> strings were once stored raw and broke every later read of the service).
    /// </summary>
    private static string? Definition(JsonElement? element)
    {
        if (Raw(element) is not { } raw)
        {
            return null;
        }

        try
        {
            return CheckDefinition.FromJson(raw)?.ToJson();
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"Request decode failed: Check.Definition: {e.Message}");
        }
    }

    private static string? Raw(JsonElement? element) =>
        element is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } e ? e.GetRawText() : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
