using Microsoft.AspNetCore.Identity;

namespace Fifty.Ops.Infrastructure.Security;

/// <summary>Identity's messages in Korean, for the ones this app can produce.</summary>
public sealed class KoreanIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "처리하지 못했습니다. 다시 시도하세요.");

    public override IdentityError ConcurrencyFailure() =>
        Error(nameof(ConcurrencyFailure), "다른 사람이 먼저 이 계정을 바꿨습니다. 목록을 새로 불러온 뒤 다시 시도하세요.");

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "현재 비밀번호가 올바르지 않습니다.");

    public override IdentityError InvalidUserName(string? userName) =>
        Error(nameof(InvalidUserName), "아이디는 영문 소문자, 숫자, 점(.), 밑줄(_), 하이픈(-)만 쓸 수 있습니다.");

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), $"아이디 '{userName}'은(는) 이미 있습니다.");

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "이미 비밀번호가 있습니다.");

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "이 계정은 잠금을 쓰지 않습니다.");

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), $"이미 {AppRoles.Label(role)} 역할이 있습니다.");

    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), $"{AppRoles.Label(role)} 역할이 없습니다.");

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), $"비밀번호는 {length}자 이상이어야 합니다.");

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "요청이 만료되었습니다. 다시 시도하세요.");

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}

/// <summary>
/// Beyond the length rule (no composition rules, as NIST 800-63B advises): not longer than 128 characters, not the
/// user name, not one repeated character.
/// </summary>
public sealed class PasswordRules<TUser> : IPasswordValidator<TUser> where TUser : class
{
    public const int MaxLength = 128;

    /// <summary>Failed with a Korean description per rule broken (over 128 characters, equal to the user name, one repeated character); null counts as empty.</summary>
    public async Task<IdentityResult> ValidateAsync(UserManager<TUser> manager, TUser user, string? password)
    {
        password ??= "";
        if (password.Length > MaxLength)
            return Fail("PasswordTooLong", $"비밀번호는 {MaxLength}자 이하여야 합니다.");
        if (password.Length > 0 && password.All(c => c == password[0]))
            return Fail("PasswordRepeated", "같은 글자만 반복한 비밀번호는 쓸 수 없습니다.");
        var userName = await manager.GetUserNameAsync(user);
        if (!string.IsNullOrEmpty(userName) && password.Contains(userName, StringComparison.OrdinalIgnoreCase))
            return Fail("PasswordContainsUserName", "비밀번호에 아이디를 넣을 수 없습니다.");
        return IdentityResult.Success;
    }

    private static IdentityResult Fail(string code, string description) => IdentityResult.Failed(new IdentityError { Code = code, Description = description });
}
