using System.Reflection;
using System.Text.RegularExpressions;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Fifty.Ops.Tests.Audit;

/// <summary>
/// Every entity and field the audit trail can record has a Korean name on the screen, and values read as the rest of the
/// app shows them. Read from the EF model, so a new entity or property without a label fails here.
/// </summary>
public sealed partial class AuditModelLabelsTests
{
    private static IModel Model()
    {
        using var db = new FiftyOpsDbContext(new DbContextOptionsBuilder<FiftyOpsDbContext>().UseSqlite("Data Source=:memory:").Options);
        return db.Model;
    }

    /// <summary>The entity types the save interceptor records (not [NotAudited], not key material, not the trail itself).</summary>
    private static IEnumerable<(string ObjectType, IReadOnlyEntityType Entity)> AuditedEntities() =>
        Model().GetEntityTypes()
            .Where(e => !e.IsPropertyBag && e.ClrType.GetCustomAttribute<NotAuditedAttribute>() is null)
            .Where(e => e.ClrType != typeof(AuditEntry) && e.ClrType.Namespace == "Fifty.Ops.Domain")
            .Select(e => (e.ClrType.GetCustomAttribute<AuditedAsAttribute>()?.ObjectType ?? e.ClrType.Name, (IReadOnlyEntityType)e));

    private static IEnumerable<(string Name, PropertyInfo? Info, Type ClrType)> AuditedProperties(IReadOnlyEntityType entity)
    {
        foreach (var p in entity.GetProperties().Where(p => !p.IsPrimaryKey() && p.PropertyInfo?.GetCustomAttribute<NotAuditedAttribute>() is null))
            yield return (p.Name, p.PropertyInfo, p.ClrType);
        foreach (var c in entity.GetComplexProperties())
        {
            foreach (var p in c.ComplexType.GetProperties())
                yield return ($"{c.Name}.{p.Name}", p.PropertyInfo, p.ClrType);
        }
    }

    [GeneratedRegex(@"\p{IsHangulSyllables}")]
    private static partial Regex Hangul();

    [Fact]
    public void EveryAuditedEntityTypeHasAKoreanName()
    {
        var entities = AuditedEntities().ToList();
        Assert.True(entities.Count >= 20, $"the model should list the domain's entities, found {entities.Count}");
        var missing = entities.Where(e => !Hangul().IsMatch(AuditLabels.ObjectLabel(e.ObjectType) ?? "")).Select(e => e.ObjectType).ToList();
        Assert.True(missing.Count == 0, "no Korean name for: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryAuditedFieldHasAKoreanName()
    {
        var missing = AuditedEntities()
            .SelectMany(e => AuditedProperties(e.Entity).Select(p => (e.ObjectType, p.Name)))
            .Where(x => !Hangul().IsMatch(AuditLabels.Field(x.Name, x.ObjectType) ?? ""))
            .Select(x => $"{x.ObjectType}.{x.Name}")
            .ToList();
        Assert.True(missing.Count == 0, "no Korean name for: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryEnumValueAnAuditedFieldCanHoldReadsInKorean()
    {
        var checkedValues = 0;
        var missing = new List<string>();
        foreach (var (objectType, entity) in AuditedEntities())
        {
            foreach (var p in AuditedProperties(entity))
            {
                var type = Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType;
                if (!type.IsEnum) continue;
                foreach (var name in Enum.GetNames(type))
                {
                    checkedValues++;
                    var shown = AuditLabels.Value(name, p.Name, objectType);
                    if (shown is null || !Hangul().IsMatch(shown)) missing.Add($"{objectType}.{p.Name}={name}");
                }
            }
        }

        Assert.True(checkedValues > 20, "the model's enum fields should be checked");
        Assert.True(missing.Count == 0, "no Korean word for: " + string.Join(", ", missing));
    }

    [Fact]
    public void ObjectTypesNamedOutsideTheModelHaveKoreanNames()
    {
        foreach (var type in new[] { "ImportTemplate", "ReportSnapshot", "StructureWorkbook", "FiscalYear", "CommandLine", "DemoData", "SeedData", "Session", "Url", "AuditTrail", "Backup" })
            Assert.Matches(Hangul(), AuditLabels.ObjectLabel(type)!);
    }

    [Fact]
    public void ValuesReadAsElsewhere_NullIsADashEnumsAreKoreanAmountsHaveSeparators()
    {
        Assert.Equal("—", AuditLabels.Value(null, "CurrentBudget", "BudgetLine"));
        Assert.Equal("120,000", AuditLabels.Value("120000.0", "CurrentBudget", "BudgetLine"));
        Assert.Equal("4.5", AuditLabels.Value("4.5", "Value", "IndicatorValue"));
        Assert.Equal("마감", AuditLabels.Value("Close", "Action", "PeriodStatusChange"));
        Assert.Equal("처리", AuditLabels.Field("Action", "PeriodStatusChange"));
        Assert.Equal("조치 계획", AuditLabels.Field("Action", "IndicatorComment"));
        Assert.Equal("2024", AuditLabels.Value("2024", "Year", "IndicatorValue"));

        var added = AuditLabels.Value("CurrentBudget=120000.0; Disbursed=30000; ForecastRateRaw=null; NameInSource=홍보; RateCommittedRaw=null", objectType: "BudgetLine");
        Assert.Equal("예산현액=120,000; 지출액=30,000; 연말 집행예상률 (원문)=—; 보고서상 이름=홍보; 집행률 (원인행위 기준, 원문)=—", added);

        var value = AuditLabels.Value("IsDraft=False; Kind=Actual; Value=null; UpdatedAt=2026-11-29T17:18:05+00:00", objectType: "IndicatorValue");
        Assert.Equal("작성 중=아니요; 값 종류=실적; 값=—; 수정 시각=2026-11-30 02:18:05", value);

        var snapshot = AuditLabels.Value("Format=1; Sha256=ab12; SupersededAt=null", objectType: "ReportSnapshot")!;
        Assert.DoesNotMatch("Format|Sha256|SupersededAt|null", snapshot);
        Assert.Contains("—", snapshot);
    }

    [Fact]
    public void ForeignKeysInTheContextAreShownByTheirCodeNameOrPeriod()
    {
        var refs = new Dictionary<string, string> { ["ProgrammeNodeId=154"] = "1-2 홍보", ["ReportingPeriodId=3"] = "2024년 1분기", ["IndicatorId=44"] = "P-01 재취업률" };
        var shown = AuditLabels.Detail("추가 · ProgrammeNodeId=154, ReportingPeriodId=3, IndicatorId=44", "BudgetLine", refs)!;
        Assert.Equal("추가 · 사업 체계=1-2 홍보, 보고 기간=2024년 1분기, 성과지표=P-01 재취업률", shown);
    }
}
