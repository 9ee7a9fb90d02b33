using System.Data.Common;
using Fifty.Ops.Data;
using Fifty.Ops.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Fifty.Ops.Tests.Web;

/// <summary>
/// Pins the SQL commands each main page runs when it is prerendered through the app's own pipeline (sign-in cookie,
/// layout, page, feature services), the figure the benchmark reports as "queries per page" (docs/benchmarks.md).
/// Only the commands of the request itself are counted (an async-local scope opened by a middleware), not those of
/// background services or other tests. The reporting periods are kept for the whole test (<c>Periods:CacheSeconds</c>)
/// so the count does not depend on how fast a busy machine runs the requests: every page is counted warm, as a user
/// navigating within the periods' lifetime would see it.
/// </summary>
public sealed class PageQueryCountTests(PageQueryCountTests.CountingAppFactory factory, ITestOutputHelper output) : IClassFixture<PageQueryCountTests.CountingAppFactory>
{
    /// <summary>
    /// The ceiling per page: the figure reached in issue 17 (decision 0022), the figure before the MudBlazor shell but
    /// for the reconciliation. Seed data, 2023 Q3: last year's same quarter is no period, so 전년 동기 adds nothing here.
    /// </summary>
    public static TheoryData<string, int> Pages => new()
    {
        { "/", 10 },
        { "/indicators", 4 },
        { "/indicators/{id}", 8 },
        { "/projects", 5 },
        { "/projects/{code}", 7 },
        { "/budget", 8 },
        { "/budget/reconciliation", 8 }, // 6 before: its rules also read the year's cost shares and budget summary (0022)
        { "/campuses", 9 },
        { "/reports", 9 },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryMainPageRunsNoMoreCommandsThanItsCeiling(string page, int ceiling)
    {
        var url = await UrlAsync(page) + "?year=2023&quarter=3";
        var client = await factory.SharedClientAsync(AppRoles.Admin);
        (await client.GetAsync(new Uri(url, UriKind.Relative))).EnsureSuccessStatusCode(); // warm: periods, caches

        var commands = await factory.CountAsync(async () =>
        {
            var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            response.EnsureSuccessStatusCode();
            Assert.Contains("data-shell", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        });

        foreach (var command in commands) output.WriteLine(command.Replace("\n", " ", StringComparison.Ordinal));
        Assert.NotEmpty(commands); // the page reads its figures: a count of zero would mean the scope saw nothing
        Assert.True(commands.Count <= ceiling, $"{url} ran {commands.Count} SQL commands, more than its ceiling of {ceiling}:\n{string.Join("\n", commands)}");
    }

    private async Task<string> UrlAsync(string page)
    {
        if (!page.Contains('{', StringComparison.Ordinal)) return page;
        await using var db = await factory.DbAsync();
        return page.EndsWith("{id}", StringComparison.Ordinal)
            ? page.Replace("{id}", (await db.Indicators.Where(i => i.Year == 2023).OrderBy(i => i.SortOrder).Select(i => i.Id).FirstAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            : page.Replace("{code}", await db.Projects.Where(p => p.Year == 2023).OrderBy(p => p.SortOrder).Select(p => p.Code).FirstAsync(), StringComparison.Ordinal);
    }

    /// <summary>The app with a command recorder on every context it makes; counts only inside <see cref="CountAsync"/>.</summary>
    public sealed class CountingAppFactory : AppFactory
    {
        private readonly Recorder _recorder = new();

        public CountingAppFactory() => Settings["Periods:CacheSeconds"] = "3600";

        /// <summary>The SQL text of every command EF Core ran while <paramref name="action"/> ran, in order.</summary>
        public async Task<List<string>> CountAsync(Func<Task> action)
        {
            var commands = new List<string>();
            _recorder.Scope.Value = commands;
            try
            {
                await action();
            }
            finally
            {
                _recorder.Scope.Value = null;
            }

            lock (commands) return [.. commands];
        }

        protected override void ConfigureTestServices(IServiceCollection services)
        {
            // The client's execution context (the scope) flows into the request the test server runs.
            services.Configure<TestServerOptions>(o => o.PreserveExecutionContext = true);
            services.ConfigureDbContext<FiftyOpsDbContext>((_, options) => options.AddInterceptors(_recorder), ServiceLifetime.Singleton);
        }

        private sealed class Recorder : DbCommandInterceptor
        {
            public AsyncLocal<List<string>?> Scope { get; } = new();

            public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
            {
                Record(command);
                return result;
            }

            public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
            {
                Record(command);
                return ValueTask.FromResult(result);
            }

            public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
            {
                Record(command);
                return result;
            }

            public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
            {
                Record(command);
                return ValueTask.FromResult(result);
            }

            public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
            {
                Record(command);
                return result;
            }

            public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
            {
                Record(command);
                return ValueTask.FromResult(result);
            }

            private void Record(DbCommand command)
            {
                if (Scope.Value is { } commands) lock (commands) commands.Add(command.CommandText);
            }
        }
    }
}
