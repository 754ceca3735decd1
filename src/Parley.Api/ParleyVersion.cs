using System.Reflection;

namespace Parley.Api;

/// <summary>The version Parley reports (agent self, members, <c>parley version</c>).</summary>
public static class ParleyVersion
{
    /// <summary>The informational version of this build, without the source-revision suffix.</summary>
    public static string Current { get; } =
        (typeof(ParleyVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.1.0")
            .Split('+')[0];

    /// <summary>The source revision, when the build recorded one.</summary>
    public static string Revision { get; } =
        (typeof(ParleyVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "")
            .Split('+') is [_, var rev, ..] ? rev : "";
}
