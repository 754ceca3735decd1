using System.Text;
using Parley.State.Commands;

namespace Parley.State.Tests.Support;

/// <summary>Readable text of commands, logs and results for property-test failure reports.</summary>
internal static class LogText
{
    public static string Of(Command command) => Encoding.UTF8.GetString(CommandCodec.Encode(command));

    public static string Of(CommandResult result) =>
        $"{result.Index}: {(result.Value is Exception e ? e.GetType().Name + " " + e.Message : result.Value)}";

    public static string Of((long Index, Command Command)[] log)
    {
        var text = new StringBuilder();
        foreach (var (index, command) in log)
        {
            text.Append('\n').Append(index).Append(": ").Append(Of(command));
        }

        return text.ToString();
    }

    public static string Of(((long Index, Command Command)[] Log, Command Extra) input) => Of(input.Log) + "\nthen: " + Of(input.Extra);
}
