using Styra.Features.Audit;
using Styra.Features.FollowUp;
using Styra.Features.Organisation;

namespace Styra.Features.Publishing;

/// <summary>What a publication makes public.</summary>
public enum PublicationKind
{
    /// <summary>A reporting event's approved assessments (fulfilment, forecast and analysis), e.g. UR1 2024.</summary>
    FollowUp,
    /// <summary>A year's economy: income statement, financial goals, balance requirement, tax rate and fees, and the approved judgement.</summary>
    Economy,
}

/// <summary>
/// A planner's decision that something of the region is public from a moment on: a reporting event's approved
/// assessments, or a year's economy. Until <see cref="PublishAt"/> nothing of it shows on the public pages or in the
/// open data; withdrawing removes the row. Plans, goal trees and indicator values are public as decided and imported;
/// monthly reports, drafts and anything not approved are never public.
/// </summary>
public sealed class Publication : IAudited
{
    private Publication() { }

    private Publication(Region region, PublicationKind kind, ReportingEvent? reportingEvent, int year, DateTimeOffset publishAt, string publishedBy, DateTimeOffset decidedAt)
    {
        Region = region;
        RegionId = region.Id;
        Kind = kind;
        Event = reportingEvent;
        Year = year;
        Reschedule(publishAt, publishedBy, decidedAt);
    }

    public static Publication OfEvent(ReportingEvent reportingEvent, DateTimeOffset publishAt, string publishedBy, DateTimeOffset decidedAt) =>
        new(reportingEvent.Region, PublicationKind.FollowUp, reportingEvent, reportingEvent.Year, publishAt, publishedBy, decidedAt) { EventId = reportingEvent.Id };

    public static Publication OfEconomy(Region region, int year, DateTimeOffset publishAt, string publishedBy, DateTimeOffset decidedAt) =>
        new(region, PublicationKind.Economy, null, Economy.Years.Check(year), publishAt, publishedBy, decidedAt);

    public int Id { get; private set; }
    public int RegionId { get; private set; }
    public Region Region { get; private set; } = null!;
    public PublicationKind Kind { get; private set; }

    /// <summary>The reporting event published (<see cref="PublicationKind.FollowUp"/>); null for an economy year.</summary>
    public int? EventId { get; private set; }
    public ReportingEvent? Event { get; private set; }

    /// <summary>The year: the economy year published, or the event's year.</summary>
    public int Year { get; private set; }

    /// <summary>From when it is public (may lie ahead: a scheduled publication).</summary>
    public DateTimeOffset PublishAt { get; private set; }
    public string PublishedBy { get; private set; } = "";
    public DateTimeOffset DecidedAt { get; private set; }

    public bool IsPublicAt(DateTimeOffset now) => PublishAt <= now;

    public void Reschedule(DateTimeOffset publishAt, string publishedBy, DateTimeOffset decidedAt)
    {
        PublishAt = publishAt.ToUniversalTime();
        PublishedBy = publishedBy;
        DecidedAt = decidedAt.ToUniversalTime();
    }

    int? IAudited.AuditRegionId => RegionId;
}
