using System.Text;

namespace Parley.Core.Connect;

/// <summary>
/// Reads and writes Envoy's <c>X-Forwarded-Client-Cert</c> (XFCC) header, which Consul's mesh uses to pass a caller's
/// identity through a hop that terminates TLS (the exporting mesh gateway): elements separated by <c>,</c>, fields
/// <c>Key=Value</c> separated by <c>;</c>, values with <c>,;="</c> quoted with <c>"</c> and <c>\"</c> inside.
/// </summary>
/// <remarks>Pure and thread-safe. Only trust the header from a hop whose TLS identity you checked (consul-mesh §5).</remarks>
public static class ForwardedClientCert
{
    /// <summary>The header's name.</summary>
    public const string HeaderName = "X-Forwarded-Client-Cert";

    /// <summary>The elements of a header value, oldest first; fields Envoy does not define are ignored.</summary>
    public static IReadOnlyList<ForwardedClientCertElement> Parse(string? header)
    {
        var elements = new List<ForwardedClientCertElement>();
        if (string.IsNullOrEmpty(header))
        {
            return elements;
        }

        foreach (var raw in SplitUnquoted(header, ','))
        {
            var element = new ForwardedClientCertElement();
            var dns = new List<string>();
            foreach (var pair in SplitUnquoted(raw, ';'))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    continue;
                }

                var key = pair[..eq].Trim();
                var value = Unquote(pair[(eq + 1)..].Trim());
                element = key.ToUpperInvariant() switch
                {
                    "BY" => element with { By = value },
                    "HASH" => element with { Hash = value },
                    "CERT" => element with { Cert = System.Uri.UnescapeDataString(value) },
                    "CHAIN" => element with { Chain = System.Uri.UnescapeDataString(value) },
                    "SUBJECT" => element with { Subject = value },
                    "URI" => element with { Uri = value },
                    _ => element,
                };
                if (key.Equals("DNS", StringComparison.OrdinalIgnoreCase))
                {
                    dns.Add(value);
                }
            }

            elements.Add(dns.Count > 0 ? element with { Dns = dns } : element);
        }

        return elements;
    }

    /// <summary>The <c>URI</c> of the first (oldest) element, or empty: the original caller behind a gateway.</summary>
    public static string FirstUri(string? header)
    {
        var elements = Parse(header);
        return elements.Count > 0 ? elements[0].Uri : "";
    }

    /// <summary>
    /// Writes one element in Envoy's field order (By, Hash, Cert, Chain, Subject, URI, DNS), omitting empty fields except Subject.
    /// </summary>
    public static string Format(ForwardedClientCertElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var text = new StringBuilder();
        AppendField(text, "By", element.By, quote: false);
        AppendField(text, "Hash", element.Hash, quote: false);
        AppendField(text, "Cert", System.Uri.EscapeDataString(element.Cert), quote: true);
        AppendField(text, "Chain", System.Uri.EscapeDataString(element.Chain), quote: true);
        if (text.Length > 0)
        {
            text.Append(';');
        }

        // Envoy always writes Subject, quoted, even when empty (Consul's leaves have no subject).
        text.Append("Subject=\"").Append(element.Subject.Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        AppendField(text, "URI", element.Uri, quote: false);
        foreach (var dns in element.Dns)
        {
            AppendField(text, "DNS", dns, quote: false);
        }

        return text.ToString();
    }

    /// <summary>Appends <paramref name="element"/> to an existing header value (Envoy's <c>APPEND_FORWARD</c>).</summary>
    public static string Append(string? existing, ForwardedClientCertElement element) =>
        Append(existing, Format(element));

    /// <summary>Appends an already formatted element to an existing header value.</summary>
    public static string Append(string? existing, string formattedElement) =>
        string.IsNullOrEmpty(existing) ? formattedElement : existing + "," + formattedElement;

    private static void AppendField(StringBuilder text, string key, string value, bool quote)
    {
        if (value.Length == 0)
        {
            return;
        }

        if (text.Length > 0)
        {
            text.Append(';');
        }

        text.Append(key).Append('=');
        if (quote || value.AsSpan().IndexOfAny(",;=\"") >= 0)
        {
            text.Append('"').Append(value.Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        }
        else
        {
            text.Append(value);
        }
    }

    private static List<string> SplitUnquoted(string value, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (quoted && c == '\\')
            {
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == separator)
            {
                parts.Add(value[start..i]);
                start = i + 1;
            }
        }

        parts.Add(value[start..]);
        return parts;
    }

    private static string Unquote(string value)
    {
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
        {
            return value;
        }

        var inner = value.AsSpan(1, value.Length - 2);
        var text = new StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length)
            {
                i++;
            }

            text.Append(inner[i]);
        }

        return text.ToString();
    }
}
