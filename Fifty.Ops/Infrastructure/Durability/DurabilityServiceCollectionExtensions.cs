using Fifty.Ops.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fifty.Ops.Infrastructure.Durability;

public static class DurabilityServiceCollectionExtensions
{
    public const int DefaultBusyTimeoutMilliseconds = 10_000;

    /// <summary>WAL, synchronous=FULL and a busy timeout on every connection; online backups on demand and on a schedule.</summary>
    public static IServiceCollection AddFiftyOpsDurability(this IServiceCollection services, IConfiguration configuration)
    {
        var database = DatabaseSettings.From(configuration);
        if (!database.IsPostgres)
        {
            // PostgreSQL is durable by its own settings (fsync, synchronous_commit) and waits for locks by itself.
            var busyTimeout = configuration.GetValue("Database:BusyTimeoutMilliseconds", DefaultBusyTimeoutMilliseconds);
            services.AddSingleton(new SqliteDurabilityInterceptor(busyTimeout));
            services.ConfigureDbContext<FiftyOpsDbContext>(
                (sp, options) => options.AddInterceptors(sp.GetRequiredService<SqliteDurabilityInterceptor>()), ServiceLifetime.Singleton);
        }

        services.AddSingleton(DatabaseLocation.From(database));
        services.AddOptions<BackupOptions>().BindConfiguration(BackupOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BackupOptions>, BackupOptionsValidator>();
        services.AddSingleton<BackupService>();
        services.AddSingleton<ScheduleLeases>();
        services.AddHostedService<BackupScheduler>();
        return services;
    }
}
