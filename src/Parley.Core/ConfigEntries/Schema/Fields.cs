namespace Parley.Core.ConfigEntries.Schema;

/// <summary>Short constructors for schema fields, so a kind's shape reads like Consul's struct.</summary>
internal static class Fields
{
    public static SchemaField Str(string name) => new(name, SchemaFieldType.String);

    public static SchemaField Bool(string name) => new(name, SchemaFieldType.Bool);

    public static SchemaField Int(string name) => new(name, SchemaFieldType.Int);

    public static SchemaField Float(string name) => new(name, SchemaFieldType.Float);

    public static SchemaField Duration(string name) => new(name, SchemaFieldType.Duration);

    public static SchemaField Strings(string name) => new(name, SchemaFieldType.StringList);

    public static SchemaField Ints(string name) => new(name, SchemaFieldType.IntList);

    public static SchemaField StringMap(string name) => new(name, SchemaFieldType.StringMap);

    public static SchemaField Raw(string name) => new(name, SchemaFieldType.Raw);

    public static SchemaField Object(string name, params SchemaField[] fields) => new(name, SchemaFieldType.Object) { Fields = fields };

    public static SchemaField List(string name, params SchemaField[] fields) => new(name, SchemaFieldType.List) { Fields = fields };
}
