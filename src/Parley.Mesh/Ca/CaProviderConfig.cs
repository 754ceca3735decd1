using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Go;

namespace Parley.Mesh.Ca;

/// <summary>
/// The built-in provider's settings read from a <see cref="CaConfiguration.Config"/> map, with Consul's defaults,
/// decoding rules (keys matched case-insensitively, weakly typed values: durations as Go text or nanoseconds, numbers
/// as text) and validation texts (<c>agent/structs/connect_ca.go</c>).
/// </summary>
/// <remarks>Pure.</remarks>
public sealed record CaProviderConfig
{
    public const string DefaultLeafCertTtlText = "72h";
    public const string DefaultIntermediateCertTtlText = "8760h";
    public const string DefaultRootCertTtlText = "87600h";

    /// <summary>Consul's bounds on <see cref="LeafCertTtl"/>: at least 1 hour, at most 8760 hours.</summary>
    public static readonly TimeSpan MinLeafCertTtl = TimeSpan.FromHours(1);

    public static readonly TimeSpan MaxLeafCertTtl = TimeSpan.FromHours(365 * 24);

    // Consul checks intermediates hourly and wants three checks' margin.
    private static readonly TimeSpan IntermediateCertRenewInterval = TimeSpan.FromHours(1);

    /// <summary>How long leaf certificates live. Defaults to 72 hours.</summary>
    public TimeSpan LeafCertTtl { get; init; } = TimeSpan.FromHours(72);

    /// <summary>
    /// Consul's intermediate TTL; the built-in CA signs with the root, so this only bounds the others. Defaults to 8760 hours.
    /// </summary>
    public TimeSpan IntermediateCertTtl { get; init; } = TimeSpan.FromHours(8760);

    /// <summary>How long a generated root is valid. Defaults to 87600 hours (10 years).</summary>
    public TimeSpan RootCertTtl { get; init; } = TimeSpan.FromHours(87600);

    /// <summary><c>ec</c> (default) or <c>rsa</c>.</summary>
    public string PrivateKeyType { get; init; } = CaKeys.Ec;

    /// <summary>256 by default.</summary>
    public int PrivateKeyBits { get; init; } = 256;

    /// <summary>Accepted and served; Parley signs locally and does not rate-limit. Defaults to 50.</summary>
    public double CsrMaxPerSecond { get; init; } = 50;

    /// <summary>Accepted and served, as <see cref="CsrMaxPerSecond"/>. Defaults to 0.</summary>
    public int CsrMaxConcurrent { get; init; }

    /// <summary>An operator-supplied root key (PEM); empty to let the CA generate one.</summary>
    public string PrivateKey { get; init; } = "";

    /// <summary>An operator-supplied root certificate for <see cref="PrivateKey"/> (PEM); empty to make one.</summary>
    public string RootCert { get; init; } = "";

    /// <summary>
    /// Which root this configuration asks for: Consul's built-in provider keeps its root while these four settings are
    /// unchanged (its provider id hashes them), so a change to any of them means a new root and a rotation.
    /// </summary>
    public (string PrivateKey, string RootCert, string PrivateKeyType, int PrivateKeyBits) RootIdentity =>
        (PrivateKey, RootCert, PrivateKeyType, PrivateKeyBits);

    /// <summary>Reads and validates a configuration map.</summary>
    /// <exception cref="ParleyException"><see cref="ErrorCode.InvalidArgument"/> with Consul's text.</exception>
    public static CaProviderConfig Parse(JsonObject? config)
    {
        var result = new CaProviderConfig();
        var errors = new List<string>();
        foreach (var (key, value) in config ?? [])
        {
            result = key.ToUpperInvariant() switch
            {
                "LEAFCERTTTL" => result with { LeafCertTtl = Duration(value, "LeafCertTTL", errors, result.LeafCertTtl) },
                "INTERMEDIATECERTTTL"
                    => result with { IntermediateCertTtl = Duration(value, "IntermediateCertTTL", errors, result.IntermediateCertTtl) },
                "ROOTCERTTTL" => result with { RootCertTtl = Duration(value, "RootCertTTL", errors, result.RootCertTtl) },
                "PRIVATEKEYTYPE" => result with { PrivateKeyType = Text(value, "PrivateKeyType", errors) },
                "PRIVATEKEYBITS"
                    => result with { PrivateKeyBits = (int)Number(value, "PrivateKeyBits", "int", errors, result.PrivateKeyBits) },
                "CSRMAXPERSECOND"
                    => result with { CsrMaxPerSecond = Number(value, "CSRMaxPerSecond", "float", errors, result.CsrMaxPerSecond) },
                "CSRMAXCONCURRENT"
                    => result with { CsrMaxConcurrent = (int)Number(value, "CSRMaxConcurrent", "int", errors, result.CsrMaxConcurrent) },
                "PRIVATEKEY" => result with { PrivateKey = Text(value, "PrivateKey", errors) },
                "ROOTCERT" => result with { RootCert = Text(value, "RootCert", errors) },
                // Other providers' keys and keys Consul no longer reads (RotationPeriod) are ignored, as mapstructure does.
                _ => result,
            };
        }

        if (errors.Count > 0)
        {
            throw Invalid(
                $"error decoding config: {errors.Count} error(s) decoding:\n\n" + string.Join("\n", errors.Select(e => "* " + e)));
        }

        if (result.PrivateKey.Length == 0 && result.RootCert.Length > 0)
        {
            throw Invalid("must provide a private key when providing a root cert");
        }

        if (result.Validate() is { } problem)
        {
            throw Invalid(problem);
        }

        return result;
    }

    /// <summary>The first rule the settings break, in Consul's order and words; null when valid.</summary>
    public string? Validate()
    {
        if (RootCertTtl < IntermediateCertTtl)
        {
            return "root cert TTL is set and is not greater than intermediate cert ttl. " +
                $"root cert ttl: {GoDuration.Format(RootCertTtl)}, intermediate cert ttl: {GoDuration.Format(IntermediateCertTtl)}";
        }

        if (LeafCertTtl < MinLeafCertTtl)
        {
            return $"leaf cert TTL must be greater or equal than {GoDuration.Format(MinLeafCertTtl)}";
        }

        if (LeafCertTtl > MaxLeafCertTtl)
        {
            return $"leaf cert TTL must be less than {GoDuration.Format(MaxLeafCertTtl)}";
        }

        if (IntermediateCertTtl < 3 * IntermediateCertRenewInterval)
        {
            return $"Intermediate Cert TTL must be greater or equal than {3 * (int)IntermediateCertRenewInterval.TotalHours}h";
        }

        if (IntermediateCertTtl < 3 * LeafCertTtl)
        {
            return $"Intermediate Cert TTL must be greater or equal than 3 * LeafCertTTL (>={GoDuration.Format(3 * LeafCertTtl)}).";
        }

        return PrivateKeyType switch
        {
            CaKeys.Ec when PrivateKeyBits is not (224 or 256 or 384 or 521) => "EC key length must be one of (224, 256, 384, 521) bits",
            CaKeys.Rsa when PrivateKeyBits is not (2048 or 4096) => "RSA key length must be 2048 or 4096 bits",
            CaKeys.Ec or CaKeys.Rsa => null,
            _ => "private key type must be either 'ec' or 'rsa'",
        };
    }

    private static ParleyException Invalid(string message) => new(ErrorCode.InvalidArgument, message);

    // mapstructure's duration hook: Go duration text; a number is nanoseconds (WeaklyTypedInput).
    private static TimeSpan Duration(JsonNode? value, string name, List<string> errors, TimeSpan fallback)
    {
        switch (value?.GetValueKind())
        {
            case JsonValueKind.String:
                if (GoDuration.TryParse(value.GetValue<string>(), out var parsed, out var error))
                {
                    return parsed;
                }

                errors.Add($"error decoding '{name}': {error}");
                return fallback;
            case JsonValueKind.Number:
                return TimeSpan.FromTicks(
                    (long)(decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) / 100));
            case JsonValueKind.Null or null:
                return TimeSpan.Zero;
            default:
                errors.Add($"'{name}' expected type 'time.Duration', got unconvertible type '{GoType(value)}'");
                return fallback;
        }
    }

    private static string Text(JsonNode? value, string name, List<string> errors)
    {
        switch (value?.GetValueKind())
        {
            case JsonValueKind.String:
                return value.GetValue<string>();
            case JsonValueKind.Number:
                return value.ToJsonString();
            case JsonValueKind.True:
                return "1";
            case JsonValueKind.False or JsonValueKind.Null or null:
                return value is null || value.GetValueKind() == JsonValueKind.Null ? "" : "0";
            default:
                errors.Add($"'{name}' expected type 'string', got unconvertible type '{GoType(value)}'");
                return "";
        }
    }

    private static double Number(JsonNode? value, string name, string goType, List<string> errors, double fallback)
    {
        switch (value?.GetValueKind())
        {
            case JsonValueKind.Number:
                // A node built in code may hold an int or a long, which GetValue<double> refuses; its JSON text is a number either way.
                return double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
            case JsonValueKind.String:
                var text = value.GetValue<string>();
                if (text.Length == 0)
                {
                    return 0;
                }

                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                    && (goType != "int" || parsed == Math.Floor(parsed)))
                {
                    return parsed;
                }

                errors.Add(goType == "int"
                    ? $"cannot parse '{name}' as int: strconv.ParseInt: parsing {JsonSerializer.Serialize(text)}: invalid syntax"
                    : $"cannot parse '{name}' as float: strconv.ParseFloat: parsing {JsonSerializer.Serialize(text)}: invalid syntax");
                return fallback;
            case JsonValueKind.True:
                return 1;
            case JsonValueKind.False or JsonValueKind.Null or null:
                return 0;
            default:
                errors.Add($"'{name}' expected type '{(goType == "int" ? "int" : "float32")}', got unconvertible type '{GoType(value)}'");
                return fallback;
        }
    }

    private static string GoType(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.Object => "map[string]interface {}",
        JsonValueKind.Array => "[]interface {}",
        _ => "interface {}",
    };
}
