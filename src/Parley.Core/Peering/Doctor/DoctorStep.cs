namespace Parley.Core.Peering.Doctor;

/// <summary>One step of <c>parley peering doctor</c>: what was checked, how it went, and what to do when it failed.</summary>
/// <param name="ID">A stable identifier for scripts (<c>peering</c>, <c>stream</c>, <c>exported</c>, ...).</param>
/// <param name="Title">What the step checks, for people.</param>
/// <param name="Status"><c>pass</c>, <c>fail</c> or <c>skip</c> (not checked: an earlier step failed, or it needs input not given).</param>
/// <param name="Detail">What was found.</param>
/// <param name="Fix">What to do; only on a failed step.</param>
public sealed record DoctorStep(string ID, string Title, string Status, string Detail, string? Fix = null)
{
    /// <summary>The step held.</summary>
    public const string Pass = "pass";

    /// <summary>The step failed: the path breaks here.</summary>
    public const string Fail = "fail";

    /// <summary>Not checked.</summary>
    public const string Skip = "skip";
}
