namespace Styra.Web.Tests.Infrastructure;

/// <summary>A host of its own for the follow-up tests, which write, submit, approve and return assessments.</summary>
public sealed class FollowUpHost() : StyraHost("Sqlite");

/// <summary>A browser host of its own for the follow-up (its reporter submits an assessment).</summary>
public sealed class FollowUpBrowserHost() : StyraHost("Sqlite")
{
    protected override bool RealPort => true;
}
