using Fifty.Ops.Features.FiscalYear;

namespace Fifty.Ops.CommandLine;

/// <summary><c>year create YEAR --from YEAR-1</c>: the fiscal-year roll-over of the setup page, from a script.</summary>
public sealed class YearCommand : ICliCommand
{
    public string Verb => "year";

    public IReadOnlyList<string> Usage { get; } = ["year create 2024 --from 2023 [--as 아이디]"];

    public async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, CancellationToken ct)
    {
        var rest = args.ToList();
        var from = CommandLineDispatcher.TakeOption(rest, "--from");
        if (rest.Count != 2 || !string.Equals(rest[0], "create", StringComparison.OrdinalIgnoreCase))
        {
            await context.Error.WriteLineAsync("사용법: Fifty.Ops " + Usage[0]);
            return CommandLineDispatcher.UsageError;
        }

        if (!CommandLineDispatcher.TryYear(rest[1], out var year))
        {
            await context.Error.WriteLineAsync($"만들 회계연도는 2000~2100 사이의 연도여야 합니다 (입력: {rest[1]}).");
            return CommandLineDispatcher.UsageError;
        }

        var fromYear = year - 1;
        if (from is not null && !CommandLineDispatcher.TryYear(from, out fromYear))
        {
            await context.Error.WriteLineAsync($"--from 은 2000~2100 사이의 연도여야 합니다 (입력: {from}).");
            return CommandLineDispatcher.UsageError;
        }

        var result = await context.Services.GetRequiredService<FiscalYearService>().CreateFromAsync(context.User, year, fromYear, ct);
        if (!result.Done)
        {
            await context.Error.WriteLineAsync(result.Message);
            return CommandLineDispatcher.Refused;
        }

        await context.Out.WriteLineAsync(result.Message);
        foreach (var skipped in result.Skipped) await context.Out.WriteLineAsync("  이월하지 않음: " + skipped);
        return CommandLineDispatcher.Ok;
    }
}
