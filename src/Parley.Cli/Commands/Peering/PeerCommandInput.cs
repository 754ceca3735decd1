using Parley.Client;

namespace Parley.Cli.Commands.Peering;

/// <summary>A checked peer name, output format and the client to ask with; disposing it disposes the client.</summary>
internal sealed record PeerCommandInput(string Name, string Format, ParleyClient Client) : IDisposable
{
    /// <inheritdoc/>
    public void Dispose() => Client.Dispose();
}
