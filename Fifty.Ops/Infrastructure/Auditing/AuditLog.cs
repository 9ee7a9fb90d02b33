using System.Security.Claims;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Fifty.Ops.Infrastructure.Auditing;

/// <summary>
/// Records events that are not data changes (those are recorded by <see cref="AuditSaveChangesInterceptor"/> in the
/// transaction that makes them). Each call appends in a transaction of its own, so do not call it while the same flow
/// holds another open write transaction: add the record to that context with
/// <see cref="FiftyOpsDbContext.AddAuditNote"/> instead.
/// </summary>
public interface IAuditLog
{
    Task RecordAsync(AuditActor actor, AuditRecord record, CancellationToken ct = default);

    /// <summary>The given user at the current request's address.</summary>
    Task RecordAsync(ClaimsPrincipal? user, AuditRecord record, CancellationToken ct = default);

    /// <summary>For every export or download: what was sent (e.g. "QuarterlyReport", "2023-Q3", "PDF").</summary>
    Task RecordExportAsync(ClaimsPrincipal user, string objectType, string objectId, string detail, CancellationToken ct = default);

    Task RecordAccessDeniedAsync(ClaimsPrincipal? user, string objectType, string objectId, string detail, CancellationToken ct = default);

    /// <summary>For the period administration (a later issue). Closing by changing <c>ReportingPeriod.IsClosed</c> through EF is recorded as this kind automatically.</summary>
    Task RecordPeriodClosedAsync(ClaimsPrincipal user, int year, int quarter, string? reason = null, CancellationToken ct = default);

    Task RecordPeriodReopenedAsync(ClaimsPrincipal user, int year, int quarter, string? reason = null, CancellationToken ct = default);
}

public sealed class AuditLog(IDbContextFactory<FiftyOpsDbContext> factory, ActorAccessor actors, TimeProvider clock) : IAuditLog
{
    /// <summary>Appends <paramref name="record"/> to the hash chain in its own transaction, as <paramref name="actor"/>, at the clock's UTC time.</summary>
    public async Task RecordAsync(AuditActor actor, AuditRecord record, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await AuditChain.AppendAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), actor, [record], clock.GetUtcNow().UtcDateTime, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>As <see cref="RecordAsync(AuditActor, AuditRecord, CancellationToken)"/>, the actor being <paramref name="user"/> with the current request's client address.</summary>
    public Task RecordAsync(ClaimsPrincipal? user, AuditRecord record, CancellationToken ct = default) =>
        RecordAsync(actors.For(user), record, ct);

    /// <summary>A download (workbook, PDF, template): <paramref name="objectType"/> and <paramref name="objectId"/> name what, <paramref name="detail"/> the file in Korean.</summary>
    public Task RecordExportAsync(ClaimsPrincipal user, string objectType, string objectId, string detail, CancellationToken ct = default) =>
        RecordAsync(user, new AuditRecord(AuditKind.Export, objectType, objectId, Detail: detail), ct);

    /// <summary>A refusal: what was asked for and, in <paramref name="detail"/>, the roles needed and held (or the session's end).</summary>
    public Task RecordAccessDeniedAsync(ClaimsPrincipal? user, string objectType, string objectId, string detail, CancellationToken ct = default) =>
        RecordAsync(user, new AuditRecord(AuditKind.AccessDenied, objectType, objectId, Detail: detail), ct);

    /// <summary>A reporting period closed (마감); <paramref name="reason"/> is optional.</summary>
    public Task RecordPeriodClosedAsync(ClaimsPrincipal user, int year, int quarter, string? reason = null, CancellationToken ct = default) =>
        RecordAsync(user, AuditRecord.PeriodClosed(year, quarter, reason), ct);

    /// <summary>A closed period reopened, with the reason the administrator gave.</summary>
    public Task RecordPeriodReopenedAsync(ClaimsPrincipal user, int year, int quarter, string? reason = null, CancellationToken ct = default) =>
        RecordAsync(user, AuditRecord.PeriodReopened(year, quarter, reason), ct);
}
