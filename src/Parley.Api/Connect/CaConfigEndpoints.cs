using Parley.Api.Acl;
using Parley.Api.Contracts;
using Parley.Api.Http;
using Parley.Core;
using Parley.Core.Acl;
using Parley.Mesh.Ca;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Api.Connect;

/// <summary>
/// <c>GET</c> and <c>PUT /v1/connect/ca/configuration</c>, as Consul serves them. A PUT that yields a new root (key type
/// or size, or an operator's key or certificate) rotates the CA with cross-signing (<see cref="CaReconfiguration"/>).
/// </summary>
/// <remarks>
/// The server that takes the PUT computes the new state (the root key is in the replicated state, so any server can
/// cross-sign) and writes roots and configuration in one command, check-and-set on the CA value: a concurrent change is
/// never overwritten, the PUT recomputes on top of it. A refused PUT writes nothing.
/// </remarks>
internal static class CaConfigEndpoints
{
    private const int Attempts = 3;

    public static void Map(RouteTable routes) => routes
        .Get("/v1/connect/ca/configuration", GetAsync, AclCheck.Read(AclResource.Operator))
        .Put("/v1/connect/ca/configuration", PutAsync, AclCheck.Write(AclResource.Operator));

    private static async Task GetAsync(ApiContext api)
    {
        var config = await api.QueryAsync(
            s => new QueryResult<CaConfiguration?>(ConnectCaState.Read(s)?.Config, s.TableIndex(ConnectCa.Table)));
        await api.WriteJsonAsync(CaConfigurationJson.From(config ?? throw NotReady()));
    }

    private static async Task PutAsync(ApiContext api)
    {
        var body = await api.ReadBodyAsync<CaConfigurationJson>();
        var requested = new CaConfiguration
        {
            Provider = body.Provider ?? "",
            Config = body.Config ?? [],
            State = body.State,
            ForceWithoutCrossSigning = body.ForceWithoutCrossSigning || body.ForceWithoutCrossSigningSnake,
        };

        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            await api.Replicator.LeaderReadAsync(api.Aborted);
            var snapshot = api.Store.Current;
            var current = ConnectCaState.Read(snapshot) ?? throw NotReady();
            var next = CaReconfiguration.Apply(current, requested, api.TimeProvider);
            if (next is null)
            {
                return;
            }

            var cas = snapshot.GetSystemValue(ConnectCa.StateKey)!.ModifyIndex;
            var result = await api.ApplyAsync(new SetSystemValue(ConnectCa.StateKey, next.ToJson(), cas));
            if (result.Value is true)
            {
                return;
            }
        }

        // Consul's words when its check-and-set write of roots and config loses.
        throw new ParleyException(ErrorCode.Rejected, "could not atomically update roots and config");
    }

    private static ParleyException NotReady() => new(ErrorCode.Unavailable, "CA has not finished initializing");
}
