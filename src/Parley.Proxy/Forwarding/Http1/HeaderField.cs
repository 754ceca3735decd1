namespace Parley.Proxy.Forwarding.Http1;

/// <summary>One header field of a head, as offsets into the head's buffer (no string until one is asked for).</summary>
/// <param name="NameStart">Where the name starts.</param>
/// <param name="NameLength">The name's length.</param>
/// <param name="ValueStart">Where the value starts (leading whitespace skipped).</param>
/// <param name="ValueLength">The value's length (trailing whitespace trimmed).</param>
internal readonly record struct HeaderField(int NameStart, int NameLength, int ValueStart, int ValueLength);
