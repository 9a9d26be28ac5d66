package dev.oauth2jwt.access;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How a login was proven, in RFC 8176's words ({@code amr}): {@code pwd} a password (or a
 * directory bind), {@code otp} an authenticator app's code or a recovery code, {@code hwk} and
 * {@code user} a passkey (a key held by an authenticator, which tested the person's presence), and
 * {@code mfa} when two factors were proven: a password and a second factor, or a passkey whose
 * authenticator verified the person (PIN, biometrics). Its {@code acr} (OpenID Connect Core 2) is
 * {@code "1"} for one factor and {@code "2"} for two, the levels Keycloak answers too. Stored space
 * separated.
 */
public record AuthenticationMethods(Set<String> methods) {

    public static final String PASSWORD = "pwd";
    public static final String ONE_TIME_CODE = "otp";
    public static final String HARDWARE_KEY = "hwk";
    public static final String USER_PRESENCE = "user";
    /** RFC 8176's "multiple-factor authentication", listed with the factors themselves. */
    public static final String MULTIPLE_FACTORS = "mfa";

    public static final String PASSWORD_ACR = "1";
    public static final String SECOND_FACTOR_ACR = "2";
    /** What discovery lists, weakest first. */
    public static final List<String> ACR_VALUES = List.of(PASSWORD_ACR, SECOND_FACTOR_ACR);

    public static final AuthenticationMethods PASSWORD_ONLY = new AuthenticationMethods(Set.of(PASSWORD));

    public AuthenticationMethods {
        methods = Set.copyOf(methods);
    }

    /** The password and the second factor it was followed by: a code ({@code otp}) or a passkey ({@code hwk user}). */
    public static AuthenticationMethods passwordAnd(String... secondFactor) {
        Set<String> methods = new LinkedHashSet<>(List.of(secondFactor));
        methods.add(PASSWORD);
        methods.add(MULTIPLE_FACTORS);
        return new AuthenticationMethods(methods);
    }

    /** A passkey alone: two factors when its authenticator verified the person. */
    public static AuthenticationMethods passkey(boolean userVerified) {
        return new AuthenticationMethods(userVerified ? Set.of(HARDWARE_KEY, USER_PRESENCE, MULTIPLE_FACTORS)
                : Set.of(HARDWARE_KEY, USER_PRESENCE));
    }

    /** As stored: unknown or empty is a password login (the rows from before second factors). */
    public static AuthenticationMethods parse(String spaced) {
        if (spaced == null || spaced.isBlank()) {
            return PASSWORD_ONLY;
        }
        return new AuthenticationMethods(Set.of(spaced.strip().split(" +")));
    }

    /** Whether two factors were proven. */
    public boolean secondFactor() {
        return methods.contains(MULTIPLE_FACTORS);
    }

    public String acr() {
        return secondFactor() ? SECOND_FACTOR_ACR : PASSWORD_ACR;
    }

    /** Whether this login is as strong as the acr asked for: "2" needs a second factor, "1" any login. */
    public boolean satisfies(String acr) {
        return PASSWORD_ACR.equals(acr) || SECOND_FACTOR_ACR.equals(acr) && secondFactor();
    }

    /** In a stable order for the {@code amr} claim: the password first. */
    public List<String> claim() {
        Set<String> ordered = new LinkedHashSet<>();
        for (String method : List.of(PASSWORD, ONE_TIME_CODE, HARDWARE_KEY, USER_PRESENCE, MULTIPLE_FACTORS)) {
            if (methods.contains(method)) {
                ordered.add(method);
            }
        }
        ordered.addAll(methods);
        return List.copyOf(ordered);
    }

    public String stored() {
        return String.join(" ", claim());
    }
}
