using System.CommandLine;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Parley.Client;

namespace Parley.Cli.Commands;

/// <summary>
/// <c>parley members [-detailed] [-wan] [-status REGEX]</c>: the gossip pool as a table, as <c>consul members</c> prints it.
/// </summary>
internal static class MembersCommand
{
    // Consul's default -status: every member. Matched without a Regex, whose assembly and parser would cost a plain
    // `parley members` a noticeable part of its start-up.
    private const string MatchAll = ".*";

    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var detailed = CliOptions.Create<bool>("detailed", "Provides detailed information about nodes.");
        var wan = CliOptions.Create<bool>(
            "wan",
            "If the agent is in server mode, this can be used to return the other peers in the WAN pool.");
        var status = CliOptions.Create<string>(
            "status",
            "If provided, output is filtered to only nodes matching the regular expression for status.");
        status.DefaultValueFactory = _ => MatchAll;
        var command = new Command("members", "Lists the members of a Parley cluster") { detailed, wan, status };
        connection.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var statusPattern = parseResult.GetValue(status) ?? MatchAll;
            var statusFilter = statusPattern == MatchAll ? static _ => true : StatusFilter(statusPattern, context);
            if (statusFilter is null)
            {
                return 1;
            }

            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 1;
            }

            IReadOnlyList<AgentMember> members;
            try
            {
                members = await client.Agent.MembersAsync(parseResult.GetValue(wan), cancellationToken);
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Error retrieving members: {exception.Message}");
                return 1;
            }

            var rows = members.Select(m => new Row(m, Tags(m))).Where(r => statusFilter(StatusText(r.Member.Status))).ToList();
            if (rows.Count == 0)
            {
                // Consul exits 2 when nothing matches, so scripts can tell "no members" from an error.
                return 2;
            }

            rows.Sort(Compare);
            var table = new List<IReadOnlyList<string>>();
            if (parseResult.GetValue(detailed))
            {
                table.Add(["Node", "Address", "Status", "Tags"]);
                table.AddRange(rows.Select(r => (IReadOnlyList<string>)[r.Member.Name, Address(r.Member), StatusText(r.Member.Status),
                    string.Join(
                        ',', (r.Member.Tags ?? []).OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"))]));
            }
            else
            {
                table.Add(["Node", "Address", "Status", "Type", "Build", "Protocol", "DC", "Partition", "Segment"]);
                table.AddRange(rows.Select(StandardRow));
            }

            context.Out.WriteLine(TextTable.Format(table));
            return 0;
        });
        return command;
    }

    private static IReadOnlyList<string> StandardRow(Row row)
    {
        var tags = row.Tags;
        var type = tags.GetValueOrDefault("role") switch
        {
            "consul" => "server",
            "node" => "client",
            _ => null,
        };
        if (type is null)
        {
            return [row.Member.Name, Address(row.Member), StatusText(row.Member.Status), "unknown", "", "", "", "", ""];
        }

        var build = tags.GetValueOrDefault("build") ?? "";
        build = build.Length == 0 ? "< 0.3" : build.Split(':')[0];
        return
        [
            row.Member.Name, Address(row.Member), StatusText(row.Member.Status), type, build, tags.GetValueOrDefault("vsn") ?? "",
            tags.GetValueOrDefault("dc") ?? "", tags["ap"], tags["segment"],
        ];
    }

    // Servers first, then the default partition, then by segment, partition and name (Consul's order).
    private static int Compare(Row a, Row b)
    {
        var aServer = a.Tags.GetValueOrDefault("role") == "consul";
        var bServer = b.Tags.GetValueOrDefault("role") == "consul";
        if (aServer != bServer)
        {
            return aServer ? -1 : 1;
        }

        var aDefault = a.Tags["ap"] is "" or "default";
        var bDefault = b.Tags["ap"] is "" or "default";
        if (aDefault != bDefault)
        {
            return aDefault ? -1 : 1;
        }

        var bySegment = string.CompareOrdinal(a.Tags["segment"], b.Tags["segment"]);
        if (bySegment != 0)
        {
            return bySegment;
        }

        var byPartition = string.CompareOrdinal(a.Tags["ap"], b.Tags["ap"]);
        return byPartition != 0 ? byPartition : string.CompareOrdinal(a.Member.Name, b.Member.Name);
    }

    private static Dictionary<string, string> Tags(AgentMember member)
    {
        var tags = new Dictionary<string, string>(member.Tags ?? [], StringComparer.Ordinal);
        if (tags.GetValueOrDefault("ap") is null or "")
        {
            tags["ap"] = "default";
        }

        if (tags["ap"] == "default")
        {
            if (tags.GetValueOrDefault("role") == "consul")
            {
                tags["segment"] = "<all>";
            }
            else if (tags.GetValueOrDefault("segment") is null or "")
            {
                tags["segment"] = "<default>";
            }
        }
        else
        {
            tags["segment"] = "";
        }

        return tags;
    }

    private static string Address(AgentMember member)
        => IPAddress.TryParse(member.Addr, out var ip) ? new IPEndPoint(ip, member.Port).ToString() : $":{member.Port}";

    private static string StatusText(int status) => status switch
    {
        0 => "none",
        1 => "alive",
        2 => "leaving",
        3 => "left",
        4 => "failed",
        _ => "unknown",
    };

    private sealed record Row(AgentMember Member, Dictionary<string, string> Tags);

    /// <summary>The <c>-status</c> filter; null after printing Consul's error for a pattern that does not compile.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Func<string, bool>? StatusFilter(string pattern, CliContext context)
    {
        try
        {
            return new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1)).IsMatch;
        }
        catch (ArgumentException exception)
        {
            context.Error.WriteLine($"Failed to compile status regexp: {exception.Message}");
            return null;
        }
    }
}
