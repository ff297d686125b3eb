using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.FollowUp;
using Styra.Features.Organisation;

namespace Styra.Features.Publishing;

/// <summary>A publication as the planner's page and the API show it; <see cref="IsPublic"/> is false while it is scheduled.</summary>
public sealed record PublicationView(int Id, PublicationKind Kind, int? EventId, string? EventName, int Year, DateTimeOffset PublishAt,
    bool IsPublic, string PublishedBy, DateTimeOffset DecidedAt);

/// <summary>
/// What a planner asks: publish an event (<see cref="EventId"/>) or an economy year (<see cref="Year"/>), now
/// (<see cref="PublishAt"/> null) or from a moment ahead.
/// </summary>
public sealed record PublishInput(PublicationKind? Kind, int? EventId, int? Year, DateTimeOffset? PublishAt);

public sealed record PublishingResult(Outcome Outcome, PublicationView? Publication, IReadOnlyList<FieldProblem> Problems);

/// <summary>Something that could be published, with its publication if it has one.</summary>
public sealed record PublicationCandidate(PublicationKind Kind, int? EventId, string Name, int Year, DateOnly? PeriodEnd,
    int Approved, int Total, PublicationView? Publication);

/// <summary>
/// The planners' decisions on what is public and from when. Publishing again reschedules; withdrawing removes the
/// publication, and its content leaves the public pages and the open data at once. Each step is audited.
/// </summary>
public sealed class Publisher(StyraDbContext db, TimeProvider time)
{
    /// <summary>A publication time may lie at most this far back (a form filled in a minute ago); earlier is refused.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromMinutes(5);

    /// <summary>The region's follow-up events (not the monthly ones) and economy years, each with its publication if any; planners only.</summary>
    public async Task<(Outcome Outcome, IReadOnlyList<PublicationCandidate> Candidates)> CandidatesAsync(RegionCode code, Access access, CancellationToken ct = default)
    {
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null || !access.CanRead(region.Id)) return (Outcome.NotFound, []);
        if (!access.IsPlanner(region.Id)) return (Outcome.Forbidden, []);
        var publications = await ListAsync(region.Id, ct);
        var events = await db.ReportingEvents.AsNoTracking().Where(e => e.RegionId == region.Id && e.Kind != EventKind.Monthly)
            .Select(e => new { e.Id, e.Name, e.Year, e.PeriodEnd, Approved = e.Assessments.Count(a => a.Status == AssessmentStatus.Approved), Total = e.Assessments.Count })
            .ToListAsync(ct);
        var economyYears = await db.EconomyItems.AsNoTracking().Where(i => i.RegionId == region.Id).Select(i => i.Year).Distinct().ToListAsync(ct);
        var candidates = events.OrderByDescending(e => e.PeriodEnd).ThenBy(e => e.Name)
            .Select(e => new PublicationCandidate(PublicationKind.FollowUp, e.Id, e.Name, e.Year, e.PeriodEnd, e.Approved, e.Total,
                publications.FirstOrDefault(p => p.EventId == e.Id)))
            .Concat(economyYears.Concat(publications.Where(p => p.Kind == PublicationKind.Economy).Select(p => p.Year)).Distinct().OrderDescending()
                .Select(y => new PublicationCandidate(PublicationKind.Economy, null, $"Ekonomi {y}", y, null, 0, 0,
                    publications.FirstOrDefault(p => p.Kind == PublicationKind.Economy && p.Year == y))))
            .ToList();
        return (Outcome.Ok, candidates);
    }

    public async Task<IReadOnlyList<PublicationView>> ListAsync(int regionId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var rows = await db.Publications.AsNoTracking().Include(p => p.Event).Where(p => p.RegionId == regionId).ToListAsync(ct);
        return rows.OrderByDescending(p => p.PublishAt).Select(p => ToView(p, now)).ToList();
    }

    public async Task<PublishingResult> PublishAsync(RegionCode code, PublishInput input, Access access, CancellationToken ct = default)
    {
        var (region, refused) = await PlannerRegionAsync(code, access, ct);
        if (refused is not null) return refused;
        var now = time.GetUtcNow();
        var problems = new List<FieldProblem>();
        var at = input.PublishAt ?? now;
        if (at < now - Slack)
            problems.Add(new("publishAt", "Publiceringstiden har redan passerat; lämna den tom för att publicera nu, eller ange en senare tidpunkt.",
                "The publication time has passed; leave it empty to publish now, or give a later time."));
        Publication? existing = null;
        ReportingEvent? reportingEvent = null;
        switch (input.Kind)
        {
            case PublicationKind.FollowUp:
                reportingEvent = input.EventId is { } id
                    ? await db.ReportingEvents.Include(e => e.Region).SingleOrDefaultAsync(e => e.Id == id && e.RegionId == region!.Id, ct)
                    : null;
                if (reportingEvent is null)
                    problems.Add(new("eventId", "Välj en av regionens uppföljningar (eventId).", "Choose one of the region's follow-up events (eventId)."));
                else if (reportingEvent.Kind == EventKind.Monthly)
                    problems.Add(new("eventId", "Månadsrapporter är interna och publiceras inte; välj en uppföljningsrapport eller årsredovisningen.",
                        "Monthly reports are internal and are not published; choose a follow-up report or the annual report."));
                else existing = await db.Publications.SingleOrDefaultAsync(p => p.EventId == reportingEvent.Id, ct);
                break;
            case PublicationKind.Economy:
                if (input.Year is not (>= 1990 and <= 2100))
                    problems.Add(new("year", "Ange ett år mellan 1990 och 2100.", "Give a year between 1990 and 2100."));
                else existing = await db.Publications.SingleOrDefaultAsync(p => p.RegionId == region!.Id && p.Kind == PublicationKind.Economy && p.Year == input.Year, ct);
                break;
            default:
                problems.Add(new("kind", "Ange vad som publiceras: follow-up (en uppföljning) eller economy (ett års ekonomi).",
                    "Say what is published: follow-up (a reporting event) or economy (a year's economy)."));
                break;
        }
        if (problems.Count > 0) return new(Outcome.Invalid, null, problems);

        if (existing is not null) existing.Reschedule(at, access.Name, now);
        else
        {
            existing = reportingEvent is not null
                ? Publication.OfEvent(reportingEvent, at, access.Name, now)
                : Publication.OfEconomy(region!, input.Year!.Value, at, access.Name, now);
            db.Publications.Add(existing);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (db.Entry(existing).State == EntityState.Added)
        {
            // Someone published the same event or year at the same moment: theirs stands; answer with it.
            db.Entry(existing).State = EntityState.Detached;
            var (regionId, sameEvent, year) = (existing.RegionId, existing.EventId, existing.Year);
            var theirs = sameEvent is not null
                ? await db.Publications.AsNoTracking().Include(p => p.Event).SingleAsync(p => p.EventId == sameEvent, ct)
                : await db.Publications.AsNoTracking().SingleAsync(p => p.RegionId == regionId && p.EventId == null && p.Year == year, ct);
            return new(Outcome.Ok, ToView(theirs, now), []);
        }
        if (existing.Event is null && existing.EventId is { } eventId)
            await db.Entry(existing).Reference(p => p.Event).LoadAsync(ct);
        return new(Outcome.Ok, ToView(existing, now), []);
    }

    public async Task<PublishingResult> WithdrawAsync(RegionCode code, int publicationId, Access access, CancellationToken ct = default)
    {
        var (region, refused) = await PlannerRegionAsync(code, access, ct);
        if (refused is not null) return refused;
        var publication = await db.Publications.Include(p => p.Event).SingleOrDefaultAsync(p => p.Id == publicationId && p.RegionId == region!.Id, ct);
        if (publication is null) return new(Outcome.NotFound, null, []);
        db.Publications.Remove(publication);
        await db.SaveChangesAsync(ct);
        return new(Outcome.Ok, ToView(publication, time.GetUtcNow()), []);
    }

    private async Task<(Region? Region, PublishingResult? Refused)> PlannerRegionAsync(RegionCode code, Access access, CancellationToken ct)
    {
        var region = await db.Regions.SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null || !access.CanRead(region.Id)) return (null, new(Outcome.NotFound, null, []));
        if (!access.IsPlanner(region.Id))
            return (null, new(Outcome.Forbidden, null, [new("", "Bara regionens planerare bestämmer vad som publiceras.", "Only the region's planners decide what is published.")]));
        return (region, null);
    }

    private static PublicationView ToView(Publication p, DateTimeOffset now) =>
        new(p.Id, p.Kind, p.EventId, p.Event?.Name, p.Year, p.PublishAt, p.IsPublicAt(now), p.PublishedBy, p.DecidedAt);
}
