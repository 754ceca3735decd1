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
public abstract record Command;
