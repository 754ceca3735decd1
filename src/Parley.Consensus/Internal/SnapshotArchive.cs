using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Parley.Core;

namespace Parley.Consensus.Internal;

/// <summary>
/// The file <c>parley snapshot save</c> writes and <c>restore</c> reads, shaped like Consul's: a gzip-compressed tar
/// holding <c>meta.json</c>, <c>state.bin</c> (the state machine's own snapshot) and <c>SHA256SUMS</c> with the
/// SHA-256 of both. Reading checks every sum before anything is used, so a damaged file is refused whole.
/// </summary>
internal static class SnapshotArchive
{
    public const string MetaFile = "meta.json";
    public const string StateFile = "state.bin";
    public const string SumsFile = "SHA256SUMS";

    /// <summary>The largest archive or state accepted on restore.</summary>
    public const long MaxSize = 256L * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General) { WriteIndented = true };

    /// <summary>Writes an archive of <paramref name="state"/> to <paramref name="destination"/>.</summary>
    public static async Task WriteAsync(
        Stream destination, SnapshotMeta meta, ReadOnlyMemory<byte> state, CancellationToken cancellationToken)
    {
        var metaBytes = JsonSerializer.SerializeToUtf8Bytes(meta with { Size = state.Length }, Json);
        var sums = Encoding.ASCII.GetBytes($"{Hex(metaBytes)}  {MetaFile}\n{Hex(state.Span)}  {StateFile}\n");

        var gzip = new GZipStream(destination, CompressionLevel.Fastest, leaveOpen: true);
        await using (gzip.ConfigureAwait(false))
        {
            var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true);
            await using (tar.ConfigureAwait(false))
            {
                await WriteEntryAsync(tar, MetaFile, metaBytes, meta.Created, cancellationToken).ConfigureAwait(false);
                await WriteEntryAsync(tar, StateFile, state, meta.Created, cancellationToken).ConfigureAwait(false);
                await WriteEntryAsync(tar, SumsFile, sums, meta.Created, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads and verifies an archive; returns its metadata and the state machine's snapshot.</summary>
    /// <exception cref="ParleyException">(InvalidArgument) the file is not a snapshot archive, or a checksum does not match.</exception>
    public static async Task<(SnapshotMeta Meta, byte[] State)> ReadAsync(Stream source, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        try
        {
            var gzip = new GZipStream(source, CompressionMode.Decompress, leaveOpen: true);
            await using (gzip.ConfigureAwait(false))
            {
                var tar = new TarReader(gzip, leaveOpen: true);
                await using (tar.ConfigureAwait(false))
                {
                    long total = 0;
                    while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                    {
                        if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                        {
                            continue;
                        }

                        total += entry.Length;
                        if (total > MaxSize)
                        {
                            throw Invalid($"the archive is larger than {MaxSize} bytes");
                        }

                        using var buffer = new MemoryStream((int)entry.Length);
                        await entry.DataStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                        files[entry.Name] = buffer.ToArray();
                    }
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or IOException)
        {
            throw Invalid("it is not a readable snapshot archive (" + e.Message + ")");
        }

        if (!files.TryGetValue(MetaFile, out var metaBytes) || !files.TryGetValue(StateFile, out var state)
            || !files.TryGetValue(SumsFile, out var sums))
        {
            throw Invalid($"the archive must hold {MetaFile}, {StateFile} and {SumsFile}");
        }

        var expected = ParseSums(sums);
        foreach (var (name, bytes) in new[] { (MetaFile, metaBytes), (StateFile, state) })
        {
            if (!expected.TryGetValue(name, out var sum))
            {
                throw Invalid($"{SumsFile} has no sum for {name}");
            }

            if (!string.Equals(sum, Hex(bytes), StringComparison.OrdinalIgnoreCase))
            {
                throw Invalid($"the SHA-256 of {name} does not match {SumsFile}; the file is damaged");
            }
        }

        SnapshotMeta meta;
        try
        {
            meta = JsonSerializer.Deserialize<SnapshotMeta>(metaBytes, Json) ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw Invalid($"{MetaFile} is not valid: {e.Message}");
        }

        if (meta.Version != SnapshotMeta.CurrentVersion)
        {
            throw Invalid($"snapshot format version {meta.Version} is not supported");
        }

        return (meta, state);
    }

    private static async Task WriteEntryAsync(
        TarWriter tar, string name, ReadOnlyMemory<byte> bytes, DateTimeOffset modified, CancellationToken cancellationToken)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = new MemoryStream(bytes.ToArray(), writable: false),
            ModificationTime = modified,
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead,
        };
        await tar.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    private static Dictionary<string, string> ParseSums(byte[] sums)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Encoding.ASCII.GetString(sums).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split("  ", 2, StringSplitOptions.None);
            if (parts.Length == 2)
            {
                result[parts[1].Trim()] = parts[0].Trim();
            }
        }

        return result;
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static ParleyException Invalid(string reason)
        => new(ErrorCode.InvalidArgument, "Error verifying snapshot file: " + reason);
}
