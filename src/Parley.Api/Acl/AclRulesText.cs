using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Acl;
using Parley.Hcl;

namespace Parley.Api.Acl;

/// <summary>A policy's rules text (HCL, or JSON when it starts with <c>{</c>) to rules, refusing bad text with its position.</summary>
public static class AclRulesText
{
    /// <summary>Parses and validates <paramref name="rules"/>; empty text has no rules.</summary>
    /// <exception cref="ParleyException">InvalidArgument: <c>Failed to parse ACL rules: line:column: reason</c> or an invalid
    /// value.</exception>
    public static AclPolicyRules Parse(string rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (string.IsNullOrWhiteSpace(rules))
        {
            return AclPolicyRules.None;
        }

        JsonObject document;
        try
        {
            document = HclParser.LooksLikeJson(rules)
                ? JsonNode.Parse(rules) as JsonObject
                    ?? throw ParleyException.Invalid("Failed to parse ACL rules: 1:1: expected a JSON object")
                : HclParser.Parse(rules);
        }
        catch (HclException e)
        {
            throw ParleyException.Invalid($"Failed to parse ACL rules: {e.Message}");
        }
        catch (JsonException e)
        {
            throw ParleyException.Invalid(
                $"Failed to parse ACL rules: {(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: {e.Message}");
        }

        return AclRulesDecoder.Decode(document, rules);
    }
}
