using System.Text.Json.Nodes;
using Parley.Core;

namespace Parley.Mesh.Ca;

/// <summary>
/// What a <c>PUT /v1/connect/ca/configuration</c> does to the CA state, following Consul's
/// <c>CAManager.UpdateConfiguration</c>: refuse a changed provider state, do nothing for an identical configuration,
/// validate the new one (<see cref="CaProviderConfig.Parse"/>), keep the root when the key settings are unchanged, and
/// otherwise rotate: a new root (new key of the configured type, or the operator's key and certificate), cross-signed by
/// the old root unless <see cref="CaConfiguration.ForceWithoutCrossSigning"/> (the cross-signed certificate first in its
/// <see cref="CaRoot.IntermediateCerts"/>), the old root kept inactive with its <see cref="CaRoot.RotatedOutAt"/>.
/// </summary>
/// <remarks>Generates keys and reads the clock, so it runs before the command is written, never during apply.</remarks>
public static class CaReconfiguration
{
    /// <summary>Consul's text when a PUT changes <see cref="CaConfiguration.State"/>.</summary>
    public const string StateReadOnly = "Provider State is read-only. It must be omitted or identical to the current value";

    /// <summary>The state after applying <paramref name="requested"/>, or null when it changes nothing.</summary>
    /// <exception cref="ParleyException">
    /// <see cref="ErrorCode.InvalidArgument"/> for a changed provider state (Consul answers 400);
    /// <see cref="ErrorCode.Rejected"/> with Consul's text for an unknown provider or an invalid configuration (Consul
    /// answers 500 with these texts, and clients match them).
    /// </exception>
    public static ConnectCaState? Apply(ConnectCaState current, CaConfiguration requested, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(requested);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var old = current.Config ?? CaConfiguration.Initial(null);
        if (requested.State is { Count: > 0 } state && !SameState(state, old.State))
        {
            throw new ParleyException(ErrorCode.InvalidArgument, StateReadOnly);
        }

        if (requested.Provider == old.Provider && JsonNode.DeepEquals(requested.Config, old.Config))
        {
            return null;
        }

        if (requested.Provider != CaConfiguration.ConsulProvider)
        {
            throw Rejected(
                $"could not initialize provider:" +
                $" unknown CA provider \"{requested.Provider}\" (Parley has only \"{CaConfiguration.ConsulProvider}\")");
        }

        var next = Configured(requested.Config);
        var config = new CaConfiguration
        {
            Provider = requested.Provider,
            Config = (JsonObject)requested.Config.DeepClone(),
            State = old.State,
            ForceWithoutCrossSigning = requested.ForceWithoutCrossSigning,
            CreateIndex = old.CreateIndex,
            ModifyIndex = 0,
        };
        var active = current.ActiveRoot;
        if (active is null || RootIdentity(old) == next.RootIdentity)
        {
            return current with { Config = config };
        }

        using var newCa = Root(next, MeshNames.ClusterIdOf(active.TrustDomain), timeProvider);
        if (newCa.Root.ID == active.ID)
        {
            return current with { Config = config };
        }

        var intermediates = new List<string>();
        if (!requested.ForceWithoutCrossSigning)
        {
            // The built-in CA can always cross-sign, so Consul's "does not support cross-signing" refusal never applies.
            using var oldCa = CertificateAuthority.Load(active, timeProvider);
            intermediates.Add(oldCa.CrossSign(newCa.Root));
        }

        var now = timeProvider.GetUtcNow();
        var roots = current.Roots
            .Select(r => r.Active ? r with { Active = false, RotatedOutAt = now, ModifyIndex = 0 } : r)
            .Append(newCa.Root with { Active = true, IntermediateCerts = intermediates, CreateIndex = 0, ModifyIndex = 0 })
            .ToList();
        return current with { Roots = roots, Config = config };
    }

    private static CaProviderConfig Configured(JsonObject config)
    {
        try
        {
            return CaProviderConfig.Parse(config);
        }
        catch (ParleyException e)
        {
            throw Rejected($"error configuring provider: {e.Message}");
        }
    }

    private static CertificateAuthority Root(CaProviderConfig config, string clusterId, TimeProvider timeProvider)
    {
        try
        {
            return CaRootFactory.Create(config, clusterId, timeProvider);
        }
        catch (ParleyException e)
        {
            throw Rejected($"error generating CA root certificate: {e.Message}");
        }
    }

    // The stored configuration passed validation when it was written; if an older Parley stored something it cannot
    // read now, treat it as the defaults so that any explicit key settings count as a change.
    private static (string, string, string, int) RootIdentity(CaConfiguration config)
    {
        try
        {
            return CaProviderConfig.Parse(config.Config).RootIdentity;
        }
        catch (ParleyException)
        {
            return new CaProviderConfig().RootIdentity;
        }
    }

    private static bool SameState(IReadOnlyDictionary<string, string> requested, IReadOnlyDictionary<string, string>? current) =>
        current is not null && requested.Count == current.Count &&
        requested.All(p => current.TryGetValue(p.Key, out var v) && v == p.Value);

    private static ParleyException Rejected(string message) => new(ErrorCode.Rejected, message);
}
