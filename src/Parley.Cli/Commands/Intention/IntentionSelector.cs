using System.CommandLine;

namespace Parley.Cli.Commands.Intention;

/// <summary>
/// What <c>intention get</c> and <c>delete</c> share: <c>SRC DST</c> (a peer's source as for create, with
/// <c>-source-peer</c>) or a legacy <c>ID</c>, and the connection flags, checked with Consul's texts before any request.
/// </summary>
internal sealed class IntentionSelector
{
    private readonly ConnectionOptions _connection = new();
    private readonly Option<string> _sourcePeer = CliOptions.Create<string>(
        "source-peer",
        "The peer the source service lives in (Parley).",
        "PEER");
    private readonly Argument<string[]> _arguments = new("SRC DST | ID") { Arity = ArgumentArity.ZeroOrMore };

    /// <summary>Adds <c>-source-peer</c>, the arguments and the connection flags.</summary>
    public Command AddTo(Command command)
    {
        command.Add(_sourcePeer);
        command.Add(_arguments);
        return _connection.AddTo(command);
    }

    /// <summary>The intention named and a client; null once the reason was written (exit 1).</summary>
    public IntentionSelection? Bind(ParseResult parseResult, CliContext context)
    {
        var args = parseResult.GetValue(_arguments) ?? [];
        if (args.Length is not (1 or 2))
        {
            context.Error.WriteLine("command requires exactly 1 or 2 arguments");
            return null;
        }

        var source = args.Length == 2 ? IntentionTarget.Source(args[0], parseResult.GetValue(_sourcePeer), context) : "";
        if (source is null)
        {
            return null;
        }

        return _connection.TryCreateClient(parseResult, context) is { } client
            ? new IntentionSelection(args.Length == 1 ? args[0] : null, source, args.Length == 2 ? args[1] : "", args[0], client)
            : null;
    }
}
