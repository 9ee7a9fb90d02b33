using Fifty.Ops.Domain;
using Fifty.Ops.Infrastructure.Auditing;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Data;

/// <summary>
/// The app's one model. It is also ASP.NET Core Identity's (users, roles, role membership and Identity's own claim,
/// login and token tables, kept under the table names the app always used: <see cref="Configurations.AppUserConfiguration"/>).
/// <para>
/// Used as is on SQLite (its migrations are <c>Data/Migrations/Sqlite</c>); on PostgreSQL the app makes
/// <see cref="PostgresFiftyOpsDbContext"/>, the same model with migrations of its own (<c>Data/Migrations/Postgres</c>).
/// Services ask for <see cref="FiftyOpsDbContext"/> either way (decision record 0019).
/// </para>
/// </summary>
public class FiftyOpsDbContext(DbContextOptions<FiftyOpsDbContext> options)
    : IdentityDbContext<AppUser, AppRole, int, IdentityUserClaim<int>, AppUserRole, IdentityUserLogin<int>, IdentityRoleClaim<int>, IdentityUserToken<int>>(options),
        IDataProtectionKeyContext
{
    public DbSet<ReportingPeriod> ReportingPeriods => Set<ReportingPeriod>();
    public DbSet<PeriodStatusChange> PeriodStatusChanges => Set<PeriodStatusChange>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<Campus> Campuses => Set<Campus>();
    public DbSet<CampusFacility> CampusFacilities => Set<CampusFacility>();
    public DbSet<SharedOffice> SharedOffices => Set<SharedOffice>();
    public DbSet<CampusUsage> CampusUsages => Set<CampusUsage>();
    public DbSet<CampusProgrammeResult> CampusProgrammeResults => Set<CampusProgrammeResult>();
    public DbSet<CampusBudgetLink> CampusBudgetLinks => Set<CampusBudgetLink>();
    public DbSet<BudgetSummaryItem> BudgetSummaryItems => Set<BudgetSummaryItem>();
    public DbSet<ProgrammeCostShare> ProgrammeCostShares => Set<ProgrammeCostShare>();
    public DbSet<StaffingEntry> StaffingEntries => Set<StaffingEntry>();
    public DbSet<Executive> Executives => Set<Executive>();
    public DbSet<InstitutionProfile> InstitutionProfiles => Set<InstitutionProfile>();
    public DbSet<ProgrammeNode> ProgrammeNodes => Set<ProgrammeNode>();
    public DbSet<BudgetLine> BudgetLines => Set<BudgetLine>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<ProjectNarrative> ProjectNarratives => Set<ProjectNarrative>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<IndicatorValue> IndicatorValues => Set<IndicatorValue>();
    public DbSet<IndicatorComment> IndicatorComments => Set<IndicatorComment>();
    public DbSet<PolicyTarget> PolicyTargets => Set<PolicyTarget>();
    public DbSet<ReportSnapshot> ReportSnapshots => Set<ReportSnapshot>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>Data-protection keys shared by every instance on this database (cookies, antiforgery tokens).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ScheduleLease> ScheduleLeases => Set<ScheduleLease>();

    /// <summary>Who makes the changes saved through this context; when null, the user of the current request or circuit event.</summary>
    public AuditActor? Actor { get; set; }

    /// <summary>
    /// Data changes are written to the audit trail (<see cref="AuditSaveChangesInterceptor"/>). Off only for a bulk load
    /// that records one entry of its own (the seed).
    /// </summary>
    public bool AuditChanges { get; set; } = true;

    internal List<AuditRecord> AuditNotes { get; } = [];

    internal AuditSaveChangesInterceptor.SaveState? AuditState { get; set; }

    /// <summary>Adds an event to the audit trail in the same transaction as the next SaveChangesAsync of this context.</summary>
    public void AddAuditNote(AuditRecord record) => AuditNotes.Add(record);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        // Identity's model first; the app's configurations then keep its table, column and index names.
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(FiftyOpsDbContext).Assembly);
        Configurations.MoneyColumns.Apply(builder);
        Configurations.ProviderModel.Apply(builder, Database.IsNpgsql());
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name so the database stays readable to auditors with a plain SQLite client.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampVersions();
        RoundToDeclaredScale();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampVersions();
        RoundToDeclaredScale();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// A decimal with a declared scale (the amounts in 천원, <see cref="Configurations.MoneyColumns"/>) is rounded half away
    /// from zero to that scale before it is written. PostgreSQL's <c>numeric(p,s)</c> would round it anyway and SQLite
    /// would store every digit as text: rounding here makes both providers hold, and the app read back, the same figure.
    /// </summary>
    private void RoundToDeclaredScale()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is decimal value && property.Metadata.GetScale() is { } scale)
                {
                    var rounded = Math.Round(value, scale, MidpointRounding.AwayFromZero);
                    if (rounded != value) property.CurrentValue = rounded;
                }
            }
        }
    }

    /// <summary>
    /// Every save of a versioned record raises its <see cref="IVersioned.Version"/> by one; the UPDATE matches the
    /// original version, so a save based on a stale read affects no row and fails with a concurrency exception.
    /// A service that knows which version its editor started from sets that as the original value first.
    /// </summary>
    private void StampVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Added && entry.Entity.Version == 0)
            {
                entry.Entity.Version = 1;
            }
            else if (entry.State == EntityState.Modified)
            {
                var version = entry.Property(e => e.Version);
                version.CurrentValue = version.OriginalValue + 1;
            }
        }
    }
}
