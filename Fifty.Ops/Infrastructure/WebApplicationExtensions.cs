using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fifty.Ops.Data;
using Fifty.Ops.Features;
using Fifty.Ops.Features.Account;
using Fifty.Ops.Features.Audit;
using Fifty.Ops.Features.Reports;
using Fifty.Ops.Features.Budget;
using Fifty.Ops.Features.DataEntry;
using Microsoft.AspNetCore.Localization;
using Fifty.Ops.Infrastructure.Durability;
using Fifty.Ops.Infrastructure.Ui;

namespace Fifty.Ops.Infrastructure;

public static class WebApplicationExtensions
{
    public static readonly CultureInfo Korean = CultureInfo.GetCultureInfo("ko-KR");

    /// <summary>
    /// Every service of the app, the same for the web server and for a command (<c>CommandLine/CommandDispatcher</c>),
    /// so a command runs with exactly the checks, rules and audit the screens use.
    /// </summary>
    public static WebApplicationBuilder AddFiftyOps(this WebApplicationBuilder builder)
    {
        builder.Services.AddFiftyOpsData(builder.Configuration);
        builder.Services.AddFiftyOpsDurability(builder.Configuration);
        builder.Services.AddFiftyOpsFeatures();
        builder.Services.AddFiftyOpsUi();
        builder.Services.AddFiftyOpsSecurity(builder.Configuration, builder.Environment);
        return builder;
    }

    public static IServiceCollection AddFiftyOpsUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Pages hand their prerendered model to the circuit (PersistentComponentState), and the browser sends that
        // protected state back when the circuit starts: a budget hierarchy is larger than SignalR's 32 KB default.
        services.AddSignalR(o => o.MaximumReceiveMessageSize = 1024 * 1024);
        services.AddFiftyOpsMudBlazor();
        // Hangul in prerendered HTML stays readable text instead of numeric character references.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Korean);
            o.SupportedCultures = [Korean];
            o.SupportedUICultures = [Korean];
            o.RequestCultureProviders.Clear();
        });
        return services;
    }

    /// <summary>Runs <see cref="Data.DatabaseInitializer"/> once before the app serves: migrations, then the seed of an empty database.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await scope.ServiceProvider.GetRequiredService<AccountInitializer>().InitializeAsync();
        // Closed periods from the seed or from a database older than report snapshots are frozen as they read now.
        await scope.ServiceProvider.GetRequiredService<Features.Reports.QuarterlyReportService>().FreezeClosedPeriodsAsync();
    }

    public static WebApplication UseFiftyOpsPipeline(this WebApplication app)
    {
        CultureInfo.DefaultThreadCurrentCulture = Korean;
        CultureInfo.DefaultThreadCurrentUICulture = Korean;
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseFiftyOpsSecurity();
        app.UseMiddleware<QueryParameterGuard>();
        app.UseRequestLocalization();
        app.UseAntiforgery();
        // Stylesheets and scripts are public: the sign-in page needs them before anyone is signed in.
        app.MapStaticAssets().AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapAuditEndpoints();
        app.MapReportEndpoints();
        app.MapBudgetEndpoints();
        app.MapDataEntryEndpoints();
        Features.FiscalYear.YearStructure.StructureFeature.MapStructureEndpoints(app);
        // frame-ancestors is in the app's one CSP header (SecurityHeadersMiddleware), not in a second one from Blazor.
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null).AllowFrameworkScripts();
        return app;
    }
}
