using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Infrastructure.Caching;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Features.FiscalYear.Profile;

/// <summary>
/// The institution's name as every page and export shows it (layout title, page titles, report cover, workbook title
/// rows and footers, PDF). It comes from the institution profile (기관 현황, <c>/setup/profile</c>): the profile of the
/// year asked for, else the latest earlier one, else the latest of any year; <see cref="Fallback"/> only when no
/// profile exists at all. No page or export spells the name itself.
/// <para>
/// Every page's layout asks for it, so the names of all years (one short row per year) are read once and kept for
/// <see cref="Lifetime"/>; a saved profile drops them at once on every instance (<see cref="ReferenceCacheInvalidator"/>).
/// </para>
/// </summary>
public sealed class InstitutionNameService(IDbContextFactory<FiftyOpsDbContext> factory, TimeProvider clock)
    : ReferenceCache<IReadOnlyList<InstitutionNameService.YearName>>(clock)
{
    /// <summary>The name used while the database holds no institution profile.</summary>
    public const string Fallback = "서울시50플러스재단";

    /// <summary>How long the names are kept when no save drops them (<c>Institution:NameCacheSeconds</c>).</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(5);

    private static readonly Type[] ProfileRows = [typeof(InstitutionProfile)];

    /// <summary>A profile's year and its non-empty name.</summary>
    public sealed record YearName(int Year, string Name);

    public override string Name => "institution-names";

    public override IReadOnlyCollection<Type> Sources => ProfileRows;

    public override TimeSpan Lifetime { get; init; } = CacheLifetime;

    /// <param name="year">The fiscal year shown; null for the latest profile.</param>
    public async Task<string> GetAsync(int? year = null, CancellationToken ct = default) =>
        Resolve(await GetOrLoadAsync(async token =>
        {
            await using var db = await factory.CreateDbContextAsync(token);
            return await db.InstitutionProfiles.Where(p => p.Name != "")
                .OrderByDescending(p => p.Year)
                .Select(p => new YearName(p.Year, p.Name))
                .ToListAsync(token);
        }, ct), year);

    /// <summary>The same rule on the caller's context (a service that already has one open), read afresh.</summary>
    public static async Task<string> GetAsync(FiftyOpsDbContext db, int? year, CancellationToken ct = default)
    {
        var names = db.InstitutionProfiles.Where(p => p.Name != "");
        var name = year is { } y
            ? await names.Where(p => p.Year <= y).OrderByDescending(p => p.Year).Select(p => p.Name).FirstOrDefaultAsync(ct)
            : null;
        name ??= await names.OrderByDescending(p => p.Year).Select(p => p.Name).FirstOrDefaultAsync(ct);
        return Clean(name);
    }

    /// <summary>The rule on names of every year, latest first.</summary>
    private static string Resolve(IReadOnlyList<YearName> names, int? year) =>
        Clean((year is { } y ? names.FirstOrDefault(n => n.Year <= y) : null)?.Name ?? (names.Count > 0 ? names[0].Name : null));

    private static string Clean(string? name) => string.IsNullOrWhiteSpace(name) ? Fallback : name.Trim();
}
