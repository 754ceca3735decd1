namespace Parley.Core.ConfigEntries.Schema;

/// <summary>One field of a schema-described config entry: Consul's field name, its type, and for nested objects their fields.</summary>
/// <param name="Name">Consul's JSON field name (<c>TLSMinVersion</c>); decoding also accepts its snake_case form.</param>
/// <param name="Type">What the field holds.</param>
public sealed record SchemaField(string Name, SchemaFieldType Type)
{
    /// <summary>
    /// The fields of the nested object (for <see cref="SchemaFieldType.Object"/> and <see cref="SchemaFieldType.List"/>).
    /// </summary>
    public IReadOnlyList<SchemaField> Fields { get; init; } = [];

    /// <summary>
    /// True when Consul writes the field even when it is empty (a Go field without <c>omitempty</c>): zero scalars as
    /// <c>""</c>/<c>0</c>/<c>false</c>, empty lists and maps as <c>null</c>, absent objects as their own empty form.
    /// </summary>
    public bool Always { get; init; }

    /// <summary>The snake_case spellings HCL users write (<c>tls_min_version</c>); empty when it equals the name ignoring case.</summary>
    public string[] Aliases { get; } = SnakeAlias(Name);

    /// <summary>This field, written even when empty.</summary>
    public SchemaField Required() => this with { Always = true };

    private static string[] SnakeAlias(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            // A new word starts at an upper-case letter after a lower-case letter or digit (MinVersion), or at the last
            // capital of an acronym followed by lower case (TLSMin -> TLS_Min).
            var boundary = i > 0 && char.IsUpper(c)
                && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])
                    || (i + 1 < name.Length && char.IsUpper(name[i - 1]) && char.IsLower(name[i + 1])));
            if (boundary)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        var snake = builder.ToString();
        return string.Equals(snake, name, StringComparison.OrdinalIgnoreCase) ? [] : [snake];
    }
}
