package dev.oauth2jwt.users.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import dev.oauth2jwt.security.entity.Scope;
import java.util.Collections;
import java.util.Set;

/** A user account, as the seed's {@code UserInDB}. */
@Entity
@Table(name = "users")
public class User {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "users_id")
    @SequenceGenerator(name = "users_id", sequenceName = "users_id_seq", allocationSize = 1)
    private Long id;

    @Column(name = "username", nullable = false, unique = true, length = 64)
    private String username;

    @Column(name = "email", length = 320)
    private String email;

    @Column(name = "full_name")
    private String fullName;

    @Column(name = "hashed_password", nullable = false)
    private String hashedPassword;

    @Column(name = "disabled", nullable = false)
    private boolean disabled;

    /** The scopes this user may be granted, space separated (RFC 6749 section 3.3). */
    @Column(name = "scopes", nullable = false, length = 1024)
    private String scopes;

    /** Epoch seconds: tokens issued before are revoked (password change, disabling, log out everywhere). */
    @Column(name = "tokens_valid_after", nullable = false)
    private long tokensValidAfter;

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

    public Long id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String email() {
        return email;
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

    public long tokensValidAfter() {
        return tokensValidAfter;
    }

    public void setEmail(String email) {
        this.email = email;
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
     * Revokes every token issued before {@code epochMillis}. {@code iat} counts whole seconds, so the
     * bound is the next second, and tokens issued afterwards take it as their {@code iat}; each
     * revocation moves the bound on by at least a second, so that it also revokes the tokens
     * issued since the previous one, however close the two are.
     */
    public void revokeTokensIssuedBefore(long epochMillis) {
        tokensValidAfter = Math.max(tokensValidAfter + 1, (epochMillis + 999) / 1000);
    }
}
