using System.Text.Json.Serialization;

namespace Parley.State.Commands;

/// <summary>
/// A deterministic write applied through the replicated log. Everything an apply needs (ids, times,
/// secrets) is inside the command; nothing is generated during apply.
/// </summary>
/// <remarks>
/// The type tag (<c>type</c>) is part of the log format: never rename a tag, add a new one instead.
/// An unknown tag stops the server (see <see cref="CommandCodec"/>).
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(RegisterCatalog), "catalog.register.v1")]
[JsonDerivedType(typeof(DeregisterCatalog), "catalog.deregister.v1")]
[JsonDerivedType(typeof(UpdateCheckStatus), "catalog.check-status.v1")]
[JsonDerivedType(typeof(SetConfigEntry), "config.set.v1")]
[JsonDerivedType(typeof(DeleteConfigEntry), "config.delete.v1")]
[JsonDerivedType(typeof(Batch), "batch.v1")]
[JsonDerivedType(typeof(WritePeering), "peering.write.v1")]
[JsonDerivedType(typeof(GeneratePeeringToken), "peering.generate-token.v1")]
[JsonDerivedType(typeof(ExchangePeeringSecret), "peering.exchange-secret.v1")]
[JsonDerivedType(typeof(EstablishPeering), "peering.establish.v1")]
[JsonDerivedType(typeof(PromotePeeringStreamSecret), "peering.promote-secret.v1")]
[JsonDerivedType(typeof(MarkPeeringForDeletion), "peering.mark-deleted.v1")]
[JsonDerivedType(typeof(TerminatePeering), "peering.terminate.v1")]
[JsonDerivedType(typeof(DeletePeering), "peering.delete.v1")]
[JsonDerivedType(typeof(SetPeerServerAddresses), "peering.server-addresses.v1")]
[JsonDerivedType(typeof(WriteTrustBundle), "peering.trust-bundle.v1")]
[JsonDerivedType(typeof(ReconcileImportedService), "peering.import-service.v1")]
[JsonDerivedType(typeof(PruneImportedServices), "peering.prune-imports.v1")]
[JsonDerivedType(typeof(DeleteImportedData), "peering.delete-imports.v1")]
[JsonDerivedType(typeof(SetSystemValue), "system.set.v1")]
[JsonDerivedType(typeof(SetAclPolicy), "acl.policy-set.v1")]
[JsonDerivedType(typeof(DeleteAclPolicy), "acl.policy-delete.v1")]
[JsonDerivedType(typeof(SetAclRole), "acl.role-set.v1")]
[JsonDerivedType(typeof(DeleteAclRole), "acl.role-delete.v1")]
[JsonDerivedType(typeof(SetAclToken), "acl.token-set.v1")]
[JsonDerivedType(typeof(DeleteAclToken), "acl.token-delete.v1")]
[JsonDerivedType(typeof(BootstrapAcl), "acl.bootstrap.v1")]
[JsonDerivedType(typeof(InitializeAcl), "acl.initialize.v1")]
[JsonDerivedType(typeof(ApplyKv), "kv.apply.v1")]
[JsonDerivedType(typeof(CreateSession), "session.create.v1")]
[JsonDerivedType(typeof(DestroySession), "session.destroy.v1")]
[JsonDerivedType(typeof(KvTransaction), "kv.txn.v1")]
[JsonDerivedType(typeof(Transaction), "txn.v1")]
[JsonDerivedType(typeof(SetPreparedQuery), "query.set.v1")]
[JsonDerivedType(typeof(DeletePreparedQuery), "query.delete.v1")]
public abstract record Command;
