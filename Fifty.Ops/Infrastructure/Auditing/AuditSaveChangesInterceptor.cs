using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Fifty.Ops.Infrastructure.Auditing;

/// <summary>
/// Writes every tracked data change (entity, field, old → new) to the audit trail in the transaction that saves it:
/// the caller's transaction if there is one, otherwise one begun here and committed only after the audit rows are in.
/// A change and its audit entry are therefore saved together or not at all.
/// <para>
/// Only the change tracker is seen: <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> and raw SQL bypass it and must not be
/// used for business data. The synchronous <c>SaveChanges</c> is refused for audited changes.
/// </para>
/// </summary>
public sealed class AuditSaveChangesInterceptor(ActorAccessor actors, TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    internal sealed record SaveState(IReadOnlyList<Func<AuditRecord>> Changes, IDbContextTransaction? OwnTransaction);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is FiftyOpsDbContext db)
        {
            GuardAuditEntries(db);
            if (db.AuditChanges && (Capture(db).Count > 0 || db.AuditNotes.Count > 0))
                throw new InvalidOperationException("Audited changes must be saved with SaveChangesAsync.");
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not FiftyOpsDbContext db) return result;
        GuardAuditEntries(db);
        if (!db.AuditChanges) return result;
        var changes = Capture(db);
        if (changes.Count == 0 && db.AuditNotes.Count == 0) return result;
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        db.AuditState = new SaveState(changes, own);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not FiftyOpsDbContext { AuditState: { } state } db) return result;
        db.AuditState = null;
        try
        {
            var records = state.Changes.Select(c => c()).Concat(db.AuditNotes).ToList();
            db.AuditNotes.Clear();
            var actor = db.Actor ?? actors.Current ?? AuditActor.System;
            var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("The audited save lost its transaction.");
            await AuditChain.AppendAsync(db.Database.GetDbConnection(), transaction.GetDbTransaction(), actor, records, clock.GetUtcNow().UtcDateTime, cancellationToken);
            if (state.OwnTransaction is { } own)
            {
                await own.CommitAsync(cancellationToken);
                await own.DisposeAsync();
            }
        }
        catch
        {
            await AbandonAsync(state);
            throw;
        }

        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is FiftyOpsDbContext { AuditState: { } state } db)
        {
            db.AuditState = null;
            await AbandonAsync(state);
        }
    }

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is FiftyOpsDbContext { AuditState: { } state } db)
        {
            db.AuditState = null;
            await AbandonAsync(state);
        }
    }

    private static async Task AbandonAsync(SaveState state)
    {
        if (state.OwnTransaction is not { } own) return;
        await own.RollbackAsync(CancellationToken.None);
        await own.DisposeAsync();
    }

    private static void GuardAuditEntries(FiftyOpsDbContext db)
    {
        if (db.ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("Audit entries are appended by the audit log only; they are never added, changed or deleted through EF.");
    }

    /// <summary>
    /// Old and new values are read now, before the save accepts them; an added entity is described after the save,
    /// when its generated key is known.
    /// </summary>
    private static List<Func<AuditRecord>> Capture(FiftyOpsDbContext db)
    {
        var changes = new List<Func<AuditRecord>>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var type = entry.Metadata.ClrType;
            if (type.GetCustomAttribute<NotAuditedAttribute>() is not null) continue;
            // Key material is not data and must never reach the trail (a stolen key signs any cookie).
            if (type == typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey)) continue;
            var audited = type.GetCustomAttribute<AuditedAsAttribute>();
            var objectType = audited?.ObjectType ?? type.Name;
            var kind = audited?.Kind ?? AuditKind.DataChange;

            switch (entry.State)
            {
                case EntityState.Added:
                    changes.Add(() => new AuditRecord(kind, objectType, ObjectId(entry, audited), NewValue: Describe(entry), Detail: Join("추가", Context(entry))));
                    break;
                case EntityState.Deleted:
                    var deleted = new AuditRecord(kind, objectType, ObjectId(entry, audited), OldValue: Describe(entry), Detail: Join("삭제", Context(entry)));
                    changes.Add(() => deleted);
                    break;
                default:
                    var id = ObjectId(entry, audited);
                    var context = Context(entry);
                    foreach (var (name, p) in AuditedProperties(entry))
                    {
                        if (!p.IsModified || p.Metadata.GetValueComparer().Equals(p.OriginalValue, p.CurrentValue)) continue;
                        var record = IsRedacted(p)
                            ? new AuditRecord(kind, objectType, id, name, Detail: Join("변경됨 (값은 기록하지 않음)", context))
                            : new AuditRecord(KindOf(entry, name, p, kind), objectType, id, name, Format(p.OriginalValue), Format(p.CurrentValue), context);
                        changes.Add(() => record);
                    }

                    break;
            }
        }

        return changes;
    }

    /// <summary>Closing or reopening a period is an event of its own kind, whoever's code makes the change.</summary>
    private static AuditKind KindOf(EntityEntry entry, string field, PropertyEntry p, AuditKind kind) =>
        entry.Entity is ReportingPeriod && field == nameof(ReportingPeriod.IsClosed)
            ? (p.CurrentValue is true ? AuditKind.PeriodClosed : AuditKind.PeriodReopened)
            : kind;

    private static IEnumerable<(string Name, PropertyEntry Property)> AuditedProperties(EntityEntry entry)
    {
        foreach (var p in entry.Properties)
        {
            if (p.Metadata.PropertyInfo?.GetCustomAttribute<NotAuditedAttribute>() is null) yield return (p.Metadata.Name, p);
        }

        foreach (var complex in entry.ComplexProperties)
        {
            foreach (var p in complex.Properties)
            {
                if (p.Metadata.PropertyInfo?.GetCustomAttribute<NotAuditedAttribute>() is null) yield return ($"{complex.Metadata.Name}.{p.Metadata.Name}", p);
            }
        }
    }

    private static bool IsRedacted(PropertyEntry p) => p.Metadata.PropertyInfo?.GetCustomAttribute<AuditRedactedAttribute>() is not null;

    private static string ObjectId(EntityEntry entry, AuditedAsAttribute? audited)
    {
        if (audited?.KeyProperty is { } key) return Format(entry.Property(key).CurrentValue) ?? "";
        var pk = entry.Metadata.FindPrimaryKey()!.Properties;
        return string.Join("/", pk.Select(p => Format(entry.Property(p.Name).CurrentValue)));
    }

    /// <summary>"Cause=…; Action=…": every audited value of an added or deleted entity.</summary>
    private static string Describe(EntityEntry entry) =>
        string.Join("; ", AuditedProperties(entry)
            .Where(x => !x.Property.Metadata.IsPrimaryKey())
            .Select(x => $"{x.Name}={(IsRedacted(x.Property) ? "(기록하지 않음)" : Format(entry.State == EntityState.Deleted ? x.Property.OriginalValue : x.Property.CurrentValue) ?? "null")}"));

    /// <summary>What the object belongs to (its foreign keys, code, year), so an auditor can place a changed field.</summary>
    private static string? Context(EntityEntry entry)
    {
        var parts = entry.Properties
            .Where(p => !p.Metadata.IsPrimaryKey() && (p.Metadata.IsForeignKey() || p.Metadata.Name is "Code" or "Year" or "Quarter"))
            .Select(p => (p.Metadata.Name, Value: Format(p.OriginalValue ?? p.CurrentValue)))
            .Where(p => p.Value is not null)
            .Select(p => $"{p.Name}={p.Value}")
            .ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private static string? Join(string what, string? context) => context is null ? what : $"{what} · {context}";

    internal static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        DateTimeOffset d => d.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable e => JsonSerializer.Serialize(e.Cast<object?>(), Json),
        _ => value.ToString(),
    };
}
