using System.Globalization;
using System.Text;
using Parley.Client;

namespace Parley.Cli.Commands.Kv;

/// <summary>How <c>consul kv</c> prints pairs: values as text or base64, and <c>-detailed</c>'s aligned table.</summary>
internal static class KvFormat
{
    public static string Value(KVPair pair, bool base64) =>
        base64 ? Convert.ToBase64String(pair.Value ?? []) : Encoding.UTF8.GetString(pair.Value ?? []);

    /// <summary>
    /// Consul's <c>prettyKVPair</c>: Go's tabwriter with padding 6, so every value starts 6 columns past the longest label
    /// (<c>CreateIndex</c>/<c>ModifyIndex</c>).
    /// </summary>
    public static string Detailed(KVPair pair, bool base64)
    {
        var rows = new List<(string Label, string Value)>
        {
            ("CreateIndex", pair.CreateIndex.ToString(CultureInfo.InvariantCulture)),
            ("Flags", pair.Flags.ToString(CultureInfo.InvariantCulture)),
            ("Key", pair.Key),
            ("LockIndex", pair.LockIndex.ToString(CultureInfo.InvariantCulture)),
            ("ModifyIndex", pair.ModifyIndex.ToString(CultureInfo.InvariantCulture)),
            ("Session", string.IsNullOrEmpty(pair.Session) ? "-" : pair.Session),
            ("Value", Value(pair, base64)),
        };
        var width = rows.Max(r => r.Label.Length) + 6;
        return string.Join("\n", rows.Select(r => r.Label.PadRight(width) + r.Value));
    }

    /// <summary>A key as typed: Consul strips one leading <c>/</c>, since keys never start with one.</summary>
    public static string Key(string? key) => key is { Length: > 0 } && key[0] == '/' ? key[1..] : key ?? "";
}
