using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Parley.Peering.Export;

/// <summary>
/// Splits one exported service into <see cref="V1.ExportedService"/> pages that each stay under a byte budget, so
/// no message on the peer stream comes near the 4 MiB limit however many instances a service has.
/// </summary>
public static class ExportPager
{
    /// <summary>The largest page the exporter builds by default: 1 MiB.</summary>
    public const int DefaultPageBytes = 1024 * 1024;

    /// <summary>The largest message the stream sends; an instance bigger than this alone is never sent: 4 MiB.</summary>
    public const int MaxMessageBytes = 4 * 1024 * 1024;

    /// <summary>Most pages one service may have; an importer refuses more.</summary>
    public const int MaxPages = 65_536;

    // Room for the Response envelope, the Any wrapper and the page fields around the instances.
    private const int EnvelopeBytes = 1024;

    private static readonly string ExportedServiceTypeUrl = Any.Pack(new V1.ExportedService()).TypeUrl;

    /// <summary>
    /// The whole service (all instances, no paging fields) serialised once, and the SHA-256 of those bytes: what
    /// duplicate suppression compares, and, when it fits one page, what is sent.
    /// </summary>
    public static EncodedService Encode(IReadOnlyList<V1.CheckServiceNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var whole = new V1.ExportedService();
        whole.Nodes.AddRange(nodes);
        var bytes = whole.ToByteArray();
        return new EncodedService(bytes, SHA256.HashData(bytes));
    }

    /// <summary>
    /// The resources to send for one service: a service that fits one page is sent as the bytes it was hashed from, not
    /// serialised again (at 10 000 exported services that second pass was a tenth of the exporter's work); a larger one
    /// is split by <see cref="Paginate"/>.
    /// </summary>
    /// <param name="nodes">The instances <paramref name="encoded"/> was made of.</param>
    /// <param name="encoded">Their <see cref="Encode"/>.</param>
    /// <param name="pageBytes">The budget of one page.</param>
    /// <param name="skipped">Instances that alone exceed <see cref="MaxMessageBytes"/>, left out (by service ID).</param>
    public static IReadOnlyList<Any> Pages(
        IReadOnlyList<V1.CheckServiceNode> nodes, EncodedService encoded, int pageBytes, out IReadOnlyList<string> skipped)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageBytes, 1);
        if (encoded.Bytes.Length <= Math.Min(pageBytes, MaxMessageBytes - EnvelopeBytes))
        {
            skipped = [];
            return [new Any { TypeUrl = ExportedServiceTypeUrl, Value = UnsafeByteOperations.UnsafeWrap(encoded.Bytes) }];
        }

        return [.. Paginate(nodes, encoded.Hash, pageBytes, out skipped).Select(Any.Pack)];
    }

    /// <summary>The pages of one service; a service that fits is one page with no paging fields set.</summary>
    /// <param name="nodes">The instances, in the order the importer should see them.</param>
    /// <param name="hash">The service's hash (<see cref="Encode"/>); its prefix becomes every page's version.</param>
    /// <param name="pageBytes">The budget of one page.</param>
    /// <param name="skipped">Instances that alone exceed <see cref="MaxMessageBytes"/>, left out (by service ID).</param>
    public static IReadOnlyList<V1.ExportedService> Paginate(
        IReadOnlyList<V1.CheckServiceNode> nodes, byte[] hash, int pageBytes, out IReadOnlyList<string> skipped)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageBytes, 1);
        pageBytes = Math.Min(pageBytes, MaxMessageBytes - EnvelopeBytes);

        var dropped = new List<string>();
        var pages = new List<V1.ExportedService>();
        var current = new V1.ExportedService();
        var size = 0;
        foreach (var node in nodes)
        {
            // Each repeated element costs its size plus a tag and a length prefix (at most 6 bytes).
            var cost = node.CalculateSize() + 6;
            if (cost > MaxMessageBytes - EnvelopeBytes)
            {
                dropped.Add(node.Service?.Id ?? "");
                continue;
            }

            if (size > 0 && size + cost > pageBytes)
            {
                pages.Add(current);
                current = new V1.ExportedService();
                size = 0;
            }

            current.Nodes.Add(node);
            size += cost;
        }

        pages.Add(current);
        skipped = dropped;
        if (pages.Count > 1)
        {
            var version = Convert.ToHexStringLower(hash, 0, 8);
            for (var i = 0; i < pages.Count; i++)
            {
                pages[i].Page = (uint)i;
                pages[i].PageCount = (uint)pages.Count;
                pages[i].Version = version;
            }
        }

        return pages;
    }
}

/// <summary>One exported service serialised (<see cref="ExportPager.Encode"/>): the bytes and their SHA-256.</summary>
/// <remarks>The bytes are sent as they are: never change them.</remarks>
public sealed record EncodedService(byte[] Bytes, byte[] Hash);
