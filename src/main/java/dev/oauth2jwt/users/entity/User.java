package dev.oauth2jwt.users.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import dev.oauth2jwt.access.Scope;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.Set;
import java.util.UUID;
import java.time.Instant;

/** A user account, as the seed's {@code UserInDB}. */
@Entity
@Table(name = "users")
public class User {

    /** What a username looks like (a constant, for the OpenAPI annotations); {@code UserRules} adds the reserved names. */
    public static final String USERNAME_PATTERN = "^[A-Za-z0-9._@-]{1,64}$";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "users_id")
    @SequenceGenerator(name = "users_id", sequenceName = "users_id_seq", allocationSize = 1)
    private Long id;

    @Column(name = "username", nullable = false, unique = true, length = 64)
    private String username;

    /**
     * The subject identifier (OpenID Connect Core 2): made with the account, never changed, never
     * given to another account, even one re-created under the same username.
     */
    @Column(name = "subject", nullable = false, unique = true, length = 36)
    private String subject = UUID.randomUUID().toString();

    @Column(name = "email", length = 320)
    private String email;

    /** Whether someone vouched for the address (an administrator, the users file); false when nobody said. */
    @Column(name = "email_verified", nullable = false)
    private boolean emailVerified;

    /** When the profile (name, email) last changed, epoch seconds: OpenID Connect's {@code updated_at}. */
    @Column(name = "updated_at", nullable = false)
    private long updatedAt = Instant.now().getEpochSecond();

    @Column(name = "full_name")
    private String fullName;

    @Column(name = "hashed_password", nullable = false)
    private String hashedPassword;

    @Column(name = "disabled", nullable = false)
    private boolean disabled;

    /** The scopes this user may be granted, space separated (RFC 6749 section 3.3). */
    @Column(name = "scopes", nullable = false, length = 1024)
    private String scopes;

    /**
     * Epoch seconds: tokens without a login session (a FastAPI service's, which carry no {@code sid})
     * issued before are refused. Moved on at every revocation, and set at creation for accounts made
     * here, so that no such token issued before the account existed works for it.
     */
    @Column(name = "tokens_valid_after", nullable = false)
    private long tokensValidAfter;

    /**
     * A random value replaced at every revocation. A login session keeps the stamp its login read,
     * so a login that checked the password before a change cannot issue working tokens after it.
     */
    @Column(name = "security_stamp", nullable = false, length = 32)
    private String securityStamp = newStamp();

    /**
     * The immutable id of the directory entry this account is (entryUUID, objectGUID), or null for
     * an account made here. A directory account's password, profile and scopes are the directory's.
     */
    @Column(name = "directory_id", unique = true, length = 64)
    private String directoryId;

    /** {@link #scopes()} parsed once: the token check asks on every request. */
    private transient Set<String> parsedScopes;
    private transient String parsedFrom;

    protected User() {
        // for JPA
    }

    public User(String username, String email, String fullName, String hashedPassword, boolean disabled,
                Set<String> scopes) {
        this.username = username;
        this.email = email;
        this.fullName = fullName;
        this.hashedPassword = hashedPassword;
        this.disabled = disabled;
        this.scopes = String.join(" ", scopes);
    }

    /** What a directory account keeps where a password hash would be: no hash, so no password of ours opens it. */
    public static final String NO_LOCAL_PASSWORD = "!directory";

    /** The account of a directory entry, made at its first login. */
    public static User ofDirectoryEntry(String username, String directoryId, String email, String fullName, Set<String> scopes) {
        User user = new User(username, email, fullName, NO_LOCAL_PASSWORD, false, scopes);
        user.directoryId = directoryId;
        return user;
    }

    public Long id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String subject() {
        return subject;
    }

    public String email() {
        return email;
    }

    public boolean emailVerified() {
        return emailVerified;
    }

    public long updatedAt() {
        return updatedAt;
    }

    public String fullName() {
        return fullName;
    }

    public String hashedPassword() {
        return hashedPassword;
    }

    public boolean disabled() {
        return disabled;
    }

    public Set<String> scopes() {
        Set<String> parsed = parsedScopes;
        if (parsed == null || !scopes.equals(parsedFrom)) {
            parsed = Collections.unmodifiableSet(Scope.parse(scopes));
            parsedScopes = parsed;
            parsedFrom = scopes;
        }
        return parsed;
    }

    /** The directory entry's immutable id; empty for an account made here. */
    public java.util.Optional<String> directoryId() {
        return java.util.Optional.ofNullable(directoryId);
    }

    /** Whether the directory owns this account: its password is checked there, its profile and scopes come from there. */
    public boolean fromDirectory() {
        return directoryId != null;
    }

    public long tokensValidAfter() {
        return tokensValidAfter;
    }

    public String securityStamp() {
        return securityStamp;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public void setEmailVerified(boolean emailVerified) {
        this.emailVerified = emailVerified;
    }

    /** The profile changed now (epoch milliseconds): {@code updated_at} moves on. */
    public void profileChanged(long epochMillis) {
        updatedAt = Math.max(updatedAt, Math.floorDiv(epochMillis, 1000));
    }

    public void setFullName(String fullName) {
        this.fullName = fullName;
    }

    public void setScopes(Set<String> scopes) {
        this.scopes = String.join(" ", scopes);
    }

    public void setHashedPassword(String hashedPassword) {
        this.hashedPassword = hashedPassword;
    }

    public void setDisabled(boolean disabled) {
        this.disabled = disabled;
    }

    /**
     * Revokes every token issued to the user so far, and those of logins in flight: a new stamp
     * ends every login session, and tokens without one are refused up to this second.
     */
    public void revokeAllTokens(long epochMillis) {
        securityStamp = newStamp();
        refuseTokensIssuedUntil(epochMillis);
    }

    /**
     * Tokens without a session whose {@code iat} is in the second of {@code epochMillis} or before
     * are refused: {@code iat} counts whole seconds, so a token of the same second, before or after,
     * is refused too.
     */
    public void refuseTokensIssuedUntil(long epochMillis) {
        tokensValidAfter = Math.max(tokensValidAfter, Math.floorDiv(epochMillis, 1000) + 1);
    }

    private static String newStamp() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
