using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Parley.Cli.Commands.Snapshot;

/// <summary>
/// Reads a snapshot archive the way the servers do, to verify a saved file before telling the user it is good: a
/// gzip-compressed tar of <c>meta.json</c>, <c>state.bin</c> and <c>SHA256SUMS</c> whose sums must match.
/// </summary>
internal static class SnapshotFile
{
    /// <summary>Verifies the archive at <paramref name="path"/> and returns its <c>meta.json</c>.</summary>
    /// <exception cref="InvalidDataException">The file is not a snapshot archive or a checksum does not match.</exception>
    public static async Task<SnapshotFileMeta> VerifyAsync(string path, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        try
        {
            var file = File.OpenRead(path);
            await using (file.ConfigureAwait(false))
            {
                var gzip = new GZipStream(file, CompressionMode.Decompress);
                await using (gzip.ConfigureAwait(false))
                {
                    var tar = new TarReader(gzip);
                    await using (tar.ConfigureAwait(false))
                    {
                        while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                        {
                            if (entry.DataStream is null)
                            {
                                continue;
                            }

                            using var buffer = new MemoryStream();
                            await entry.DataStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                            files[entry.Name] = buffer.ToArray();
                        }
                    }
                }
            }
        }
        catch (Exception e) when (e is FormatException or EndOfStreamException or InvalidDataException)
        {
            throw new InvalidDataException("it is not a readable snapshot archive (" + e.Message + ")", e);
        }

        if (!files.TryGetValue("meta.json", out var meta) || !files.TryGetValue("state.bin", out var state)
            || !files.TryGetValue("SHA256SUMS", out var sums))
        {
            throw new InvalidDataException("the archive must hold meta.json, state.bin and SHA256SUMS");
        }

        var expected = Encoding.ASCII.GetString(sums).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split("  ", 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[1].Trim(), parts => parts[0].Trim(), StringComparer.Ordinal);
        foreach (var (name, bytes) in new[] { ("meta.json", meta), ("state.bin", state) })
        {
            if (!expected.TryGetValue(name, out var sum)
                || !string.Equals(sum, Convert.ToHexStringLower(SHA256.HashData(bytes)), StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"the SHA-256 of {name} does not match SHA256SUMS; the file is damaged");
            }
        }

        try
        {
            return JsonSerializer.Deserialize<SnapshotFileMeta>(meta) ?? throw new InvalidDataException("meta.json is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("meta.json is not valid: " + e.Message, e);
        }
    }
}
