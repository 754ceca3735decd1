using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace Parley.Ui;

/// <summary>
/// The UI's files, read once from this assembly's embedded resources (logical names <c>ui/&lt;path&gt;</c>).
/// </summary>
internal sealed class UiAssets
{
    private const string ResourcePrefix = "ui/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
        [".json"] = "application/json; charset=utf-8",
        [".txt"] = "text/plain; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, UiAsset> _files;

    private UiAssets(FrozenDictionary<string, UiAsset> files) => _files = files;

    /// <summary>The shared set, loaded on first use.</summary>
    public static UiAssets Instance { get; } = Load(typeof(UiAssets).Assembly);

    /// <summary>Every path held, for diagnostics and tests.</summary>
    public IEnumerable<string> Paths => _files.Keys;

    /// <summary>The single page every client route answers with.</summary>
    public UiAsset Index => _files["index.html"];

    /// <summary>Finds the file at <paramref name="path"/> (relative to <c>/ui/</c>), or null.</summary>
    public UiAsset? Find(string path) => _files.GetValueOrDefault(path);

    internal static UiAssets Load(Assembly assembly)
    {
        var files = new Dictionary<string, UiAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            // MSBuild's RecursiveDir uses the build machine's separator; the URL space uses '/'.
            var path = name[ResourcePrefix.Length..].Replace('\\', '/');
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 12)) + "\"";
            files[path] = new UiAsset(path, bytes, ContentTypeOf(path), etag);
        }

        if (!files.ContainsKey("index.html"))
        {
            throw new InvalidOperationException("Parley.Ui was built without wwwroot/index.html.");
        }

        return new UiAssets(files.ToFrozenDictionary(StringComparer.Ordinal));
    }

    internal static string ContentTypeOf(string path) =>
        ContentTypes.GetValueOrDefault(System.IO.Path.GetExtension(path), "application/octet-stream");
}
