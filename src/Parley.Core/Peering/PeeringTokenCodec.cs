using System.Diagnostics.CodeAnalysis;
using System.Text;
using Parley.Core.Go;

namespace Parley.Core.Peering;

/// <summary>
/// Encodes and decodes peering tokens exactly as Consul does: standard Base64 (with padding) of compact JSON
/// with <see cref="PeeringToken"/>'s keys in order, nulls included. Decoding checks the token in Consul's order
/// and fails with Consul's texts.
/// </summary>
public static class PeeringTokenCodec
{
    /// <summary>The token as Consul's <c>POST /v1/peering/token</c> returns it.</summary>
    public static string Encode(PeeringToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(ToJson(token)));
    }

    /// <summary>The compact JSON inside the Base64, byte for byte what Go's <c>json.Marshal</c> writes.</summary>
    public static string ToJson(PeeringToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return PeeringTokenJson.Write(token);
    }

    /// <summary>Decodes and validates a token, in Consul's order (establish steps 2 to 8).</summary>
    /// <exception cref="ParleyException">
    /// <see cref="ErrorCode.Rejected"/> with Consul's text, e.g. <c>failed to decode token: illegal base64 data at input
    /// byte 4</c>, <c>unexpected end of JSON input</c>, <c>peering token server addresses value is empty</c>.
    /// </exception>
    public static PeeringToken Decode(string encoded) =>
        TryDecode(encoded, out var token, out var error) ? token : throw ParleyException.Rejected(error);

    /// <summary>Decodes and validates a token; on failure <paramref name="error"/> holds Consul's text.</summary>
    public static bool TryDecode(
        string? encoded,
        [NotNullWhen(true)] out PeeringToken? token,
        [NotNullWhen(false)] out string? error)
    {
        token = null;
        if (!GoBase64.TryDecode(Encoding.UTF8.GetBytes(encoded ?? ""), out var json, out var offset))
        {
            error = $"failed to decode token: illegal base64 data at input byte {offset}";
            return false;
        }

        PeeringToken decoded;
        try
        {
            decoded = PeeringTokenJson.Read(GoJsonParser.Parse(json));
        }
        catch (GoJsonException e)
        {
            error = e.Message;
            return false;
        }

        error = Validate(decoded);
        if (error is not null)
        {
            return false;
        }

        token = decoded;
        return true;
    }

    /// <summary>
    /// Consul's <c>validatePeeringToken</c>: every CA parses as a certificate, at least one server address, every
    /// address is <c>host:port</c> (manual ones first), a server name when a CA is given, and a peer ID.
    /// </summary>
    /// <returns>The first problem in that order, or <see langword="null"/> when the token is usable.</returns>
    public static string? Validate(PeeringToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        foreach (var pem in token.CA ?? [])
        {
            var problem = GoPem.ValidateCertificate(pem);
            if (problem is not null)
            {
                return $"peering token invalid CA: {problem}";
            }
        }

        if (token.ServerAddresses is not { Count: > 0 } && token.ManualServerAddresses is not { Count: > 0 })
        {
            return "peering token server addresses value is empty";
        }

        foreach (var address in (token.ManualServerAddresses ?? []).Concat(token.ServerAddresses ?? []))
        {
            var problem = PeeringServerAddress.Validate(address);
            if (problem is not null)
            {
                return problem;
            }
        }

        if (token.CA is { Count: > 0 } && token.ServerName.Length == 0)
        {
            return "peering token server name value is empty";
        }

        if (token.PeerID.Length == 0)
        {
            return "peering token peer ID value is empty";
        }

        return null;
    }
}
