using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Hcl.Tests;

internal static class JsonAssert
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Asserts <paramref name="actual"/> is the JSON <paramref name="expectedJson"/>, showing both on failure.</summary>
    public static void Equal(string expectedJson, JsonNode? actual)
    {
        var expected = JsonNode.Parse(expectedJson);
        if (!JsonNode.DeepEquals(expected, actual))
        {
            Assert.Fail($"Expected:\n{expected?.ToJsonString(Indented)}\nActual:\n{actual?.ToJsonString(Indented) ?? "null"}");
        }
    }
}
