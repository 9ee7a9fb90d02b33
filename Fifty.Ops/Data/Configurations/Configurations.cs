using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fifty.Ops.Data.Configurations;

internal sealed class ReportingPeriodConfiguration : IEntityTypeConfiguration<ReportingPeriod>
{
    public void Configure(EntityTypeBuilder<ReportingPeriod> b)
    {
        b.HasIndex(e => new { e.Year, e.Quarter }).IsUnique();
        b.Property(e => e.Label).HasMaxLength(100);
        b.Property(e => e.ClosedBy).HasMaxLength(100);
        b.Property(e => e.ReopenedBy).HasMaxLength(100);
        b.Property(e => e.ReopenReason).HasMaxLength(500);
        b.Property(e => e.Version).IsConcurrencyToken();
    }
}

internal sealed class CampusConfiguration : IEntityTypeConfiguration<Campus>
{
    public void Configure(EntityTypeBuilder<Campus> b)
    {
        b.HasIndex(e => e.Code).IsUnique();
        b.Property(e => e.Code).HasMaxLength(32);
        b.Property(e => e.Name).HasMaxLength(100);
    }
}

internal sealed class CampusFacilityConfiguration : IEntityTypeConfiguration<CampusFacility>
{
    public void Configure(EntityTypeBuilder<CampusFacility> b)
    {
        b.HasOne(e => e.Campus).WithMany().HasForeignKey(e => e.CampusId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.CampusId, e.ReportYear }).IsUnique();
        b.HasSource();
    }
}

internal sealed class SharedOfficeConfiguration : IEntityTypeConfiguration<SharedOffice>
{
    public void Configure(EntityTypeBuilder<SharedOffice> b)
    {
        b.HasOne(e => e.Campus).WithMany().HasForeignKey(e => e.CampusId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.Year, e.CampusId });
        b.HasSource();
    }
}

internal sealed class CampusUsageConfiguration : IEntityTypeConfiguration<CampusUsage>
{
    public void Configure(EntityTypeBuilder<CampusUsage> b)
    {
        b.HasOne(e => e.Campus).WithMany().HasForeignKey(e => e.CampusId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.CampusId, e.Year, e.Month, e.IsDemo }).IsUnique();
        b.Property(e => e.UpdatedBy).HasMaxLength(100);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.ToTable(t =>
        {
            t.HasCheckConstraint("CK_CampusUsages_Month", "\"Month\" BETWEEN 1 AND 12");
            t.HasCheckConstraint("CK_CampusUsages_NonNegative",
                "COALESCE(\"Visits\",0) >= 0 AND COALESCE(\"CourseParticipants\",0) >= 0 AND COALESCE(\"CounsellingCases\",0) >= 0 AND COALESCE(\"Communities\",0) >= 0 AND COALESCE(\"OccupiedSeats\",0) >= 0");
        });
    }
}

internal sealed class CampusBudgetLinkConfiguration : IEntityTypeConfiguration<CampusBudgetLink>
{
    public void Configure(EntityTypeBuilder<CampusBudgetLink> b)
    {
        b.HasOne(e => e.Campus).WithMany().HasForeignKey(e => e.CampusId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.ProgrammeNode).WithMany().HasForeignKey(e => e.ProgrammeNodeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.CampusId, e.ProgrammeNodeId }).IsUnique();
        b.HasIndex(e => e.ProgrammeNodeId);
        b.HasSource();
    }
}

internal sealed class CampusProgrammeResultConfiguration : IEntityTypeConfiguration<CampusProgrammeResult>
{
    public void Configure(EntityTypeBuilder<CampusProgrammeResult> b)
    {
        b.HasOne(e => e.Campus).WithMany().HasForeignKey(e => e.CampusId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.CampusId, e.Year });
        b.HasSource();
    }
}

internal sealed class BudgetSummaryItemConfiguration : IEntityTypeConfiguration<BudgetSummaryItem>
{
    public void Configure(EntityTypeBuilder<BudgetSummaryItem> b)
    {
        b.HasIndex(e => new { e.Year, e.Side, e.Ordinal }).IsUnique();
        b.HasSource();
    }
}

internal sealed class ProgrammeCostShareConfiguration : IEntityTypeConfiguration<ProgrammeCostShare>
{
    public void Configure(EntityTypeBuilder<ProgrammeCostShare> b)
    {
        b.HasIndex(e => new { e.Year, e.Ordinal }).IsUnique();
        b.HasSource();
    }
}

internal sealed class StaffingEntryConfiguration : IEntityTypeConfiguration<StaffingEntry>
{
    public void Configure(EntityTypeBuilder<StaffingEntry> b)
    {
        b.HasIndex(e => new { e.Year, e.Ordinal }).IsUnique();
        b.HasSource();
    }
}

internal sealed class ExecutiveConfiguration : IEntityTypeConfiguration<Executive>
{
    public void Configure(EntityTypeBuilder<Executive> b)
    {
        b.HasIndex(e => new { e.Year, e.Ordinal }).IsUnique();
        b.HasSource();
    }
}

internal sealed class InstitutionProfileConfiguration : IEntityTypeConfiguration<InstitutionProfile>
{
    public void Configure(EntityTypeBuilder<InstitutionProfile> b)
    {
        b.HasKey(e => e.Year);
        b.Property(e => e.Year).ValueGeneratedNever();
        b.HasSource();
    }
}

internal sealed class ProgrammeNodeConfiguration : IEntityTypeConfiguration<ProgrammeNode>
{
    public void Configure(EntityTypeBuilder<ProgrammeNode> b)
    {
        b.HasIndex(e => new { e.Year, e.Code }).IsUnique();
        b.Property(e => e.Code).HasMaxLength(32);
        b.Property(e => e.Name).HasMaxLength(200);
        b.HasOne(e => e.Parent).WithMany().HasForeignKey(e => e.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasSource();
        b.HasRetirement();
    }
}

internal sealed class BudgetLineConfiguration : IEntityTypeConfiguration<BudgetLine>
{
    public void Configure(EntityTypeBuilder<BudgetLine> b)
    {
        b.HasOne(e => e.ReportingPeriod).WithMany().HasForeignKey(e => e.ReportingPeriodId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.ProgrammeNode).WithMany().HasForeignKey(e => e.ProgrammeNodeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.ReportingPeriodId, e.Section, e.RowInSection }).IsUnique();
        b.HasIndex(e => e.ProgrammeNodeId);
        b.Property(e => e.NameInSource).HasMaxLength(300);
        b.Property(e => e.UpdatedBy).HasMaxLength(100);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasSource();
        // A line of a retired (일몰) row leaves the year's views with its row; lines without a row (a source's
        // uncoded rows) stay.
        b.HasQueryFilter(e => e.ProgrammeNodeId == null || e.ProgrammeNode != null);
    }
}

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> b)
    {
        b.HasIndex(e => new { e.Year, e.Code }).IsUnique();
        b.Property(e => e.Code).HasMaxLength(32);
        b.HasSource();
        b.HasRetirement();
    }
}

internal sealed class ProjectNarrativeConfiguration : IEntityTypeConfiguration<ProjectNarrative>
{
    public void Configure(EntityTypeBuilder<ProjectNarrative> b)
    {
        b.HasOne(e => e.Project).WithMany().HasForeignKey(e => e.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ReportingPeriod>().WithMany().HasForeignKey(e => e.ReportingPeriodId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.ProjectId, e.ReportingPeriodId, e.Kind, e.Ordinal }).IsUnique();
        b.Property(e => e.UpdatedBy).HasMaxLength(100);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasSource();
    }
}

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> b)
    {
        b.HasIndex(e => new { e.Year, e.Code }).IsUnique();
        b.Property(e => e.Code).HasMaxLength(32);
        b.HasOne(e => e.Project).WithMany().HasForeignKey(e => e.ProjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasSource();
    }
}

internal sealed class IndicatorValueConfiguration : IEntityTypeConfiguration<IndicatorValue>
{
    public void Configure(EntityTypeBuilder<IndicatorValue> b)
    {
        b.HasOne(e => e.Indicator).WithMany().HasForeignKey(e => e.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.IndicatorId, e.Year, e.Kind });
        // A planner's cell belongs to one period: at most one per indicator, year, kind and period (source cells have none).
        b.HasOne<ReportingPeriod>().WithMany().HasForeignKey(e => e.ReportingPeriodId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.IndicatorId, e.Year, e.Kind, e.ReportingPeriodId }).IsUnique();
        b.Property(e => e.UpdatedBy).HasMaxLength(100);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasSource();
    }
}

internal sealed class IndicatorCommentConfiguration : IEntityTypeConfiguration<IndicatorComment>
{
    public void Configure(EntityTypeBuilder<IndicatorComment> b)
    {
        b.HasOne(e => e.Indicator).WithMany().HasForeignKey(e => e.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ReportingPeriod>().WithMany().HasForeignKey(e => e.ReportingPeriodId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.IndicatorId, e.ReportingPeriodId }).IsUnique();
        b.Property(e => e.Version).IsConcurrencyToken();
    }
}

internal sealed class PolicyTargetConfiguration : IEntityTypeConfiguration<PolicyTarget>
{
    public void Configure(EntityTypeBuilder<PolicyTarget> b) => b.HasSource();
}
