namespace Parley.Ui;

/// <summary>One file of the UI, held in memory: its bytes, media type and a strong validator.</summary>
/// <param name="Path">The path under <c>/ui/</c>, with forward slashes, e.g. <c>assets/app.css</c>.</param>
/// <param name="Content">The file's bytes.</param>
/// <param name="ContentType">The <c>Content-Type</c> to answer with.</param>
/// <param name="ETag">A quoted strong entity tag derived from the content.</param>
internal sealed record UiAsset(string Path, ReadOnlyMemory<byte> Content, string ContentType, string ETag);
