using Parley.Core.Go;

namespace Parley.Core.Peering;

/// <summary>
/// Reads and writes the token JSON with Go's <c>encoding/json</c> rules: keys matched case-insensitively,
/// unknown keys ignored, later duplicates win, <c>null</c> leaves strings and structs untouched and clears
/// lists, and a wrong JSON type fails with Go's <c>json: cannot unmarshal ...</c> text.
/// </summary>
internal static class PeeringTokenJson
{
    public static string Write(PeeringToken token)
    {
        var w = new GoJsonWriter().BeginObject();
        w.Name("CA").StringArray(token.CA);
        w.Name("ManualServerAddresses").StringArray(token.ManualServerAddresses);
        w.Name("ServerAddresses").StringArray(token.ServerAddresses);
        w.Name("ServerName").String(token.ServerName);
        w.Name("PeerID").String(token.PeerID);
        w.Name("EstablishmentSecret").String(token.EstablishmentSecret);
        w.Name("Remote").BeginObject();
        w.Name("Partition").String(token.Remote.Partition);
        w.Name("Datacenter").String(token.Remote.Datacenter);
        w.Name("Locality");
        if (token.Remote.Locality is { } locality)
        {
            // Region and Zone carry `json:",omitempty"` in Consul.
            w.BeginObject();
            if (locality.Region.Length > 0)
            {
                w.Name("Region").String(locality.Region);
            }

            if (locality.Zone.Length > 0)
            {
                w.Name("Zone").String(locality.Zone);
            }

            w.EndObject();
        }
        else
        {
            w.Null();
        }

        w.EndObject();
        if (token.ExpiresAt is { } expiresAt)
        {
            w.Name("ExpiresAt").String(PeeringTokenExpiry.Format(expiresAt));
        }

        return w.EndObject().ToString();
    }

    /// <exception cref="GoJsonException">A value has the wrong JSON type; the message is Go's.</exception>
    public static PeeringToken Read(GoJsonValue root)
    {
        var token = new PeeringToken();
        if (root.Kind == GoJsonKind.Null)
        {
            return token;
        }

        if (root.Kind != GoJsonKind.Object)
        {
            throw new GoJsonException($"json: cannot unmarshal {root.GoKindName} into Go value of type structs.PeeringToken");
        }

        foreach (var (key, value) in root.Members)
        {
            token = Fold(key) switch
            {
                "CA" => token with { CA = ReadStringList(value, "CA") },
                "MANUALSERVERADDRESSES" => token with
                {
                    ManualServerAddresses = ReadStringList(value, "ManualServerAddresses"),
                },
                "SERVERADDRESSES" => token with { ServerAddresses = ReadStringList(value, "ServerAddresses") },
                "SERVERNAME" => token with { ServerName = ReadString(value, "ServerName", token.ServerName) },
                "PEERID" => token with { PeerID = ReadString(value, "PeerID", token.PeerID) },
                "ESTABLISHMENTSECRET" => token with
                {
                    EstablishmentSecret = ReadString(value, "EstablishmentSecret", token.EstablishmentSecret),
                },
                "REMOTE" => token with { Remote = ReadRemote(value, token.Remote) },
                "EXPIRESAT" => token with { ExpiresAt = ReadTime(value, "ExpiresAt", token.ExpiresAt) },
                _ => token,
            };
        }

        return token;
    }

    private static PeeringTokenRemote ReadRemote(GoJsonValue value, PeeringTokenRemote current)
    {
        if (value.Kind == GoJsonKind.Null)
        {
            return current;
        }

        if (value.Kind != GoJsonKind.Object)
        {
            throw TypeError(value, "Remote", "structs.PeeringTokenRemote");
        }

        // A struct decoded twice merges, as Go decodes into the existing value.
        foreach (var (key, member) in value.Members)
        {
            current = Fold(key) switch
            {
                "PARTITION" => current with { Partition = ReadString(member, "Remote.Partition", current.Partition) },
                "DATACENTER" => current with { Datacenter = ReadString(member, "Remote.Datacenter", current.Datacenter) },
                "LOCALITY" => current with { Locality = ReadLocality(member, current.Locality) },
                _ => current,
            };
        }

        return current;
    }

    private static Locality? ReadLocality(GoJsonValue value, Locality? current)
    {
        if (value.Kind == GoJsonKind.Null)
        {
            return null;
        }

        if (value.Kind != GoJsonKind.Object)
        {
            throw TypeError(value, "Remote.Locality", "structs.Locality");
        }

        current ??= new Locality();
        foreach (var (key, member) in value.Members)
        {
            current = Fold(key) switch
            {
                "REGION" => current with { Region = ReadString(member, "Remote.Locality.Region", current.Region) },
                "ZONE" => current with { Zone = ReadString(member, "Remote.Locality.Zone", current.Zone) },
                _ => current,
            };
        }

        return current;
    }

    private static string ReadString(GoJsonValue value, string field, string current) => value.Kind switch
    {
        GoJsonKind.String => value.Text,
        GoJsonKind.Null => current,
        _ => throw TypeError(value, field, "string"),
    };

    private static DateTimeOffset? ReadTime(GoJsonValue value, string field, DateTimeOffset? current)
    {
        var text = ReadString(value, field, "");
        if (value.Kind == GoJsonKind.Null)
        {
            return current;
        }

        // Go's time.Time decodes RFC 3339 and says so when it cannot.
        return PeeringTokenExpiry.TryParse(text, out var time)
            ? time
            : throw new GoJsonException(
                $"parsing time {GoQuote.Quote(text)} as \"2006-01-02T15:04:05Z07:00\": cannot parse {GoQuote.Quote(text)} as \"2006\"");
    }

    private static List<string>? ReadStringList(GoJsonValue value, string field)
    {
        if (value.Kind == GoJsonKind.Null)
        {
            return null;
        }

        if (value.Kind != GoJsonKind.Array)
        {
            throw TypeError(value, field, "[]string");
        }

        // A later duplicate key replaces the whole list, as in Go.
        var list = new List<string>(value.Items.Count);
        foreach (var item in value.Items)
        {
            list.Add(ReadString(item, field, ""));
        }

        return list;
    }

    private static GoJsonException TypeError(GoJsonValue value, string field, string goType) =>
        new($"json: cannot unmarshal {value.GoKindName} into Go struct field PeeringToken.{field} of type {goType}");

    // Go matches keys to field names by folding case: upper(lower(c)) per character, so the Kelvin sign
    // matches 'k' and the long s matches 's'. Field names are ASCII, so folding to upper is enough.
    private static string Fold(string key) =>
        string.Create(key.Length, key, static (span, k) =>
        {
            for (var i = 0; i < k.Length; i++)
            {
                span[i] = char.ToUpperInvariant(char.ToLowerInvariant(k[i]));
            }
        });
}
