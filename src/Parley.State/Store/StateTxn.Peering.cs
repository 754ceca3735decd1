using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Peering;
using Parley.State.Peering;

namespace Parley.State.Store;

internal sealed partial class StateTxn
{
    public Peering.PeeringRecord? GetPeeringByName(string name) =>
        _peeringIds.TryGetValue(name.ToLowerInvariant(), out var id) ? _peerings.GetValueOrDefault(id) : null;

    public Peering.PeeringRecord? GetPeeringById(string id) => _peerings.GetValueOrDefault(id);

    public PeeringSecrets? GetSecrets(string peeringId) => _secrets.GetValueOrDefault(peeringId);

    /// <summary>Creates or updates a peering with Consul's state-store invariants (consul-compat 3.3).</summary>
    public Peering.PeeringRecord WritePeering(Peering.PeeringRecord p)
    {
        if (p.ID.Length == 0)
        {
            throw ParleyException.Invalid("Missing Peering ID");
        }

        if (p.Name.Length == 0)
        {
            throw ParleyException.Invalid("Missing Peering Name");
        }

        if (p.State == PeeringState.Deleting && p.DeletedAt is null)
        {
            throw ParleyException.Invalid("Missing deletion time for peering in deleting state");
        }

        if (p.DeletedAt is not null && p.State != PeeringState.Deleting)
        {
            throw ParleyException.Invalid($"Unexpected state for peering with deletion time: {p.State.ToWireString()}");
        }

        var byName = GetPeeringByName(p.Name);
        var byId = GetPeeringById(p.ID);
        if (byName is not null && byName.ID != p.ID)
        {
            throw ParleyException.Rejected($"A peering already exists with the name \"{p.Name}\" and a different ID \"{byName.ID}\"");
        }

        if (byId is not null && !string.Equals(byId.Name, p.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw ParleyException.Rejected($"A peering already exists with the ID \"{p.ID}\" and a different name \"{byId.Name}\"");
        }

        if (byId is null)
        {
            if (!p.IsActive)
            {
                throw ParleyException.Rejected("cannot create a new peering marked for deletion");
            }

            p = p with
            {
                State = p.State == PeeringState.Undefined ? PeeringState.Pending : p.State,
                CreateIndex = Index,
                ModifyIndex = Index,
            };
        }
        else
        {
            if (byId.DeletedAt is not null && !(p.State == PeeringState.Deleting || p.State == PeeringState.Terminated))
            {
                throw ParleyException.Rejected("cannot write to peering that is marked for deletion");
            }

            if (byId.ShouldDial != p.ShouldDial && p.DeletedAt is null && p.State != PeeringState.Terminated)
            {
                throw ParleyException.Rejected($"Cannot switch peering dialing mode from {Bool(byId.ShouldDial)} to {Bool(p.ShouldDial)}");
            }

            p = p with
            {
                State = p.State == PeeringState.Undefined ? byId.State : p.State,
                // The state store keeps Remote; it is never overwritten by an empty one.
                Remote = p.Remote ?? byId.Remote,
                CreateIndex = byId.CreateIndex,
                ModifyIndex = Index,
            };
        }

        _peerings[p.ID] = p;
        _peeringIds[p.Name.ToLowerInvariant()] = p.ID;
        Touch(Tables.Peerings);
        return p;
    }

    public void WriteSecrets(PeeringSecrets secrets)
    {
        _secrets[secrets.PeeringID] = secrets;
    }

    public void DeleteSecrets(string peeringId) => _secrets.Remove(peeringId);

    /// <summary>Removes a peering record that was marked for deletion.</summary>
    public void DeletePeering(string id)
    {
        if (!_peerings.TryGetValue(id, out var p))
        {
            return;
        }

        if (p.DeletedAt is null)
        {
            throw ParleyException.Rejected("cannot delete a peering without first marking for deletion");
        }

        _peerings.Remove(id);
        _peeringIds.Remove(p.Name.ToLowerInvariant());
        _secrets.Remove(id);
        Touch(Tables.Peerings);
    }

    public void WriteTrustBundle(TrustBundle bundle)
    {
        var existing = _bundles.GetValueOrDefault(bundle.PeerName);
        if (existing is not null && existing.TrustDomain == bundle.TrustDomain && existing.ExportedPartition == bundle.ExportedPartition &&
            existing.RootPEMs.SequenceEqual(bundle.RootPEMs, StringComparer.Ordinal))
        {
            return;
        }

        _bundles[bundle.PeerName] = bundle with { CreateIndex = existing?.CreateIndex ?? Index, ModifyIndex = Index };
        Touch(Tables.TrustBundles);
    }

    public void DeleteTrustBundle(string peerName)
    {
        if (_bundles.Remove(peerName))
        {
            Touch(Tables.TrustBundles);
        }
    }

    /// <summary>Imported node names of one peer.</summary>
    public IEnumerable<string> ImportedNodeNames(string peer)
    {
        var prefix = Keys.PeerPrefix(peer);
        foreach (var (key, node) in _nodes)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                yield return node.Name;
            }
        }
    }

    public bool SetSystemValue(string key, JsonNode value, long? cas)
    {
        var existing = _system.GetValueOrDefault(key);
        if (cas is { } expected && (existing?.ModifyIndex ?? 0) != expected)
        {
            return false;
        }

        _system[key] = new SystemValue(value.DeepClone(), Index);
        Touch(Tables.System(key));
        return true;
    }

    /// <summary>Compares two secrets in constant time, so a wrong guess learns nothing from timing.</summary>
    public static bool SecretsEqual(string? expected, string? actual) =>
        expected is not null && actual is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));

    private static string Bool(bool value) => value ? "true" : "false";
}
