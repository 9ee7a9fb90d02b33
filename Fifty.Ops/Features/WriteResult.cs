using System.Security.Claims;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Infrastructure.Security;

namespace Fifty.Ops.Features;

/// <summary>
/// The outcome of every write a page asks for (entry forms, year setup, period and user administration, commentary):
/// saved, refused, or refused because someone else saved first. A refusal wrote nothing (writes are transactional).
/// </summary>
/// <param name="Saved">The change was written (or there was nothing to change and <see cref="Message"/> says so).</param>
/// <param name="Errors">
/// Why it was refused, keyed by the form field at fault (the input property's name), <see cref="General"/> ("") for the
/// form as a whole; empty when saved or when refused for a <see cref="Conflict"/>.
/// </param>
/// <param name="Conflict">Refused because the record changed after the form opened; null otherwise.</param>
/// <param name="Warnings">
/// Saved, but a rule the figures break is flagged rather than refused (docs/domain.md: over-commitment happens); also
/// notices such as "occupancy cannot be computed". Empty when refused.
/// </param>
/// <param name="Message">What was done, in Korean, for the page's status line; null when refused.</param>
/// <param name="Token">The saved record's version after the write (the form's next concurrency token); null when the write has none.</param>
public sealed record WriteResult(
    bool Saved,
    IReadOnlyDictionary<string, string> Errors,
    SaveConflict? Conflict,
    IReadOnlyList<string> Warnings,
    string? Message,
    string? Token)
{
    /// <summary>The <see cref="Errors"/> key of a refusal that concerns the whole form (role, closed period, missing record).</summary>
    public const string General = "";

    /// <summary>A password issued by the write (a new account, a reset), shown once and never stored in clear; null otherwise.</summary>
    public string? IssuedPassword { get; init; }

    /// <summary>Same as <see cref="Saved"/>: the write went through.</summary>
    public bool Succeeded => Saved;

    public static WriteResult Ok(string? message = null, string? token = null, IReadOnlyList<string>? warnings = null) =>
        new(true, new Dictionary<string, string>(), null, warnings ?? [], message, token);

    /// <summary>Refused for one reason: <paramref name="field"/> is the input at fault, <see cref="General"/> for the form.</summary>
    public static WriteResult Fail(string field, string message) =>
        new(false, new Dictionary<string, string> { [field] = message }, null, [], null, null);

    /// <summary>Refused for the whole form (a role refusal, a closed period): <c>Fail(General, message)</c>.</summary>
    public static WriteResult Refused(string message) => Fail(General, message);

    /// <summary>Refused with one message per field at fault.</summary>
    public static WriteResult Invalid(IReadOnlyDictionary<string, string> errors) => new(false, errors, null, [], null, null);

    public static WriteResult Conflicted(SaveConflict conflict) => new(false, new Dictionary<string, string>(), conflict, [], null, null);
}

/// <summary>The prologue every write shares: the caller's role and session are checked again at the moment of writing.</summary>
public static class WriteGuard
{
    /// <summary>
    /// Null when <paramref name="user"/> may do <paramref name="action"/> now (policy held, session still valid); else the
    /// Korean refusal as a <see cref="WriteResult.Refused"/> result, already recorded in the audit trail by
    /// <see cref="AccessGuard.DemandAsync"/>, whatever the screen showed.
    /// </summary>
    public static async Task<WriteResult?> RefuseAsync(this AccessGuard guard, ClaimsPrincipal user, string policy, string action,
        string objectType, string objectId, CancellationToken ct = default) =>
        await guard.DemandAsync(user, policy, action, objectType, objectId, ct) is { } refusal ? WriteResult.Refused(refusal) : null;
}
