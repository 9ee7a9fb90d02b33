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

/// <summary>Sign-in answers that reveal nothing, and the per-address throttle in front of the lockout (issue 21, ASVS V6.3).</summary>
public sealed class SignInThrottleTests(ThrottledAppFactory factory) : IClassFixture<ThrottledAppFactory>
{
    private static int _nextAddress;

    [Fact]
    public async Task UnknownWrongLockedAndDisabledAccountsGetTheSameAnswerAfterTheSameWork()
    {
        var (known, _) = await factory.NewUserAsync("known-one", AppRoles.Director);
        var (locked, _) = await factory.NewUserAsync("locked-one", AppRoles.Director);
        var (disabled, _) = await factory.NewUserAsync("disabled-one", AppRoles.Director);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.SetLockoutEndDateAsync((await users.FindByNameAsync(locked))!, DateTimeOffset.UtcNow.AddMinutes(15))).Succeeded);
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserAdminService>().SetDisabledAsync(await factory.AdminPrincipalAsync(), await factory.UserIdAsync(disabled), true)).Succeeded);
        }

        var cases = new[] { ("없는 아이디", "nobody-here"), ("비밀번호 틀림", known), ("잠긴 계정", locked), ("사용 중지", disabled) };
        var times = cases.ToDictionary(c => c.Item1, _ => new List<double>());
        // Round by round, so a busy moment of the machine falls on every case alike.
        for (var round = 0; round < 5; round++)
        {
            foreach (var (label, name) in cases)
            {
                var client = ClientFromNewAddress();
                var token = await AppFactory.AntiforgeryTokenAsync(client, "/account/login");
                var hashesBefore = factory.Hasher.Verifications;
                var clock = Stopwatch.StartNew();
                var response = await client.PostAsync(new Uri("/account/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["username"] = name, ["password"] = $"not-the-password-{round}", ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
                }));
                times[label].Add(clock.Elapsed.TotalMilliseconds);
                Assert.Equal($"/account/login?error=invalid&user={name}&ReturnUrl=%2F", response.Headers.Location!.OriginalString);
                Assert.True(factory.Hasher.Verifications - hashesBefore == 1, $"{label}: {factory.Hasher.Verifications - hashesBefore} password verifications");
            }
        }

        // One verification each makes the times alike (a wrong password also saves its failure count, a few ms when the
        // disk is idle); before, a locked account answered in ~5% of the time of a wrong password.
        var medians = times.ToDictionary(t => t.Key, t => t.Value.Order().ElementAt(t.Value.Count / 2));
        var reference = medians["비밀번호 틀림"];
        Assert.All(medians, m => Assert.True(m.Value >= reference * 0.25, $"{m.Key}: {m.Value:0} ms against {reference:0} ms for a wrong password"));
    }

    [Fact]
    public async Task TheSignInPostIsLimitedPerClientAddressBeforeAnyPasswordIsChecked()
    {
        var flood = ClientFromNewAddress();
        var limit = new AuthOptions().SignInRequestsPerMinute;
        var hashesBefore = factory.Hasher.Verifications;
        HttpResponseMessage last = default!;
        for (var i = 0; i <= limit; i++)
        {
            // Without the form's token: cheap for the attacker, and still counted.
            last = await flood.PostAsync(new Uri("/account/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "admin", ["password"] = "x" }));
            if (i < limit) Assert.StartsWith("/account/login?error=token", last.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        Assert.Equal("/account/login?error=throttled", last.Headers.Location!.OriginalString);
        Assert.Equal(hashesBefore, factory.Hasher.Verifications);

        // Another address is not affected, and admin is not locked.
        await factory.EnsureAccountAsync(AppRoles.Auditor);
        var other = ClientFromNewAddress();
        Assert.Equal("/", (await AppFactory.SignInAsync(other, AppRoles.Auditor, TestAccounts.Password(AppRoles.Auditor))).Headers.Location!.OriginalString);
        await using var db = await factory.DbAsync();
        Assert.Null(await db.Users.Where(u => u.UserName == "admin").Select(u => u.LockoutEnd).SingleAsync());
    }

    private HttpClient ClientFromNewAddress()
    {
        var client = factory.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.18.0.{Interlocked.Increment(ref _nextAddress)}");
        return client;
    }
}
