using Fifty.Ops.Domain;
using Fifty.Ops.Features.Account;
using Fifty.Ops.Features.Admin;
using Fifty.Ops.Features.Audit;
using Fifty.Ops.Infrastructure.Auditing;
using Fifty.Ops.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Fifty.Ops.Infrastructure;

/// <summary>Sign-in, roles, sessions, the audit trail and the hardening that goes with them (decision record 0004).</summary>
public static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddFiftyOpsSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .Validate(o => o.IdleTimeout > TimeSpan.Zero && o.AbsoluteLifetime >= o.IdleTimeout && o.RevalidationInterval > TimeSpan.Zero,
                "Auth: IdleTimeout > 0, AbsoluteLifetime ≥ IdleTimeout and RevalidationInterval > 0 are required.")
            .ValidateOnStart();

        services.AddFiftyOpsServerLimits();
        services.AddFiftyOpsForwardedHeaders(configuration);
        services.AddSignInThrottling();

        services.AddSingleton<IAuditLog, AuditLog>();
        services.AddSingleton<AccessGuard>();
        services.AddSingleton<SessionValidator>();
        services.AddSingleton<AuditQueryService>();
        services.AddSingleton<AuditWorkbookWriter>();
        services.AddScoped<UserAdminService>();
        services.AddScoped<AccountInitializer>();

        services.AddIdentityCore<AppUser>(o =>
            {
                // Length, not composition (NIST 800-63B); PasswordRules adds a maximum and two sanity checks.
                o.Password.RequiredLength = AuthOptions.MinPasswordLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = AuthOptions.MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = AuthOptions.LockoutDuration;
                o.Lockout.AllowedForNewUsers = true;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789._-";
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<AppRole>()
            // Identity's EF Core stores over the app's context (the scoped context AddDbContextFactory registers).
            .AddUserStore<FiftyOpsUserStore>()
            .AddRoleStore<FiftyOpsRoleStore>()
            .AddSignInManager<FiftyOpsSignInManager>()
            .AddClaimsPrincipalFactory<ClaimsFactory>()
            .AddErrorDescriber<KoreanIdentityErrorDescriber>()
            .AddPasswordValidator<PasswordRules<AppUser>>()
            .AddDefaultTokenProviders();

        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.Cookie.Name = SessionCookie.Name;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.SlidingExpiration = true;
                o.Events.OnSigningIn = SessionCookie.OnSigningIn;
                o.Events.OnValidatePrincipal = SessionCookie.OnValidatePrincipal;
            });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<AuthOptions>>((cookie, auth) => cookie.ExpireTimeSpan = auth.Value.IdleTimeout);

        services.AddAuthorization(o => o.AddFiftyOpsPolicies());
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();

        services.AddCascadingAuthenticationState();
        services.AddScoped<CircuitActivity>();
        services.AddSingleton<SessionActivity>();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthStateProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, ActorCircuitHandler>());
        services.Configure<CircuitOptions>(o => o.DetailedErrors = environment.IsDevelopment());
        services.AddAntiforgery(o => o.Cookie.Name = "FiftyOps.Antiforgery");

        // Keys beside the database: a restart keeps people signed in and their forms valid. On PostgreSQL they are in the
        // database itself (DataProtectionKeys), so every instance behind the proxy reads every other's cookies and forms.
        var dataProtection = services.AddDataProtection().SetApplicationName("Fifty.Ops");
        var keys = configuration["DataProtection:KeysPath"] ?? (DataServiceCollectionExtensions.DataFolder(configuration) is { } folder ? Path.Combine(folder, "keys") : null);
        if (Data.DatabaseSettings.From(configuration).IsPostgres)
        {
            dataProtection.PersistKeysToDbContext<Data.FiftyOpsDbContext>();
        }
        else if (keys is not null)
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(keys);
            else Directory.CreateDirectory(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keys));
        }

        return services;
    }

    /// <summary>
    /// Behind a reverse proxy: the scheme and client address come from <c>X-Forwarded-Proto</c> / <c>X-Forwarded-For</c>,
    /// but only when the request arrives from an address in <c>ForwardedHeaders:KnownProxies</c> (default: loopback,
    /// i.e. nginx on the same machine). From anyone else the headers are ignored, so a client cannot claim HTTPS or
    /// another address. Throws at start-up when an entry is not an IP address.
    /// </summary>
    public static IServiceCollection AddFiftyOpsForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var configured = configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        var proxies = configured.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => System.Net.IPAddress.TryParse(p.Trim(), out var ip)
            ? ip
            : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{p}' is not an IP address.")).ToList();
        if (proxies.Count == 0) proxies = [System.Net.IPAddress.Loopback, System.Net.IPAddress.IPv6Loopback];
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies: the framework's default also trusts all of 127.0.0.0/8.
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var proxy in proxies) o.KnownProxies.Add(proxy);
            o.ForwardLimit = 1;
        });
        return services;
    }

    /// <summary>
    /// Forwarded headers first (everything after sees the client's scheme and address), then HSTS and the security
    /// headers, the sign-in throttle (per client address), who the user is, then what they may do; the actor is known
    /// before a refusal is recorded.
    /// </summary>
    public static WebApplication UseFiftyOpsSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<ActorMiddleware>();
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// The framework's own scripts (<c>_framework/blazor.web.js</c>) are endpoints of the component mapping, so the
    /// fallback policy would hide them from the sign-in page; they are public files, like the stylesheets.
    /// </summary>
    public static RazorComponentsEndpointConventionBuilder AllowFrameworkScripts(this RazorComponentsEndpointConventionBuilder builder)
    {
        builder.Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } route } && route.TrimStart('/').StartsWith("_framework/", StringComparison.Ordinal))
                endpoint.Metadata.Add(new AllowAnonymousAttribute());
        });
        return builder;
    }
}
