using Parley.Api.Http;
using Parley.Mesh;
using Parley.Mesh.Ca;
using Parley.State.Store;

namespace Parley.Api.Connect;

/// <summary>The Connect CA's roots: <c>/v1/connect/ca/roots</c> and the agent's copy of the same.</summary>
internal static class CaEndpoints
{
    public static void Map(RouteTable routes) => routes
        .Get("/v1/connect/ca/roots", RootsAsync)
        .Get("/v1/agent/connect/ca/roots", RootsAsync);

    private static Task RootsAsync(ApiContext api)
    {
        return api.ReadAsync(s =>
        {
            var roots = ConnectCa.Roots(s);
            object body = roots.Count == 0
                ? new { ActiveRootID = "", TrustDomain = "", Roots = Array.Empty<object>() }
                : CaRootsResponse.From(roots);
            return new QueryResult<object>(body, s.TableIndex(Tables.System(ConnectCa.StateKey)));
        });
    }
}
