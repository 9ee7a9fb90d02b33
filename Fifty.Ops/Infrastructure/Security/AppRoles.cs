using Fifty.Ops.Domain;

namespace Fifty.Ops.Infrastructure.Security;

/// <summary>The four roles. Their ids are fixed (seeded by the migration and the model) so code and data agree.</summary>
public static class AppRoles
{
    public const string Admin = "admin";
    public const string Planner = "planner";
    public const string Director = "director";
    public const string Auditor = "auditor";

    public static readonly IReadOnlyList<AppRole> All =
    [
        new() { Id = 1, Name = Admin, NormalizedName = "ADMIN", Label = "시스템관리자" },
        new() { Id = 2, Name = Planner, NormalizedName = "PLANNER", Label = "기획담당" },
        new() { Id = 3, Name = Director, NormalizedName = "DIRECTOR", Label = "간부" },
        new() { Id = 4, Name = Auditor, NormalizedName = "AUDITOR", Label = "감사담당" },
    ];

    public static AppRole? ById(int id) => All.FirstOrDefault(r => r.Id == id);

    public static AppRole? ByName(string name) =>
        All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase) || r.NormalizedName == name);

    public static string Label(string name) => ByName(name)?.Label ?? name;

    /// <summary>"기획담당·간부": role names as people read them, in the fixed role order.</summary>
    public static string Labels(IEnumerable<string> names)
    {
        var set = names.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return string.Join("·", All.Where(r => set.Contains(r.Name)).Select(r => r.Label));
    }
}
