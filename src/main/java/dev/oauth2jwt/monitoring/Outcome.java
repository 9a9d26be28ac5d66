package dev.oauth2jwt.monitoring;

/**
 * How a login, a client's authentication or a token's use ended: the words of the audit lines and
 * of the metrics, shared, so that the log, {@code /metrics} and the tests say the same.
 */
public enum Outcome {
    SUCCESS("success"),
    FAILURE("failure"),
    /** Refused by the failed-login throttle (429). */
    THROTTLED("throttled"),
    /** Refused because the password hashing capacity is exhausted (503). */
    BUSY("busy"),
    /** Refused because the directory the user is in cannot be reached (503). */
    UNAVAILABLE("unavailable"),
    /** The right password of a disabled account, where disabled accounts cannot log in (the login page). */
    DISABLED("disabled"),
    /** The right password at the login page, which now asks for the second factor (or its enrolment). */
    SECOND_FACTOR_ASKED("second factor asked"),
    /** The right password at the password grant, for an account that must prove a second factor there is no way to ask for. */
    SECOND_FACTOR_REQUIRED("second factor required"),
    REFRESHED("refreshed"),
    REFRESH_REFUSED("refresh refused"),
    CODE_ISSUED("code issued"),
    CODE_REDEEMED("code redeemed"),
    CODE_REFUSED("code refused"),
    PASSWORD_CHANGED("password changed"),
    /** A client's own token, at the client credentials grant. */
    TOKEN_ISSUED("token issued"),
    /** A client authenticated but refused what it asked for (a grant or scope it is not registered for). */
    REFUSED("refused");

    private final String word;

    Outcome(String word) {
        this.word = word;
    }

    /** As written in audit lines ({@code outcome=...}). */
    public String word() {
        return word;
    }

    /** The {@code outcome} label of {@code oauth2jwt_logins_total}: success, failure, throttled, busy or unavailable. */
    public String metricLabel() {
        return switch (this) {
            case SUCCESS, THROTTLED, BUSY, UNAVAILABLE -> word;
            default -> "failure";
        };
    }
}
