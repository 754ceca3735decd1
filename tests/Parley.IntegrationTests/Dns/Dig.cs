using System.Diagnostics;

namespace Parley.IntegrationTests.Dns;

/// <summary>One answer of <c>dig</c>, as a user reads it: status, flags and the records of each section.</summary>
internal sealed record DigAnswer(
    string Status,
    IReadOnlySet<string> Flags,
    IReadOnlyList<DigRecord> Answer,
    IReadOnlyList<DigRecord> Authority,
    IReadOnlyList<DigRecord> Additional)
{
    /// <summary>The data of the answer records of one type (addresses, SRV "priority weight port target", ...).</summary>
    public IReadOnlyList<string> Data(string type) => [.. Answer.Where(r => r.Type == type).Select(r => r.Data)];
}

/// <summary>One resource record as dig prints it.</summary>
internal sealed record DigRecord(string Name, int Ttl, string Type, string Data);

/// <summary>Runs Debian's <c>dig</c> against a Parley agent's DNS port, as the issue asks ("test with dig as users do").</summary>
internal static class Dig
{
    /// <summary>
    /// Asks <paramref name="name"/> of type <paramref name="type"/>; <paramref name="options"/> are dig's (<c>+tcp</c>, <c>+noedns</c>).
    /// </summary>
    public static async Task<DigAnswer> AskAsync(int port, string name, string type = "A", params string[] options)
    {
        var start = new ProcessStartInfo("dig")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])["@127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), name, type,
                     "+tries=1", "+time=5", "+noall", "+comments", "+answer", "+authority", "+additional", .. options])
        {
            start.ArgumentList.Add(arg);
        }

        using var dig = Process.Start(start) ?? throw new InvalidOperationException("dig did not start");
        var output = await dig.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await dig.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(dig.ExitCode == 0, $"dig {name} {type} failed ({dig.ExitCode}): {output}{await dig.StandardError.ReadToEndAsync()}");
        return Parse(output);
    }

    private static DigAnswer Parse(string output)
    {
        var status = "";
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var sections = new Dictionary<string, List<DigRecord>> { ["ANSWER"] = [], ["AUTHORITY"] = [], ["ADDITIONAL"] = [] };
        List<DigRecord>? current = null;
        foreach (var line in output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Contains("status: ", StringComparison.Ordinal))
            {
                status = line.Split("status: ")[1].Split(',')[0];
            }
            else if (line.StartsWith(";; flags:", StringComparison.Ordinal))
            {
                flags.UnionWith(line[";; flags:".Length..].Split(';')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
            else if (line.StartsWith(";; ", StringComparison.Ordinal) && line.EndsWith(" SECTION:", StringComparison.Ordinal))
            {
                current = sections.GetValueOrDefault(line[3..^" SECTION:".Length]);
            }
            else if (!line.StartsWith(';') && current is not null)
            {
                var fields = line.Split((char[])[' ', '\t'], 5, StringSplitOptions.RemoveEmptyEntries);
                current.Add(
                    new DigRecord(
                    fields[0], int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), fields[3], fields[4]));
            }
        }

        return new DigAnswer(status, flags, sections["ANSWER"], sections["AUTHORITY"], sections["ADDITIONAL"]);
    }
}
