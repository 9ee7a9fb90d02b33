namespace Fifty.Ops.Domain;

public enum AuditKind
{
    SignIn,
    SignInFailed,
    SignOut,
    SessionEnded,
    AccessDenied,
    DataChange,
    Account,
    Export,
    PeriodClosed,
    PeriodReopened,
    System,
}
