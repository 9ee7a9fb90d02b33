using Fifty.Ops.Data;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Features.FiscalYear.Profile;

/// <summary>
/// The institution's name as every page and export shows it (layout title, page titles, report cover, workbook title
/// rows and footers, PDF). It comes from the institution profile (기관 현황, <c>/setup/profile</c>): the profile of the
/// year asked for, else the latest earlier one, else the latest of any year; <see cref="Fallback"/> only when no
/// profile exists at all. No page or export spells the name itself.
/// </summary>
public sealed class InstitutionNameService(IDbContextFactory<FiftyOpsDbContext> factory)
{
    /// <summary>The name used while the database holds no institution profile.</summary>
    public const string Fallback = "서울시50플러스재단";

    /// <param name="year">The fiscal year shown; null for the latest profile.</param>
    public async Task<string> GetAsync(int? year = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await GetAsync(db, year, ct);
    }

    /// <summary>The same rule on the caller's context (a service that already has one open).</summary>
    public static async Task<string> GetAsync(FiftyOpsDbContext db, int? year, CancellationToken ct = default)
    {
        var names = db.InstitutionProfiles.Where(p => p.Name != "");
        var name = year is { } y
            ? await names.Where(p => p.Year <= y).OrderByDescending(p => p.Year).Select(p => p.Name).FirstOrDefaultAsync(ct)
            : null;
        name ??= await names.OrderByDescending(p => p.Year).Select(p => p.Name).FirstOrDefaultAsync(ct);
        return string.IsNullOrWhiteSpace(name) ? Fallback : name.Trim();
    }
}
