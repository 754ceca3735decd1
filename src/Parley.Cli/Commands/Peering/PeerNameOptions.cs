using System.CommandLine;

namespace Parley.Cli.Commands.Peering;

/// <summary>
/// What the peering commands that name one peer share (<c>read</c>, <c>exported-services</c>, <c>doctor</c>): the required
/// <c>-name</c>, <c>-format</c> and the connection flags, checked in Consul's order and with its texts before any request.
/// </summary>
internal sealed class PeerNameOptions
{
    private readonly ConnectionOptions _connection = new();
    private readonly Option<string?> _name = CliOptions.Create<string?>("name", "(Required) The local name assigned to the peer cluster.");
    private readonly Option<string> _format = CliOptions.Format();

    /// <summary>Adds <c>-name</c>, then <paramref name="more"/>, then <c>-format</c> and the connection flags.</summary>
    public Command AddTo(Command command, params Option[] more)
    {
        command.Add(_name);
        foreach (var option in more)
        {
            command.Add(option);
        }

        command.Add(_format);
        return _connection.AddTo(command);
    }

    /// <summary>The peer, the format and a client; null once the reason was written (exit 1).</summary>
    public PeerCommandInput? Bind(ParseResult parseResult, CliContext context)
    {
        var peerName = parseResult.GetValue(_name);
        if (string.IsNullOrEmpty(peerName))
        {
            context.Error.WriteLine("Missing the required -name flag");
            return null;
        }

        var format = parseResult.GetValue(_format);
        if (!CliOptions.IsValidFormat(format, context))
        {
            return null;
        }

        return _connection.TryCreateClient(parseResult, context, "Error connect to Consul agent") is { } client
            ? new PeerCommandInput(peerName, format ?? "pretty", client)
            : null;
    }
}
