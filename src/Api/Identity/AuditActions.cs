namespace Crucible.Api.Identity;

/// <summary>The audit log's action names and outcomes (docs/identity.md "Audit log"), in one place so admins can filter on them.</summary>
public static class AuditActions
{
    public const string Register = "register";
    public const string SignIn = "sign_in";
    public const string SignInFailed = "sign_in_failed";
    public const string RefreshReuseDetected = "refresh_reuse_detected";
    public const string Logout = "logout";
    public const string TwoFactorEnabled = "2fa_enabled";
    public const string TwoFactorDisabled = "2fa_disabled";
    public const string RolesChanged = "roles_changed";

    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    /// <summary>Why a sign-in failed, in the entry's detail.</summary>
    public static class Reasons
    {
        public const string WrongPassword = "wrong_password";
        public const string UnknownEmail = "unknown_email";
        public const string LockedOut = "locked_out";
        public const string SecondFactor = "second_factor";
    }
}
