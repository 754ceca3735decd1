using System.Text.Json.Nodes;
using Parley.Api.Catalog;
using Parley.Api.Contracts;
using Parley.Api.Http;
using Parley.Core;
using Parley.Core.Catalog;
using Parley.State.Commands;
using static Parley.Api.Txn.TxnJson;

namespace Parley.Api.Txn;

/// <summary>
/// The Node, Service and Check ops of <c>PUT /v1/txn</c>, in Consul's shapes:
/// <c>{"Node": {"Verb", "Node": {Node}}}</c>, <c>{"Service": {"Verb", "Node": "name", "Service": {NodeService}}}</c> and
/// <c>{"Check": {"Verb", "Check": {HealthCheck}}}</c>, each with <c>ModifyIndex</c> for the cas verbs. Sets are validated by
/// the catalog endpoints' own rules (<see cref="CatalogRegistration"/>); a refusal is that op's error, as Consul's preCheck
/// reports it. Gets, as in Consul, are not validated: they fail in the store when the row is not there.
/// </summary>
internal static class TxnCatalogOps
{
    private static readonly Dictionary<string, CatalogTxnVerb> Verbs = new(StringComparer.Ordinal)
    {
        ["get"] = CatalogTxnVerb.Get,
        ["set"] = CatalogTxnVerb.Set,
        ["cas"] = CatalogTxnVerb.Cas,
        ["delete"] = CatalogTxnVerb.Delete,
        ["delete-cas"] = CatalogTxnVerb.DeleteCas,
    };

    public static (TxnOp? Op, string? Error) DecodeNode(JsonObject op, AgentInfo agent)
    {
        var raw = Field(op, "Node") as JsonObject;
        var node = As<NodeBody>(raw) ?? new NodeBody();
        return Decode(op, "node", verb => new TxnNodeOp(verb, verb switch
        {
            CatalogTxnVerb.Get => new Node { Name = node.Node ?? "", ID = node.ID ?? "" },
            CatalogTxnVerb.Set or CatalogTxnVerb.Cas => CatalogRegistration.ToCommand(
                new RegisterRequest
                {
                    ID = node.ID,
                    Node = node.Node,
                    Address = node.Address,
                    TaggedAddresses = node.TaggedAddresses,
                    NodeMeta = node.Meta,
                },
                agent).Node,
            _ => new Node { Name = CatalogRegistration.ToDeregister(new DeregisterRequest { Node = node.Node }).Node },
        }, Index(raw)));
    }

    public static (TxnOp? Op, string? Error) DecodeService(JsonObject op, AgentInfo agent)
    {
        var raw = Field(op, "Service") as JsonObject;
        var service = As<ServiceRegistration>(raw) ?? new ServiceRegistration();
        var node = Text(op, "Node");

        // As Consul's servicePreApply: an instance without an ID is known by its service name.
        var id = !string.IsNullOrEmpty(service.ID) ? service.ID : service.Service ?? "";
        return Decode(op, "service", verb => new TxnServiceOp(verb, verb switch
        {
            CatalogTxnVerb.Get => new ServiceInstance { Node = node, ID = id, Service = service.Service ?? "" },
            CatalogTxnVerb.Set or CatalogTxnVerb.Cas => CatalogRegistration.ToCommand(
                new RegisterRequest { Node = node, SkipNodeUpdate = true, Service = service }, agent).Service!,
            _ => id.Length == 0
                ? throw ApiException.BadRequest("Must provide service name (Service.Service) or ID (Service.ID)")
                : new ServiceInstance
                {
                    Node = CatalogRegistration.ToDeregister(new DeregisterRequest { Node = node, ServiceID = id }).Node,
                    ID = id,
                    Service = service.Service ?? "",
                },
        }, Index(raw)));
    }

    public static (TxnOp? Op, string? Error) DecodeCheck(JsonObject op, AgentInfo agent)
    {
        var raw = Field(op, "Check") as JsonObject;
        var check = As<CheckRegistration>(raw) ?? new CheckRegistration();
        var node = check.Node ?? "";

        // As Consul's checkPreApply: a check without an ID is known by its name.
        var id = !string.IsNullOrEmpty(check.CheckID) ? check.CheckID : check.Name ?? "";
        return Decode(op, "check", verb => new TxnCheckOp(verb, verb switch
        {
            CatalogTxnVerb.Get => new HealthCheck { Node = node, CheckID = id },
            CatalogTxnVerb.Set or CatalogTxnVerb.Cas => CatalogRegistration.ToCommand(
                new RegisterRequest { Node = node, SkipNodeUpdate = true, Check = check }, agent).Checks[0],
            _ => id.Length == 0
                ? throw ApiException.BadRequest("Must provide a CheckID or Name for each check")
                : new HealthCheck
                {
                    Node = CatalogRegistration.ToDeregister(new DeregisterRequest { Node = node, CheckID = id }).Node,
                    CheckID = id,
                },
        }, Index(raw)));
    }

    /// <summary>The op for a known verb, or the per-op failure: Consul's unknown-verb text, or the catalog rules' refusal.</summary>
    private static (TxnOp? Op, string? Error) Decode(JsonObject op, string kind, Func<CatalogTxnVerb, TxnOp> build)
    {
        var verbText = Text(op, "Verb");
        if (!Verbs.TryGetValue(verbText, out var verb))
        {
            return (null, $"unknown {kind} operation: {verbText}");
        }

        try
        {
            return (build(verb), null);
        }
        catch (ApiException e) when (e.StatusCode == StatusCodes.Status400BadRequest)
        {
            return (null, e.Message);
        }
        catch (ParleyException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>The node of a Node op (Consul's <c>api.Node</c>).</summary>
    private sealed record NodeBody
    {
        public string? ID { get; init; }
        public string? Node { get; init; }
        public string? Address { get; init; }
        public Dictionary<string, string>? TaggedAddresses { get; init; }
        public Dictionary<string, string>? Meta { get; init; }
    }
}
