using System.Globalization;
using System.Security.Claims;
using Fifty.Ops.Data;
using Fifty.Ops.Infrastructure.Auditing;
using Fifty.Ops.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.CommandLine;

/// <summary>One verb of the command line (<c>Fifty.Ops year …</c>): runs against the app's services, writes Korean text, returns the exit code.</summary>
public interface ICliCommand
{
    /// <summary>The first argument that selects the command (e.g. <c>year</c>).</summary>
    string Verb { get; }

    /// <summary>One line per form the command takes, for the usage text.</summary>
    IReadOnlyList<string> Usage { get; }

    Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken ct);
}

/// <summary>What a command gets: the app's services, who it runs as, and where to write.</summary>
public sealed record CliContext(IServiceProvider Services, ClaimsPrincipal User, TextWriter Out, TextWriter Error);

/// <summary>
/// <c>Fifty.Ops VERB …</c> runs one command against the configured database instead of serving the app (after the
/// migrations and the seed, as a start would). <c>--as USER</c> runs as that account with its roles, and every change is
/// audited under its name; without it, as the initial administrator (<c>admin</c>), like the other commands. Exit codes as the entry branch's <c>CommandDispatcher</c>:
/// 0 done, 2 refused or wrong arguments (the reason in Korean on stderr), 1 an unexpected failure.
/// </summary>
public static class CommandLineDispatcher
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Refused = 2;
    public const int UsageError = Refused;

    /// <summary>The commands this build knows. A command is added here and nowhere else.</summary>
    public static IReadOnlyList<ICliCommand> Commands { get; } = [new YearCommand()];

    /// <summary>Whether the arguments name a command (otherwise the app is served as usual).</summary>
    public static bool IsCommand(IReadOnlyList<string> args) =>
        args.Count > 0 && Commands.Any(c => string.Equals(c.Verb, args[0], StringComparison.OrdinalIgnoreCase));

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var command = Commands.FirstOrDefault(c => args.Count > 0 && string.Equals(c.Verb, args[0], StringComparison.OrdinalIgnoreCase));
        if (command is null)
        {
            await error.WriteLineAsync("사용법:");
            foreach (var line in Commands.SelectMany(c => c.Usage)) await error.WriteLineAsync("  Fifty.Ops " + line);
            return UsageError;
        }

        var rest = args.Skip(1).ToList();
        var asUser = TakeOption(rest, "--as");
        if (asUser is { Length: 0 })
        {
            await error.WriteLineAsync("--as 뒤에 사용자 아이디를 쓰세요.");
            return UsageError;
        }

        // The same account check and audit entry as the import and period commands; without --as, the initial admin.
        var (user, problem) = await CommandDispatcher.SignInAsync(services, asUser ?? CommandDispatcher.DefaultAdmin, [.. args], ct);
        if (user is null)
        {
            await error.WriteLineAsync(problem);
            return Refused;
        }

        // Changes are audited under this user, from the command line rather than an address.
        services.GetRequiredService<ActorAccessor>().Set(AuditActor.From(user, "명령줄"));
        try
        {
            return await command.RunAsync(new CliContext(services, user, output, error), rest, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Every write runs in one transaction, so a failure leaves the database as it was.
            await error.WriteLineAsync($"예상하지 못한 오류로 중단했습니다 (바뀐 것은 없습니다): {ex.Message}");
            return Failed;
        }
    }

    /// <summary>Removes <c>--name value</c> from <paramref name="args"/>; null when absent, "" when the value is missing.</summary>
    public static string? TakeOption(List<string> args, string name)
    {
        var i = args.FindIndex(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
        if (i < 0) return null;
        var value = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[i + 1] : "";
        args.RemoveRange(i, value.Length == 0 ? 1 : 2);
        return value;
    }

    public static bool TryYear(string? text, out int year) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year) && year is >= 2000 and <= 2100;
}
