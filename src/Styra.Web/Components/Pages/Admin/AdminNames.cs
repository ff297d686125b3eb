using Styra.Features.Accounts;
using static Styra.Web.Lang;

namespace Styra.Web.Components.Pages.Admin;

public static class AdminNames
{
    public static string Of(RegionRole role) => role switch
    {
        RegionRole.Reader => T("Läsare", "Reader"),
        RegionRole.Reporter => T("Rapportör", "Reporter"),
        RegionRole.Approver => T("Godkännare", "Approver"),
        RegionRole.Planner => T("Planerare", "Planner"),
        _ => T("Administratör", "Administrator"),
    };

    public static RegionRole? Role(string? text) => Enum.TryParse<RegionRole>(text, out var r) && Enum.IsDefined(r) ? r : null;

    public static string Date(DateTimeOffset? d) => d is { } v ? TimeZoneInfo.ConvertTime(v, Stockholm).ToString("yyyy-MM-dd") : "–";

    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");
}
