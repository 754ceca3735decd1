using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.State.Store;

namespace Parley.Mesh.Ca;

/// <summary>
/// Everything the Connect CA keeps in the replicated state, as one system value (<see cref="ConnectCa.StateKey"/>) so
/// that a rotation changes the roots and the configuration in one check-and-set write, as Consul's
/// <c>CAOpSetRootsAndConfig</c>.
/// </summary>
/// <remarks>
/// Indexes: a writer cannot know the log index its command will get, so a root or configuration it creates carries
/// CreateIndex 0, one it creates or changes ModifyIndex 0, and <see cref="Read"/> fills in the index at which the value
/// was written. Writers start from what
/// <see cref="Read"/> returned, so stored non-zero indexes are always real.
/// </remarks>
public sealed record ConnectCaState
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = null };

    /// <summary>Every trusted root: the active one and those rotated out but not yet pruned, oldest first.</summary>
    public IReadOnlyList<CaRoot> Roots { get; init; } = [];

    /// <summary>The configuration; null in state written before Parley kept one (read as <see cref="CaConfiguration.Initial"/>).</summary>
    public CaConfiguration? Config { get; init; }

    /// <summary>The root that signs, or null while none is.</summary>
    public CaRoot? ActiveRoot => Roots.FirstOrDefault(r => r.Active);

    /// <summary>The state in <paramref name="snapshot"/> with its indexes filled in, or null while the CA is not initialised.</summary>
    public static ConnectCaState? Read(StateSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.GetSystemValue(ConnectCa.StateKey) is not { } value)
        {
            return null;
        }

        var stored = value.Value.Deserialize<ConnectCaState>(JsonOptions)
            ?? throw new InvalidDataException("the Connect CA state is empty");
        var index = value.ModifyIndex;
        var config = stored.Config ?? CaConfiguration.Initial(null);
        return stored with
        {
            Roots = [.. stored.Roots.Select(r => r with
            {
                CreateIndex = r.CreateIndex == 0 ? index : r.CreateIndex,
                ModifyIndex = r.ModifyIndex == 0 ? index : r.ModifyIndex,
            })],
            Config = config with
            {
                Config = (JsonObject)config.Config.DeepClone(),
                CreateIndex = config.CreateIndex == 0 ? index : config.CreateIndex,
                ModifyIndex = config.ModifyIndex == 0 ? index : config.ModifyIndex,
            },
        };
    }

    /// <summary>The JSON stored for this state.</summary>
    public JsonNode ToJson() => JsonSerializer.SerializeToNode(this, JsonOptions)!;
}
