using System.IO.Compression;
using Fifty.Ops.CommandLine;
using Fifty.Ops.Data;
using Fifty.Ops.Features.Reports;
using Fifty.Ops.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fifty.Ops.Tests.FiscalYear;

/// <summary>
/// A test class whose every test boots its own app (<see cref="AppFactory"/>, a fresh copy of the run's seeded database)
/// and calls its services as the pages and the command line do: the fiscal-year tests that change the year or close
/// quarters, which cannot share one database.
/// </summary>
public abstract class AppTestBase : IAsyncLifetime, IDisposable
{
    protected AppFactory App { get; } = new();

    /// <summary>Starts the app (migrations, seed, accounts).</summary>
    public virtual Task InitializeAsync()
    {
        _ = App.Services;
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync() => await App.DisposeAsync();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing) App.Dispose();
    }

    /// <summary>One of the app's services, as a page gets it.</summary>
    protected T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>A context from the app's own factory (no tracking by default, audited).</summary>
    protected FiftyOpsDbContext Db() => Get<IDbContextFactory<FiftyOpsDbContext>>().CreateDbContext();

    /// <summary>Runs a command line (<c>Fifty.Ops year …</c>, <c>import …</c>) on the app's services: exit code, output, errors.</summary>
    protected async Task<(int Code, string Out, string Error)> CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandDispatcher.RunAsync(App.Services, args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The quarter's report as printed (HTML) and as the workbook's parts (<see cref="Parts"/>), built from the live report service.</summary>
    protected async Task<(string Html, IReadOnlyDictionary<string, byte[]> Workbook)> RenderReportAsync(int year, int quarter)
    {
        var report = (await Get<QuarterlyReportService>().GetAsync(year, quarter))!;
        await using var xlsx = new MemoryStream();
        QuarterlyWorkbook.Write(report, xlsx);
        return (await Get<ReportHtmlRenderer>().RenderAsync(report), Parts(xlsx.ToArray()));
    }

    /// <summary>
    /// Every part of the package, byte for byte. The zip container itself stamps each entry with the time of writing,
    /// so two downloads of the same report differ only there.
    /// </summary>
    internal static IReadOnlyDictionary<string, byte[]> Parts(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var s = e.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            return m.ToArray();
        });
    }

    /// <summary>Asserts two workbooks have the same parts, byte for byte (and at least one).</summary>
    internal static void AssertSameWorkbook(IReadOnlyDictionary<string, byte[]> expected, IReadOnlyDictionary<string, byte[]> actual)
    {
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        Assert.All(expected, part => Assert.True(part.Value.AsSpan().SequenceEqual(actual[part.Key]), $"{part.Key} differs"));
    }
}
