using Parley.Api.Acl;
using Parley.Api.Agent;
using Parley.Api.Catalog;
using Parley.Api.Config;
using Parley.Api.Connect;
using Parley.Api.Coordinates;
using Parley.Api.DiscoveryChain;
using Parley.Api.Events;
using Parley.Api.Health;
using Parley.Api.Http;
using Parley.Api.Intentions;
using Parley.Api.Kv;
using Parley.Api.Metrics;
using Parley.Api.Operator;
using Parley.Api.Peering;
using Parley.Api.PreparedQueries;
using Parley.Api.Sessions;
using Parley.Api.Status;
using Parley.Api.Txn;

namespace Parley.Api;

/// <summary>Every route of the HTTP API, in one table.</summary>
public static class ApiRoutes
{
    /// <summary>Builds the route table. Later subsystems add their routes here, next to these.</summary>
    public static RouteTable Build()
    {
        var routes = new RouteTable();
        StatusEndpoints.Map(routes);
        CatalogEndpoints.Map(routes);
        HealthEndpoints.Map(routes);
        AgentEndpoints.Map(routes);
        AgentServiceEndpoints.Map(routes);
        AgentHealthEndpoints.Map(routes);
        AgentOpsEndpoints.Map(routes);
        Maintenance.Map(routes);
        PeeringEndpoints.Map(routes);
        ExportEndpoints.Map(routes);
        CaEndpoints.Map(routes);
        CaConfigEndpoints.Map(routes);
        LeafEndpoints.Map(routes);
        TrustBundleEndpoints.Map(routes);
        AuthorizeEndpoints.Map(routes);
        ConfigEndpoints.Map(routes);
        DiscoveryChainEndpoints.Map(routes);
        IntentionEndpoints.Map(routes);
        IntentionWriteEndpoints.Map(routes);
        OperatorEndpoints.Map(routes);
        AutopilotEndpoints.Map(routes);
        CoordinateEndpoints.Map(routes);
        EventEndpoints.Map(routes);
        AclEndpoints.Map(routes);
        KvEndpoints.Map(routes);
        SessionEndpoints.Map(routes);
        TxnEndpoints.Map(routes);
        PreparedQueryEndpoints.Map(routes);
        MetricsEndpoints.Map(routes);
        return routes;
    }

    public static IEndpointRouteBuilder MapParleyApi(this IEndpointRouteBuilder endpoints)
    {
        Build().MapTo(endpoints);
        return endpoints;
    }
}
