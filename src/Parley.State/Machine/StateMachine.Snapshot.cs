using System.Text.Json;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.State.Machine;

public sealed partial class StateMachine
{
    public async ValueTask WriteSnapshotAsync(Stream destination, CancellationToken cancellationToken)
    {
        var document = SnapshotDocument.From(store.Current);
        await JsonSerializer.SerializeAsync(destination, document, CommandCodec.Options, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask RestoreSnapshotAsync(Stream source, CancellationToken cancellationToken)
    {
        var document = await JsonSerializer.DeserializeAsync<SnapshotDocument>(source, CommandCodec.Options, cancellationToken)
            .ConfigureAwait(false)
            ?? throw new CorruptCommandException("the snapshot is empty");
        if (document.Version != SnapshotDocument.CurrentVersion)
        {
            throw new CorruptCommandException($"snapshot version {document.Version} is not supported");
        }

        var snapshot = document.ToSnapshot();
        store.Publish(snapshot);
        logger.SnapshotRestored(snapshot.Index);
    }
}
