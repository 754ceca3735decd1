using System.Text.Json.Nodes;

namespace Parley.State.Commands;

/// <summary>
/// Writes a config entry. <paramref name="Body"/> is the entry's canonical JSON (Consul's field names,
/// no indexes), already validated by the handler. With <paramref name="Cas"/> set the write happens only
/// when the stored ModifyIndex equals it (0: only if absent); the result is <c>true</c>/<c>false</c>.
/// </summary>
public sealed record SetConfigEntry(string Kind, string Name, JsonObject Body, long? Cas = null) : Command;

/// <summary>Deletes a config entry, optionally only when its ModifyIndex equals <paramref name="Cas"/>.</summary>
public sealed record DeleteConfigEntry(string Kind, string Name, long? Cas = null) : Command;
