namespace Styra.Web;

/// <summary>
/// Whether planners' forms (targets, imports) are open. Styra has no accounts yet (they come with the follow-up
/// work), so editing is on by default only in Development — `dotnet run` on a planner's own machine — and off in any
/// other environment unless <c>Styra:Editing</c> is set to true. Off, the forms are not shown and posts are refused.
/// </summary>
public sealed record Editing(bool Enabled)
{
    public static Editing From(IConfiguration config, IHostEnvironment environment) =>
        new(config.GetValue<bool?>("Styra:Editing") ?? environment.IsDevelopment());
}
