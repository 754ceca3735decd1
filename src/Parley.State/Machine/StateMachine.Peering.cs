using System.Security.Cryptography;
using System.Text;
using Parley.Core;
using Parley.Core.Peering;
using Parley.State.Commands;
using Parley.State.Peering;
using Parley.State.Store;

namespace Parley.State.Machine;

public sealed partial class StateMachine
{
    private static object? DispatchPeering(StateTxn txn, Command command) => command switch
    {
        WritePeering c => txn.WritePeering(c.Peering),
        GeneratePeeringToken c => ApplyGenerateToken(txn, c),
        ExchangePeeringSecret c => ApplyExchange(txn, c),
        EstablishPeering c => ApplyEstablish(txn, c),
        PromotePeeringStreamSecret c => ApplyPromote(txn, c),
        MarkPeeringForDeletion c => ApplyMarkDeleted(txn, c),
        TerminatePeering c => ApplyTerminate(txn, c),
        DeletePeering c => Done(() => txn.DeletePeering(c.PeeringID)),
        SetPeerServerAddresses c => ApplyServerAddresses(txn, c),
        WriteTrustBundle c => ApplyTrustBundle(txn, c),
        ReconcileImportedService c => ApplyImport(txn, c),
        PruneImportedServices c => ApplyPrune(txn, c),
        DeleteImportedData c => ApplyDeleteImported(txn, c),
        SetSystemValue c => txn.SetSystemValue(c.Key, c.Value, c.Cas),
        _ => NotPeering,
    };

    private static readonly object NotPeering = new();

    private static bool Done(Action action)
    {
        action();
        return true;
    }

    private static Peering.PeeringRecord ApplyGenerateToken(StateTxn txn, GeneratePeeringToken c)
    {
        var existing = txn.GetPeeringByName(c.Peering.Name);
        if (existing is not null && existing.DeletedAt is not null)
        {
            throw ParleyException.Rejected("failed to write peering: cannot write to peering that is marked for deletion");
        }

        if (existing is not null && existing.ShouldDial)
        {
            throw ParleyException.Rejected(
                $"cannot create peering with name: \"{c.Peering.Name}\"; there is already an established peering");
        }

        // Regenerating rewrites the existing record unchanged (same ID, state and Meta); only the secret is new.
        var peering = txn.WritePeering(existing ?? c.Peering);
        var secrets = txn.GetSecrets(peering.ID) ?? new PeeringSecrets { PeeringID = peering.ID };
        // The new token supersedes the old one entirely: a retried exchange with the old secret is refused from now on.
        txn.WriteSecrets(secrets with
        {
            EstablishmentSecret = c.EstablishmentSecret,
            PendingExchangeHash = null,
            EstablishmentIssuedAt = c.IssuedAt,
            EstablishmentExpiresAt = c.ExpiresAt,
        });
        return peering;
    }

    /// <summary>
    /// Consumes the establishment secret and stores the command's pending stream secret; returns the pending stream secret
    /// the dialer is to use. A retry of the same establish call (same secret and exchange id; its attempt timed out after
    /// the first apply) gets the same pending secret back, as long as it is still pending: not yet promoted by a stream and
    /// not superseded by a newer token. Anything else is refused as before.
    /// </summary>
    private static string ApplyExchange(StateTxn txn, ExchangePeeringSecret c)
    {
        var peering = txn.GetPeeringById(c.PeeringID);
        var secrets = txn.GetSecrets(c.PeeringID);
        if (peering is null || !peering.IsActive || secrets is null)
        {
            throw new ParleyException(ErrorCode.PermissionDenied, "invalid peering establishment secret");
        }

        if (secrets.EstablishmentSecret is null)
        {
            if (secrets.PendingStreamSecret is { } pending && IsRepeatedExchange(secrets.PendingExchangeHash, c))
            {
                return pending;
            }

            throw new ParleyException(ErrorCode.PermissionDenied, "invalid establishment secret: peering was already established");
        }

        if (!StateTxn.SecretsEqual(secrets.EstablishmentSecret, c.EstablishmentSecret))
        {
            throw new ParleyException(ErrorCode.PermissionDenied, "invalid peering establishment secret");
        }

        // Checked only for the right secret, so a wrong one learns nothing about the token it guessed at.
        if (c.Now is { } now && PeeringTokenExpiry.IsExpired(secrets.EstablishmentExpiresAt, now))
        {
            throw new ParleyException(ErrorCode.PermissionDenied, PeeringTokenExpiry.ExpiredMessage(secrets.EstablishmentExpiresAt!.Value));
        }

        txn.WriteSecrets(secrets with
        {
            EstablishmentSecret = null,
            EstablishmentIssuedAt = null,
            EstablishmentExpiresAt = null,
            PendingStreamSecret = c.PendingStreamSecret,
            PendingExchangeHash = ExchangeHash(c),
        });
        return c.PendingStreamSecret;
    }

    /// <summary>Whether <paramref name="c"/> repeats the exchange whose hash was kept, compared in constant time.</summary>
    private static bool IsRepeatedExchange(string? keptHash, ExchangePeeringSecret c) =>
        keptHash is not null && ExchangeHash(c) is { } hash && StateTxn.SecretsEqual(keptHash, hash);

    /// <summary>
    /// The SHA-256, as lowercase hex, of the exchange id and the establishment secret: all that is kept of the secret once
    /// exchanged. Null without an exchange id (a dialer that does not retry this way, such as Consul's).
    /// </summary>
    private static string? ExchangeHash(ExchangePeeringSecret c) =>
        string.IsNullOrEmpty(c.ExchangeId)
            ? null
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(c.ExchangeId + "\n" + c.EstablishmentSecret)));

    private static Peering.PeeringRecord ApplyEstablish(StateTxn txn, EstablishPeering c)
    {
        var peering = txn.GetPeeringById(c.PeeringID) ?? throw ParleyException.NotFound($"no peering with ID \"{c.PeeringID}\"");
        txn.WriteSecrets(new PeeringSecrets { PeeringID = c.PeeringID, ActiveStreamSecret = c.ActiveStreamSecret });
        return txn.WritePeering(peering with { State = PeeringState.Establishing });
    }

    private static bool ApplyPromote(StateTxn txn, PromotePeeringStreamSecret c)
    {
        var secrets = txn.GetSecrets(c.PeeringID) ?? throw new ParleyException(ErrorCode.PermissionDenied, "invalid peering stream secret");
        if (StateTxn.SecretsEqual(secrets.ActiveStreamSecret, c.StreamSecret))
        {
            return true;
        }

        if (!StateTxn.SecretsEqual(secrets.PendingStreamSecret, c.StreamSecret))
        {
            throw new ParleyException(ErrorCode.PermissionDenied, "invalid peering stream secret");
        }

        txn.WriteSecrets(secrets with
        {
            ActiveStreamSecret = secrets.PendingStreamSecret,
            PendingStreamSecret = null,
            PendingExchangeHash = null,
        });
        if (c.Remote is not null && txn.GetPeeringById(c.PeeringID) is { } peering)
        {
            txn.WritePeering(peering with { Remote = c.Remote });
        }

        return true;
    }

    /// <summary>
    /// Marks a peering DELETING. The dialer's record keeps what it takes to open one last stream and say
    /// <c>Terminated</c> (the acceptor's ID, CA, server name and the active stream secret), so the cleanup routine on
    /// whichever server leads next can still tell the acceptor; everything else is dropped, as in Consul. The kept
    /// secret goes with the record (<see cref="StateTxn.DeletePeering"/>). A TERMINATED peering has no secrets left.
    /// </summary>
    private static bool ApplyMarkDeleted(StateTxn txn, MarkPeeringForDeletion c)
    {
        var p = txn.GetPeeringByName(c.Name);
        if (p is null || p.State == PeeringState.Deleting)
        {
            return true;
        }

        var activeSecret = p.ShouldDial && p.IsActive ? txn.GetSecrets(p.ID)?.ActiveStreamSecret : null;
        var keepDialing = activeSecret is { Length: > 0 };
        txn.WritePeering(new Peering.PeeringRecord
        {
            ID = p.ID,
            Name = p.Name,
            Partition = p.Partition,
            State = PeeringState.Deleting,
            DeletedAt = c.DeletedAt,
            PeerID = keepDialing ? p.PeerID : "",
            PeerCAPems = keepDialing ? p.PeerCAPems : [],
            PeerServerName = keepDialing ? p.PeerServerName : "",
            PeerServerAddresses = p.PeerServerAddresses,
            ManualServerAddresses = p.ManualServerAddresses,
            Remote = p.Remote,
        });
        txn.DeleteSecrets(p.ID);
        if (keepDialing)
        {
            txn.WriteSecrets(new PeeringSecrets { PeeringID = p.ID, ActiveStreamSecret = activeSecret });
        }

        return true;
    }

    private static bool ApplyTerminate(StateTxn txn, TerminatePeering c)
    {
        var p = txn.GetPeeringById(c.PeeringID);
        if (p is null || p.State is PeeringState.Terminated)
        {
            return true;
        }

        if (p.State is PeeringState.Deleting)
        {
            // The peer already knows: the secret kept to tell it is no longer needed.
            txn.DeleteSecrets(p.ID);
            return true;
        }

        txn.WritePeering(p with { State = PeeringState.Terminated });
        txn.DeleteSecrets(p.ID);
        return true;
    }

    private static bool ApplyServerAddresses(StateTxn txn, SetPeerServerAddresses c)
    {
        var p = txn.GetPeeringById(c.PeeringID);
        if (p is null || !p.IsActive)
        {
            throw ParleyException.Rejected("peering does not exist or has been marked for deletion");
        }

        if (!p.PeerServerAddresses.SequenceEqual(c.Addresses, StringComparer.Ordinal))
        {
            txn.WritePeering(p with { PeerServerAddresses = c.Addresses });
        }

        return true;
    }

    private static bool ApplyTrustBundle(StateTxn txn, WriteTrustBundle c)
    {
        RequireActivePeering(txn, c.Bundle.PeerName);
        txn.WriteTrustBundle(c.Bundle);
        if (txn.GetPeeringByName(c.Bundle.PeerName) is { IsActive: true } p
            && !p.PeerCAPems.SequenceEqual(c.Bundle.RootPEMs, StringComparer.Ordinal) && p.ShouldDial)
        {
            txn.WritePeering(p with { PeerCAPems = c.Bundle.RootPEMs });
        }

        return true;
    }

    private static bool ApplyImport(StateTxn txn, ReconcileImportedService c)
    {
        RequireActivePeering(txn, c.PeerName);
        var peer = c.PeerName;
        var wanted = new HashSet<(string Node, string Id)>();
        foreach (var instance in c.Instances)
        {
            var node = instance.Node with { PeerName = peer };
            var service = instance.Service with { PeerName = peer, Node = node.Name, Service = c.ServiceName };
            txn.EnsureNode(node);
            txn.EnsureService(service);
            var keepChecks = new HashSet<string>(StringComparer.Ordinal);
            foreach (var check in instance.Checks)
            {
                txn.EnsureCheck(check with { PeerName = peer, Node = node.Name });
                keepChecks.Add(check.CheckID);
            }

            foreach (var stale in txn.InstanceChecksOf(peer, node.Name, service.ID).Where(k => !keepChecks.Contains(k.CheckID)).ToList())
            {
                txn.DeleteCheck(peer, node.Name, stale.CheckID);
            }

            wanted.Add((node.Name.ToLowerInvariant(), service.ID));
        }

        foreach (var existing in txn.InstancesOf(peer, c.ServiceName).ToList())
        {
            if (!wanted.Contains((existing.Node.ToLowerInvariant(), existing.ID)))
            {
                txn.DeleteService(peer, existing.Node, existing.ID);
                DeleteIfEmpty(txn, peer, existing.Node);
            }
        }

        return true;
    }

    private static bool ApplyPrune(StateTxn txn, PruneImportedServices c)
    {
        RequireActivePeering(txn, c.PeerName);
        var keep = new HashSet<string>(c.Keep, StringComparer.Ordinal);
        foreach (var name in txn.ServiceNamesOf(c.PeerName).ToList())
        {
            var kept = keep.Contains(name) || name.EndsWith("-sidecar-proxy", StringComparison.Ordinal)
                && keep.Contains(name[..^"-sidecar-proxy".Length]);
            if (!kept)
            {
                foreach (var instance in txn.InstancesOf(c.PeerName, name).ToList())
                {
                    txn.DeleteService(c.PeerName, instance.Node, instance.ID);
                    DeleteIfEmpty(txn, c.PeerName, instance.Node);
                }
            }
        }

        return true;
    }

    private static int ApplyDeleteImported(StateTxn txn, DeleteImportedData c)
    {
        var nodes = txn.ImportedNodeNames(c.PeerName).Take(Math.Max(1, c.MaxNodes)).ToList();
        foreach (var node in nodes)
        {
            txn.DeleteNode(c.PeerName, node);
        }

        if (!txn.ImportedNodeNames(c.PeerName).Any())
        {
            txn.DeleteTrustBundle(c.PeerName);
        }

        return nodes.Count;
    }

    /// <summary>
    /// Imported data is written only for a live peering: a stream's late write can never bring back data the cleanup
    /// routine removed from a deleted or terminated peering.
    /// </summary>
    private static void RequireActivePeering(StateTxn txn, string peerName)
    {
        if (txn.GetPeeringByName(peerName) is not { IsActive: true })
        {
            throw ParleyException.Rejected("peering does not exist or has been marked for deletion");
        }
    }

    /// <summary>Deletes an imported node once it carries no service (node deletion removes its checks).</summary>
    private static void DeleteIfEmpty(StateTxn txn, string peer, string node)
    {
        if (!txn.HasServices(peer, node))
        {
            txn.DeleteNode(peer, node);
        }
    }

}
