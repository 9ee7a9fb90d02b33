using Fifty.Ops.Tests.Infrastructure;
using Fifty.Ops.Tests.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Fifty.Ops.Tests.Security;

/// <summary>The app on a clock the test moves: the cookie, the session checks and the audit trail all read it.</summary>
public sealed class ClockedAppFactory : AppFactory
{
    public ManualTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}
