using System.Globalization;
using System.Text.Json;
using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Data.Seeding;

/// <summary>
/// Loads <c>seed-data/</c> into an empty database in one transaction: either every file loads or nothing does.
/// Figures are stored as transcribed; rule violations are for the reconciliation views to show, not to fix here.
/// </summary>
public sealed class SeedLoader(FiftyOpsDbContext db, string seedRoot)
{
    private readonly Dictionary<(int Year, string Code), ProgrammeNode> _nodes = [];
    private readonly Dictionary<(int Year, string Code), Project> _projects = [];
    private readonly Dictionary<(int Year, string Code), Indicator> _indicators = [];
    private readonly Dictionary<string, Campus> _campuses = [];
    private readonly Dictionary<DateOnly, ReportingPeriod> _periods = [];
    private readonly Dictionary<int, ReportingPeriod> _reportPeriodByYear = [];

    /// <summary>Loads every year folder of the seed root (institution, staffing, budget, indicators, projects, campuses, periods) in one transaction.</summary>
    /// <exception cref="SeedDataException">The folder is missing, or a file lacks a required field or holds an unknown code (the Korean message names the file); nothing is written.</exception>
    public async Task LoadAsync(CancellationToken ct = default)
    {
        if (!Directory.Exists(seedRoot))
        {
            throw new SeedDataException($"seed-data 폴더를 찾을 수 없습니다: {seedRoot}");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        LoadReports();
        LoadCampuses();
        await db.SaveChangesAsync(ct);

        foreach (var year in YearFolders())
        {
            var dir = Path.Combine(seedRoot, year.ToString(CultureInfo.InvariantCulture));
            LoadInstitution(dir, year);
            LoadBudgetSummary(dir, year);
            LoadCostShares(dir, year);
            LoadStaffing(dir, year);
            LoadExecutives(dir, year);
            LoadFacilities(dir, year);
            LoadSharedOffices(dir, year);
            LoadDowntownCentre(dir, year);
            LoadProgramme(dir, year);
            await db.SaveChangesAsync(ct);
            LoadBudgetLines(dir, year);
            LoadCampusBudgetLinks(dir, year);
            LoadProjects(dir, year);
            await db.SaveChangesAsync(ct);
            LoadNarratives(dir, year);
            LoadIndicators(dir, year);
            await db.SaveChangesAsync(ct);
            LoadIndicatorValues(dir, year);
            LoadPolicyTargets(dir);
            await db.SaveChangesAsync(ct);
        }

        await tx.CommitAsync(ct);
    }

    private IEnumerable<int> YearFolders() =>
        Directory.EnumerateDirectories(seedRoot)
            .Select(Path.GetFileName)
            .Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : 0)
            .Where(y => y > 2000)
            .Order();

    private static IEnumerable<CsvRow> Rows(string dir, string file)
    {
        var path = Path.Combine(dir, file);
        return File.Exists(path) ? CsvTable.Read(path).Rows : [];
    }

    private static IEnumerable<CsvRow> RowsOfAll(string dir, string prefix) =>
        Directory.EnumerateFiles(dir, prefix + "*.csv").Order(StringComparer.Ordinal).SelectMany(f => CsvTable.Read(f).Rows);

    private static SourceRef Source(CsvRow r) => new(r.Required("source_doc"), r.Required("source_section"));

    private void LoadReports()
    {
        foreach (var r in Rows(Path.Combine(seedRoot, "common"), "reports.csv"))
        {
            var asOf = r.Date("as_of")!.Value;
            var period = new ReportingPeriod
            {
                Year = r.Whole("year")!.Value,
                Quarter = r.Whole("quarter")!.Value,
                AsOf = asOf,
                Label = r.Required("label"),
                // Published reports are history: their figures must not change under a planner's hands.
                IsClosed = true,
            };
            db.ReportingPeriods.Add(period);
            _periods[asOf] = period;
            _reportPeriodByYear[period.Year] = period;
        }
    }

    private ReportingPeriod PeriodOf(CsvRow r, string column = "as_of")
    {
        var asOf = r.Date(column) ?? throw r.Error(column, "기준일이 비어 있습니다");
        return _periods.TryGetValue(asOf, out var p) ? p : throw r.Error(column, $"common/reports.csv에 없는 기준일입니다 ({asOf:yyyy-MM-dd})");
    }

    private ReportingPeriod ReportPeriod(int year, CsvRow r) =>
        _reportPeriodByYear.TryGetValue(year, out var p) ? p : throw r.Error("year", $"{year}년 보고서가 common/reports.csv에 없습니다");

    private void LoadCampuses()
    {
        foreach (var r in Rows(Path.Combine(seedRoot, "common"), "campuses.csv"))
        {
            var campus = new Campus
            {
                Code = r.Required("code"),
                Name = r.Required("name"),
                Kind = r.Required("kind") == "centre" ? CampusKind.Centre : CampusKind.Campus,
                SortOrder = r.Whole("sort_order") ?? 0,
            };
            db.Campuses.Add(campus);
            _campuses[campus.Code] = campus;
        }
    }

    private Campus CampusOf(CsvRow r) =>
        _campuses.TryGetValue(r.Required("campus_code"), out var c) ? c : throw r.Error("campus_code", "알 수 없는 캠퍼스 코드입니다");

    private void LoadInstitution(string dir, int year)
    {
        var path = Path.Combine(dir, "institution.json");
        if (!File.Exists(path)) return;
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        string? Str(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        List<string> Strings(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.ToString()).ToList()
            : [];
        var history = root.TryGetProperty("history", out var h) && h.ValueKind == JsonValueKind.Array
            ? h.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Object
                ? $"{(e.TryGetProperty("dateRaw", out var d) ? d.GetString() : "")} {(e.TryGetProperty("event", out var ev) ? ev.GetString() : "")}".Trim()
                : e.ToString()).ToList()
            : [];
        db.InstitutionProfiles.Add(new InstitutionProfile
        {
            Year = year,
            AsOf = DateOnly.Parse(Str("asOf") ?? $"{year}-12-31", CultureInfo.InvariantCulture),
            Name = Str("name") ?? throw new SeedDataException($"{year}/institution.json: name이 없습니다."),
            Address = Str("address"),
            FoundedOn = Str("foundedOn") is { } f ? DateOnly.Parse(f, CultureInfo.InvariantCulture) : null,
            LegalForm = Str("legalForm"),
            Purpose = Str("purpose"),
            Mission = Str("mission"),
            Vision = Str("vision"),
            Organisation = Str("organisation"),
            BusinessScope = Strings("businessScope"),
            History = history,
            CoreValues = Strings("coreValues"),
            ManagementGoals = Strings("managementGoals"),
            StrategicDirections = Strings("strategicDirections"),
            Departments = Strings("departments"),
            Source = new SourceRef(Str("sourceDoc") ?? "", Str("sourceSection") ?? ""),
        });
    }

    private void LoadBudgetSummary(string dir, int year)
    {
        foreach (var r in Rows(dir, "budget_summary.csv"))
        {
            db.BudgetSummaryItems.Add(new BudgetSummaryItem
            {
                Year = year,
                AsOf = r.Date("as_of")!.Value,
                Side = r.Required("side") switch
                {
                    "revenue" => BudgetSide.Revenue,
                    "expenditure" => BudgetSide.Expenditure,
                    _ => throw r.Error("side", "revenue 또는 expenditure여야 합니다"),
                },
                Ordinal = r.Whole("ordinal")!.Value,
                Item = r.Required("item"),
                Amount = r.Number("amount") ?? throw r.Error("amount", "금액이 비어 있습니다"),
                IsTotal = r.Flag("is_total"),
                ParentItem = r["parent_item"],
                Source = Source(r),
            });
        }
    }

    private void LoadCostShares(string dir, int year)
    {
        foreach (var r in Rows(dir, "programme_cost_shares.csv"))
        {
            db.ProgrammeCostShares.Add(new ProgrammeCostShare
            {
                Year = year,
                AsOf = r.Date("as_of")!.Value,
                Ordinal = r.Whole("ordinal")!.Value,
                Area = r.Required("area"),
                Amount = r.Number("amount") ?? throw r.Error("amount", "금액이 비어 있습니다"),
                ShareRaw = r["share_raw"],
                Note = r["note"],
                IsTotal = r.Flag("is_total"),
                Source = Source(r),
            });
        }
    }

    private void LoadStaffing(string dir, int year)
    {
        var ordinal = 0;
        foreach (var r in Rows(dir, "staffing.csv"))
        {
            db.StaffingEntries.Add(new StaffingEntry
            {
                Year = year,
                AsOf = r.Date("as_of")!.Value,
                Ordinal = ++ordinal,
                Unit = r.Required("unit"),
                Grade = r.Required("grade"),
                Authorized = r.Whole("authorized"),
                Current = r.Whole("current"),
                Separate = r.Whole("separate"),
                Raw = r["raw"],
                Source = Source(r),
            });
        }
    }

    private void LoadExecutives(string dir, int year)
    {
        foreach (var r in Rows(dir, "executives.csv"))
        {
            db.Executives.Add(new Executive
            {
                Year = year,
                AsOf = r.Date("as_of")!.Value,
                Ordinal = r.Whole("ordinal")!.Value,
                Role = r.Required("role"),
                Name = r["name"] ?? "",
                Position = r["position"],
                TermRaw = r["term_raw"],
                Source = Source(r),
            });
        }
    }

    private void LoadFacilities(string dir, int year)
    {
        foreach (var r in Rows(dir, "facilities.csv"))
        {
            db.CampusFacilities.Add(new CampusFacility
            {
                Campus = CampusOf(r),
                ReportYear = year,
                NameInSource = r.Required("name_in_source"),
                OpenedOn = r.Date("opened_on"),
                OpenedRaw = r["opened_raw"],
                Status = r.Required("status") switch
                {
                    "open" => FacilityStatus.Open,
                    "planned" => FacilityStatus.Planned,
                    "commissioned" => FacilityStatus.Commissioned,
                    _ => throw r.Error("status", "open, planned, commissioned 중 하나여야 합니다"),
                },
                Address = r["address"],
                FloorAreaM2 = r.Number("floor_area_m2"),
                ManagedAreaM2 = r.Number("managed_area_m2"),
                FloorsRaw = r["floors_raw"],
                MainRooms = r["main_rooms"],
                Note = r["note"],
                Source = Source(r),
            });
        }
    }

    private void LoadSharedOffices(string dir, int year)
    {
        foreach (var r in Rows(dir, "shared_offices.csv"))
        {
            db.SharedOffices.Add(new SharedOffice
            {
                Campus = r["campus_code"] == "total" ? null : CampusOf(r),
                Year = year,
                Seats = r.Whole("seats"),
                PrivateSeats = r.Whole("private_seats"),
                OpenSeats = r.Whole("open_seats"),
                AreaM2 = r.Number("area_m2"),
                OccupiedSeats = r.Whole("occupied_seats"),
                SeatsRaw = r["seats_raw"],
                OccupancyRaw = r["occupancy_raw"],
                Note = r["note"],
                Source = Source(r),
            });
        }
    }

    private void LoadDowntownCentre(string dir, int year)
    {
        var downtown = _campuses.GetValueOrDefault("downtown");
        var order = 0;
        foreach (var r in Rows(dir, "downtown_centre.csv"))
        {
            db.CampusProgrammeResults.Add(new CampusProgrammeResult
            {
                Campus = downtown ?? throw r.Error("category", "campuses.csv에 downtown이 없습니다"),
                Year = year,
                AsOf = r.Date("as_of")!.Value,
                Category = r.Required("category"),
                SortOrder = ++order,
                Target = r.Number("target"),
                Actual = r.Number("actual"),
                Source = Source(r),
            });
        }
    }

    private static ProgrammeKind KindOf(CsvRow r) => r.Required("kind") switch
    {
        "total" => ProgrammeKind.Total,
        "programme_costs" => ProgrammeKind.ProgrammeCosts,
        "overheads" => ProgrammeKind.Overheads,
        "policy_area" => ProgrammeKind.PolicyArea,
        "unit_project" => ProgrammeKind.UnitProject,
        "detailed_project" => ProgrammeKind.DetailedProject,
        "overhead_item" => ProgrammeKind.OverheadItem,
        "strategic_task" => ProgrammeKind.StrategicTask,
        "project" => ProgrammeKind.Project,
        _ => throw r.Error("kind", "알 수 없는 구분입니다"),
    };

    public static FundingSource FundingOf(string? raw) => raw switch
    {
        null or "" or "출연금" => FundingSource.Contribution,
        "보조금" => FundingSource.Subsidy,
        "기부금" => FundingSource.Donation,
        "위수탁" => FundingSource.Commissioned,
        "자체" => FundingSource.Own,
        _ => throw new SeedDataException($"알 수 없는 재원입니다: {raw}"),
    };

    private void LoadProgramme(string dir, int year)
    {
        var rows = Rows(dir, "programme.csv").ToList();
        foreach (var r in rows)
        {
            var node = new ProgrammeNode
            {
                Year = year,
                Code = r.Required("code"),
                Level = r.Whole("level") ?? 0,
                Kind = KindOf(r),
                Name = r.Required("name"),
                Funding = FundingOf(r["funding_source"]),
                Tags = r.List("tags"),
                SortOrder = r.Whole("sort_order") ?? 0,
                Source = Source(r),
            };
            if (!_nodes.TryAdd((year, node.Code), node))
            {
                throw r.Error("code", "같은 코드가 두 번 나옵니다");
            }

            db.ProgrammeNodes.Add(node);
        }

        foreach (var r in rows)
        {
            if (r["parent_code"] is not null)
            {
                _nodes[(year, r.Required("code"))].Parent = NodeOf(year, r, "parent_code");
            }
        }

        foreach (var r in Rows(dir, "project_tags.csv"))
        {
            var node = NodeOf(year, r, "programme_code");
            foreach (var tag in r.List("tags").Where(t => !node.Tags.Contains(t)))
            {
                node.Tags.Add(tag);
            }
        }
    }

    private ProgrammeNode NodeOf(int year, CsvRow r, string column) =>
        _nodes.TryGetValue((year, r.Required(column)), out var n) ? n : throw r.Error(column, "programme.csv에 없는 사업 코드입니다");

    private void LoadBudgetLines(string dir, int year)
    {
        foreach (var r in RowsOfAll(dir, "budget_lines"))
        {
            db.BudgetLines.Add(new BudgetLine
            {
                ReportingPeriod = PeriodOf(r),
                ProgrammeNode = r["programme_code"] is null ? null : NodeOf(year, r, "programme_code"),
                Section = r.Required("section") switch
                {
                    "appendix" => BudgetSection.Appendix,
                    "project_table" => BudgetSection.ProjectTable,
                    "required_budget" => BudgetSection.RequiredBudget,
                    _ => throw r.Error("section", "appendix, project_table, required_budget 중 하나여야 합니다"),
                },
                RowInSection = r.Whole("row_in_section")!.Value,
                NameInSource = r.Required("name_in_source"),
                CurrentBudget = r.Number("current_budget"),
                Original = r.Number("original"),
                Supplementary = r.Number("supplementary"),
                Transfers = r.Number("transfers"),
                Committed = r.Number("committed"),
                Disbursed = r.Number("disbursed"),
                Forecast = r.Number("forecast"),
                RateCommittedRaw = r["rate_committed_raw"],
                RateDisbursedRaw = r["rate_disbursed_raw"],
                ForecastRateRaw = r["forecast_rate_raw"],
                Source = Source(r),
            });
        }
    }

    private void LoadCampusBudgetLinks(string dir, int year)
    {
        foreach (var r in Rows(dir, "campus_budget_links.csv"))
        {
            db.CampusBudgetLinks.Add(new CampusBudgetLink
            {
                Campus = CampusOf(r),
                ProgrammeNode = NodeOf(year, r, "programme_code"),
                Role = r.Required("role") switch
                {
                    "operation" => CampusBudgetRole.Operation,
                    "opening" => CampusBudgetRole.Opening,
                    _ => throw r.Error("role", "operation 또는 opening이어야 합니다"),
                },
                Note = r["note"],
                Source = Source(r),
            });
        }
    }

    private void LoadProjects(string dir, int year)
    {
        foreach (var r in Rows(dir, "projects.csv"))
        {
            var codes = r.List("programme_codes");
            foreach (var code in codes.Where(c => !_nodes.ContainsKey((year, c))))
            {
                throw r.Error("programme_codes", $"programme.csv에 없는 사업 코드입니다 ({code})");
            }

            var project = new Project
            {
                Year = year,
                Code = r.Required("code"),
                AreaNo = r.Whole("area_no") ?? 0,
                AreaName = r.Required("area_name"),
                GroupName = r["group_name"],
                Title = r.Required("title"),
                Tags = r.List("tags"),
                Summary = r["summary"],
                Audience = r["audience"],
                Content = r["content"],
                TargetText = r["target_text"],
                ActualText = r["actual_text"],
                RequiredBudget = r.Number("required_budget"),
                ProgrammeCodes = codes,
                SortOrder = r.Whole("sort_order") ?? 0,
                Source = Source(r),
            };
            _projects[(year, project.Code)] = project;
            db.Projects.Add(project);
        }
    }

    private Project ProjectOf(int year, CsvRow r, string column) =>
        _projects.TryGetValue((year, r.Required(column)), out var p) ? p : throw r.Error(column, "projects.csv에 없는 사업 코드입니다");

    private void LoadNarratives(string dir, int year)
    {
        foreach (var r in Rows(dir, "project_narratives.csv"))
        {
            db.ProjectNarratives.Add(new ProjectNarrative
            {
                Project = ProjectOf(year, r, "project_code"),
                ReportingPeriodId = ReportPeriod(year, r).Id,
                Kind = r.Required("kind") switch
                {
                    "progress" => NarrativeKind.Progress,
                    "plan" => NarrativeKind.Plan,
                    _ => throw r.Error("kind", "progress 또는 plan이어야 합니다"),
                },
                Ordinal = r.Whole("ordinal")!.Value,
                Depth = r.Whole("depth") ?? 1,
                Text = r.Required("text"),
                ScheduleRaw = r["schedule_raw"],
                Source = Source(r),
            });
        }
    }

    private void LoadIndicators(string dir, int year)
    {
        foreach (var r in Rows(dir, "indicators.csv"))
        {
            var indicator = new Indicator
            {
                Year = year,
                Code = r.Required("code"),
                Kind = r.Required("kind") switch
                {
                    "promise" => IndicatorKind.Promise,
                    "headline" => IndicatorKind.Headline,
                    "project" => IndicatorKind.Project,
                    _ => throw r.Error("kind", "promise, headline, project 중 하나여야 합니다"),
                },
                Field = r.Required("field"),
                Name = r.Required("name"),
                Unit = r["unit"] ?? "",
                Direction = r["direction"] == "lower" ? Direction.Lower : Direction.Higher,
                SortOrder = r.Whole("sort_order") ?? 0,
                Project = r["project_code"] is null ? null : ProjectOf(year, r, "project_code"),
                RelatedProjectCodes = r.List("related_projects").Select(c => _projects.ContainsKey((year, c))
                    ? c
                    : throw r.Error("related_projects", $"projects.csv에 없는 사업 코드입니다 ('{c}')")).ToList(),
                RelatedBasis = r["related_basis"],
                Note = r["note"],
                Source = Source(r),
            };
            _indicators[(year, indicator.Code)] = indicator;
            db.Indicators.Add(indicator);
        }
    }

    private void LoadIndicatorValues(string dir, int year)
    {
        foreach (var r in Rows(dir, "indicator_values.csv"))
        {
            var raw = r.Required("raw");
            var (main, sub) = IndicatorCellText.Parse(raw);
            db.IndicatorValues.Add(new IndicatorValue
            {
                Indicator = _indicators.TryGetValue((year, r.Required("indicator_code")), out var i)
                    ? i
                    : throw r.Error("indicator_code", "indicators.csv에 없는 지표 코드입니다"),
                Year = r.Whole("year")!.Value,
                Kind = r.Required("kind") switch
                {
                    "actual" => IndicatorValueKind.Actual,
                    "target" => IndicatorValueKind.Target,
                    "stated_rate" => IndicatorValueKind.StatedRate,
                    _ => throw r.Error("kind", "actual, target, stated_rate 중 하나여야 합니다"),
                },
                AsOf = r.Date("as_of"),
                AsOfRaw = r["as_of_raw"],
                Raw = raw,
                Value = main,
                SubValue = sub,
                Source = Source(r),
            });
        }
    }

    private void LoadPolicyTargets(string dir)
    {
        foreach (var r in Rows(dir, "seoul_learn_4050_targets.csv"))
        {
            db.PolicyTargets.Add(new PolicyTarget
            {
                Area = r.Required("area"),
                Programme = r.Required("programme"),
                Measure = r["measure"],
                Unit = r["unit"],
                BaselineYear = r.Whole("baseline_year"),
                BaselineValue = r.Number("baseline_value"),
                TargetYear = r.Whole("target_year"),
                TargetValue = r.Number("target_value"),
                Raw = r["raw"],
                Source = Source(r),
            });
        }
    }
}
