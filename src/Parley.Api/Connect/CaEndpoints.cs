using Parley.Api.Acl;
using Parley.Api.Http;
using Parley.Mesh;
using Parley.Mesh.Ca;
using Parley.State.Store;

namespace Parley.Api.Connect;

/// <summary>
/// The Connect CA's roots: <c>/v1/connect/ca/roots</c> and the agent's copy of the same. Every trusted root is listed
/// (the active one and those rotated out but not yet pruned) with its intermediates; <c>?pem=true</c> answers the
/// concatenated chain as <c>application/pem-certificate-chain</c>, as Consul does.
/// </summary>
internal static class CaEndpoints
{
    public static void Map(RouteTable routes) => routes
        .Get("/v1/connect/ca/roots", RootsAsync, AclCheck.None("the CA's public roots; Consul serves them to anyone"))
        .Get("/v1/agent/connect/ca/roots", RootsAsync, AclCheck.None("the CA's public roots; Consul serves them to anyone"));

    private static async Task RootsAsync(ApiContext api)
    {
        var pem = api.QueryValue("pem") is { Length: > 0 } raw
            ? GoBool(raw) ?? throw ApiException.BadRequest("The 'pem' query parameter must be a boolean value")
            : false;
        var roots = await api.QueryAsync(s => new QueryResult<IReadOnlyList<CaRoot>>(ConnectCa.Roots(s), s.TableIndex(ConnectCa.Table)));
        if (!pem)
        {
            await api.WriteJsonAsync(CaRootsResponse.From(roots));
            return;
        }

        // RFC 8555's chain type; each root followed by its intermediates, in the order the roots are listed.
        api.Http.Response.ContentType = "application/pem-certificate-chain";
        foreach (var root in roots)
        {
            await api.Http.Response.WriteAsync(root.RootCert, api.Aborted);
            foreach (var intermediate in root.IntermediateCerts)
            {
                await api.Http.Response.WriteAsync(intermediate, api.Aborted);
            }
        }
    }

    // Go's strconv.ParseBool.
    private static bool? GoBool(string text) => text switch
    {
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => null,
    };
}
