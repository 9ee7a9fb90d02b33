using System.Diagnostics;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Admin;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Tests.Infrastructure;
using Fifty.Ops.Tests.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fifty.Ops.Tests.Security;

/// <summary>The app with the default per-address limit on sign-in posts, and a password hasher that counts its work.</summary>
public sealed class ThrottledAppFactory : AppFactory
{
    public CountingHasher Hasher { get; } = new();

    protected override int SignInRequestsPerMinute => new AuthOptions().SignInRequestsPerMinute;

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<IPasswordHasher<AppUser>>(Hasher);
}
