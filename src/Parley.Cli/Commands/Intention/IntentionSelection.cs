using Parley.Client;

namespace Parley.Cli.Commands.Intention;

/// <summary>
/// An intention named on the command line: by legacy <paramref name="Id"/>, or by <paramref name="Source"/> (as the API
/// takes it) and <paramref name="Destination"/>; <paramref name="First"/> is the first argument as typed. Disposing it
/// disposes the client.
/// </summary>
internal sealed record IntentionSelection(string? Id, string Source, string Destination, string First, ParleyClient Client) : IDisposable
{
    /// <inheritdoc/>
    public void Dispose() => Client.Dispose();
}
