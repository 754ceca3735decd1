using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Parley.Core.Filtering;

/// <summary>
/// What a filter can select on a type, read from the type once by reflection and cached: its properties (by their JSON
/// names, which are Consul's Go field names) with compiled getters, maps by key, lists element by element, and JSON trees
/// walked as they are. Compiled filters call the getters only, so evaluation uses no reflection.
/// </summary>
internal abstract class FilterShape
{
    private static readonly ConcurrentDictionary<Type, FilterShape> Shapes = new();

    private static readonly Lock Gate = new();

    /// <summary>Shapes being built: published to <see cref="Shapes"/> together once the outermost is complete, so no
    /// reader ever sees a half-read type.</summary>
    private static readonly Dictionary<Type, FilterShape> Building = [];

    /// <summary>The shape of <paramref name="type"/>.</summary>
    public static FilterShape Of(Type type)
    {
        if (Shapes.TryGetValue(type, out var known))
        {
            return known;
        }

        lock (Gate)
        {
            var outermost = Building.Count == 0;
            var shape = Build(type);
            if (outermost)
            {
                foreach (var (built, builtShape) in Building)
                {
                    Shapes.TryAdd(built, builtShape);
                }

                Building.Clear();
            }

            return shape;
        }
    }

    private static FilterShape Build(Type type)
    {
        if (Shapes.TryGetValue(type, out var known) || Building.TryGetValue(type, out known))
        {
            return known;
        }

        var plain = Nullable.GetUnderlyingType(type) ?? type;
        FilterShape shape;
        if (Scalar(plain) is { } scalar)
        {
            shape = scalar;
        }
        else if (typeof(JsonNode).IsAssignableFrom(plain))
        {
            shape = new JsonShape();
        }
        else if (MapValueType(plain) is { } valueType)
        {
            shape = (FilterShape)typeof(MapShape<>).MakeGenericType(valueType).GetConstructor([])!.Invoke(null);
        }
        else if (ElementType(plain) is { } element)
        {
            shape = new ListShape(Of(element));
        }
        else
        {
            // Registered before its fields are read, so a type that contains itself resolves to this same shape.
            var record = new ObjectShape();
            Building[type] = record;
            record.Fill(plain);
            return record;
        }

        Building[type] = shape;
        return shape;
    }

    private static ScalarShape? Scalar(Type type) => type switch
    {
        _ when type == typeof(string) || type.IsEnum || type == typeof(Guid) => ScalarShape.String,
        _ when type == typeof(bool) => ScalarShape.Bool,
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(sbyte) => ScalarShape.Integer,
        _ when type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(byte) => ScalarShape.Unsigned,
        _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => ScalarShape.Float,
        _ => null,
    };

    private static Type? MapValueType(Type type) =>
        (type.IsInterface && type.IsGenericType ? [type, .. type.GetInterfaces()] : type.GetInterfaces())
        .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)
            && i.GetGenericArguments()[0] == typeof(string))
        .Select(i => i.GetGenericArguments()[1])
        .FirstOrDefault();

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : (type.IsInterface && type.IsGenericType ? [type, .. type.GetInterfaces()] : type.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            .Select(i => i.GetGenericArguments()[0])
            .FirstOrDefault();

    /// <summary>A string, boolean or number.</summary>
    internal sealed class ScalarShape : FilterShape
    {
        public static readonly ScalarShape String = new("string");
        public static readonly ScalarShape Bool = new("bool");
        public static readonly ScalarShape Integer = new("int");
        public static readonly ScalarShape Unsigned = new("uint");
        public static readonly ScalarShape Float = new("float");

        private ScalarShape(string kind) => Kind = kind;

        public string Kind { get; }
    }

    /// <summary>A list; a selector that goes on selects in each element.</summary>
    internal sealed class ListShape(FilterShape element) : FilterShape
    {
        public FilterShape Element { get; } = element;

        public static bool IsEmpty(object? value) => value switch
        {
            null => true,
            ICollection collection => collection.Count == 0,
            IEnumerable items => !items.GetEnumerator().MoveNext(),
            _ => true,
        };
    }

    /// <summary>A map with string keys; the next selector part is a key.</summary>
    internal abstract class MapShape : FilterShape
    {
        public abstract FilterShape Value { get; }

        public abstract bool TryGet(object? map, string key, out object? value);

        public abstract int Count(object? map);
    }

    /// <summary>A map whose values are <typeparamref name="TValue"/>.</summary>
    internal sealed class MapShape<TValue> : MapShape
    {
        public override FilterShape Value { get; } = Of(typeof(TValue));

        public override bool TryGet(object? map, string key, out object? value)
        {
            if (map is IReadOnlyDictionary<string, TValue> typed && typed.TryGetValue(key, out var found))
            {
                value = found;
                return true;
            }

            value = null;
            return false;
        }

        public override int Count(object? map) => (map as IReadOnlyCollection<KeyValuePair<string, TValue>>)?.Count ?? 0;
    }

    /// <summary>A JSON tree (a proxy or connect block kept as JSON): selectors are followed through it as it is.</summary>
    internal sealed class JsonShape : FilterShape;

    /// <summary>A record or class: its properties by JSON name.</summary>
    internal sealed class ObjectShape : FilterShape
    {
        private readonly Dictionary<string, (Func<object, object?> Get, FilterShape Shape)> _fields = new(StringComparer.Ordinal);

        public bool TryGetField(string name, out Func<object, object?> get, out FilterShape shape)
        {
            var found = _fields.TryGetValue(name, out var field);
            (get, shape) = field;
            return found;
        }

        public void Fill(Type type)
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length > 0 || property.GetMethod is null ||
                    property.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Always })
                {
                    continue;
                }

                var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? property.Name;
                _fields[name] = (Getter(type, property), Of(property.PropertyType));
            }
        }

        private static Func<object, object?> Getter(Type type, PropertyInfo property)
        {
            var instance = Expression.Parameter(typeof(object), "instance");
            var body = Expression.Convert(Expression.Property(Expression.Convert(instance, type), property), typeof(object));
            return Expression.Lambda<Func<object, object?>>(body, instance).Compile();
        }
    }
}
