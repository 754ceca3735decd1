using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Parley.Core.Go;

/// <summary>
/// Consul's <c>connect.ParseCert</c>: the first PEM block (found as Go's <c>pem.Decode</c> finds it) must be a
/// <c>CERTIFICATE</c> holding a parsable X.509 certificate. Error texts are Go's.
/// </summary>
internal static class GoPem
{
    private const string BeginMarker = "-----BEGIN ";
    private const string EndMarker = "\n-----END ";
    private const string Dashes = "-----";

    /// <summary>Returns Go's error text, or <see langword="null"/> when <paramref name="pem"/> holds a certificate first.</summary>
    public static string? ValidateCertificate(string? pem)
    {
        if (!TryDecodeFirstBlock(pem ?? "", out var type, out var der))
        {
            return "no PEM-encoded data found";
        }

        if (type != "CERTIFICATE")
        {
            return "first PEM-block should be CERTIFICATE type";
        }

        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            return null;
        }
        catch (CryptographicException)
        {
            return "x509: malformed certificate";
        }
    }

    /// <summary>Finds the first well-formed PEM block: BEGIN line, optional headers, base64 body, matching END line.</summary>
    public static bool TryDecodeFirstBlock(string data, out string type, out byte[] bytes)
    {
        type = "";
        bytes = [];
        var searchFrom = 0;
        while (true)
        {
            int start;
            if (searchFrom == 0 && data.StartsWith(BeginMarker, StringComparison.Ordinal))
            {
                start = BeginMarker.Length;
            }
            else
            {
                var found = data.IndexOf("\n" + BeginMarker, searchFrom, StringComparison.Ordinal);
                if (found < 0)
                {
                    return false;
                }

                start = found + 1 + BeginMarker.Length;
            }

            searchFrom = start;
            var (typeLine, rest) = GetLine(data, start);
            if (!typeLine.EndsWith(Dashes, StringComparison.Ordinal))
            {
                continue;
            }

            type = typeLine[..^Dashes.Length];

            // Header lines ("Key: value") follow the BEGIN line until the first line without a colon.
            var hasHeaders = false;
            var ranOut = false;
            while (true)
            {
                if (rest >= data.Length)
                {
                    ranOut = true;
                    break;
                }

                var (line, next) = GetLine(data, rest);
                if (!line.Contains(':', StringComparison.Ordinal))
                {
                    break;
                }

                hasHeaders = true;
                rest = next;
            }

            if (ranOut)
            {
                return false;
            }

            int endIndex, trailerIndex;
            if (!hasHeaders && string.CompareOrdinal(data, rest, EndMarker, 1, EndMarker.Length - 1) == 0)
            {
                endIndex = rest;
                trailerIndex = rest + EndMarker.Length - 1;
            }
            else
            {
                endIndex = data.IndexOf(EndMarker, rest, StringComparison.Ordinal);
                trailerIndex = endIndex + EndMarker.Length;
            }

            if (endIndex < 0)
            {
                continue;
            }

            var trailer = type + Dashes;
            if (data.Length - trailerIndex < trailer.Length ||
                string.CompareOrdinal(data, trailerIndex, trailer, 0, trailer.Length) != 0)
            {
                continue;
            }

            var (restOfEndLine, _) = GetLine(data, trailerIndex + trailer.Length);
            if (restOfEndLine.Length != 0)
            {
                continue;
            }

            var body = data[rest..endIndex].Replace(" ", "", StringComparison.Ordinal).Replace("\t", "", StringComparison.Ordinal);
            if (!GoBase64.TryDecode(Encoding.UTF8.GetBytes(body), out bytes, out _))
            {
                continue;
            }

            return true;
        }
    }

    // Go's getLine: the text up to the next '\n' with trailing spaces, tabs and '\r' removed, and where the next line starts.
    private static (string Line, int Next) GetLine(string data, int from)
    {
        if (from >= data.Length)
        {
            return ("", data.Length);
        }

        var newline = data.IndexOf('\n', from);
        int end, next;
        if (newline < 0)
        {
            end = data.Length;
            next = data.Length;
        }
        else
        {
            end = newline;
            next = newline + 1;
        }

        return (data[from..end].TrimEnd(' ', '\t', '\r'), next);
    }
}
