using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core;
using Parley.State.Commands;

namespace Parley.Consensus.Internal;

/// <summary>
/// Carries a <see cref="CommandResult"/> from the leader back to the follower that forwarded the write: <c>null</c>,
/// booleans, numbers, strings, rejections (<see cref="ParleyException"/>, by code and message) and Parley records as
/// JSON tagged with their type.
/// </summary>
/// <remarks>
/// Only non-generic types from <c>Parley.*</c> assemblies are decoded by name, so a forwarded answer can never make a
/// server instantiate an arbitrary type. A rejection comes back as a plain <see cref="ParleyException"/> with the same
/// code and message (the HTTP layer maps it by code).
/// </remarks>
internal static class ResultCodec
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public static byte[] Encode(CommandResult result)
    {
        var envelope = new JsonObject { ["Index"] = result.Index };
        switch (result.Value)
        {
            case null:
                break;
            case ParleyException rejection:
                envelope["Error"] = new JsonObject { ["Code"] = (int)rejection.Code, ["Message"] = rejection.Message };
                break;
            case Exception other:
                // Apply only returns ParleyException rejections; anything else would have stopped the leader.
                envelope["Error"] = new JsonObject { ["Code"] = (int)ErrorCode.Rejected, ["Message"] = other.Message };
                break;
            case bool or int or long or string:
                envelope["Type"] = result.Value.GetType().Name;
                envelope["Value"] = JsonSerializer.SerializeToNode(result.Value, result.Value.GetType(), Json);
                break;
            default:
                var type = result.Value.GetType();
                envelope["Type"] = $"{type.FullName}, {type.Assembly.GetName().Name}";
                envelope["Value"] = JsonSerializer.SerializeToNode(result.Value, type, Json);
                break;
        }

        return JsonSerializer.SerializeToUtf8Bytes(envelope, Json);
    }

    /// <exception cref="InvalidDataException">The bytes are not a result this version can decode.</exception>
    public static CommandResult Decode(byte[] bytes)
    {
        try
        {
            var envelope = JsonNode.Parse(bytes)?.AsObject() ?? throw new InvalidDataException("empty result");
            var index = envelope["Index"]?.GetValue<long>() ?? 0;
            if (envelope["Error"] is JsonObject error)
            {
                var code = (ErrorCode)(error["Code"]?.GetValue<int>() ?? (int)ErrorCode.Rejected);
                return new CommandResult(index, new ParleyException(code, error["Message"]?.GetValue<string>() ?? ""));
            }

            if (envelope["Type"]?.GetValue<string>() is not { } typeName)
            {
                return new CommandResult(index);
            }

            var type = Resolve(typeName);
            return new CommandResult(index, envelope["Value"].Deserialize(type, Json));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NotSupportedException)
        {
            throw new InvalidDataException("the forwarded result cannot be decoded: " + e.Message, e);
        }
    }

    private static Type Resolve(string typeName)
    {
        switch (typeName)
        {
            case nameof(Boolean):
                return typeof(bool);
            case nameof(Int32):
                return typeof(int);
            case nameof(Int64):
                return typeof(long);
            case nameof(String):
                return typeof(string);
        }

        var comma = typeName.LastIndexOf(", ", StringComparison.Ordinal);
        var assemblyName = comma > 0 ? typeName[(comma + 2)..] : "";
        var fullName = comma > 0 ? typeName[..comma] : typeName;
        if (!assemblyName.StartsWith("Parley.", StringComparison.Ordinal) || fullName.Contains('[', StringComparison.Ordinal))
        {
            throw new InvalidDataException($"result type '{typeName}' is not a Parley type");
        }

        var assembly = AppDomain.CurrentDomain.GetAssemblies()
            .FirstOrDefault(a => string.Equals(a.GetName().Name, assemblyName, StringComparison.Ordinal))
            ?? throw new InvalidDataException($"assembly '{assemblyName}' is not loaded");
        return assembly.GetType(fullName, throwOnError: false)
            ?? throw new InvalidDataException($"result type '{typeName}' is unknown");
    }
}
