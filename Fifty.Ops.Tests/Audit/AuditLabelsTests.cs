using Fifty.Ops.Features.Audit;

namespace Fifty.Ops.Tests.Audit;

/// <summary>The audit screen reads in Korean: the stored code words are translated for display only.</summary>
public sealed class AuditLabelsTests
{
    [Theory]
    [InlineData("User", "사용자 계정")]
    [InlineData("Url", "화면·파일 주소")]
    [InlineData("QuarterlyReport", "분기 보고서")]
    [InlineData("IndicatorComment", "원인 분석·조치 계획")]
    [InlineData("SomethingNew", "SomethingNew")]
    public void ObjectTypesHaveKoreanNames(string stored, string shown) => Assert.Equal(shown, AuditLabels.ObjectLabel(stored));

    [Fact]
    public void RefusedRequestsSayWhatWasRefusedInsteadOfTheHttpMethod()
    {
        Assert.Equal("화면·파일 열기 거부 · 필요한 역할: 시스템관리자 · 보유 역할: 간부",
            AuditLabels.Detail("GET 거부 · 필요한 역할: 시스템관리자 · 보유 역할: 간부"));
        Assert.Equal("요청 거부 · 필요한 역할: 기획담당", AuditLabels.Detail("POST 거부 · 필요한 역할: 기획담당"));
        Assert.Equal("초기 자료 적재: 초기 자료 폴더", AuditLabels.Detail("초기 자료 적재: /opt/fifty-ops/seed-data"));
    }

    [Fact]
    public void AddedRecordsListKoreanFieldNamesAndYesOrNo()
    {
        Assert.Equal("만든 시각=2026-11-30 02:18:05; 이름=김기획; 시연용 계정=아니요; 사용 중지=아니요",
            AuditLabels.Value("CreatedAt=2026-11-29T17:18:05+00:00; DisplayName=김기획; IsDemo=False; IsDisabled=False"));
        Assert.Equal("예", AuditLabels.Value("True"));
        Assert.Equal("주의 기준", AuditLabels.Field("CautionThreshold"));
        Assert.Equal("기획담당, 간부", AuditLabels.Value("planner, director", "Roles"));
        Assert.Equal("추가 · 연도=2023, 분기=3", AuditLabels.Detail("추가 · Year=2023, Quarter=3"));
    }

    [Fact]
    public void AKoreanSearchWordFindsTheStoredTypesItNames() =>
        Assert.Contains("QuarterlyReport", AuditLabels.TypesNamed("보고서"));
}
