package dev.oauth2jwt.clients.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A registered OAuth2 client (a service account): its secret known only as a SHA-256, the scopes
 * its tokens may carry and the grants it may use. Times are epoch milliseconds.
 */
@Entity
@Table(name = "clients")
public class Client {

    /** What a client id looks like (a constant, for the OpenAPI annotations). */
    public static final String ID_PATTERN = "^[A-Za-z0-9._@-]{1,64}$";
    public static final String CLIENT_CREDENTIALS = "client_credentials";
    /** The grants a client may be registered for. */
    public static final Set<String> GRANT_TYPES = Set.of(CLIENT_CREDENTIALS);
    private static final String TOKEN_STAMP_LABEL = "oauth2-jwt client tokens ";

    @Id
    @Column(name = "client_id", length = 64)
    private String clientId;

    @Column(name = "secret_hash", nullable = false, length = 64)
    private String secretHash;

    @Column(name = "scopes", nullable = false, length = 1024)
    private String scopes;

    @Column(name = "grant_types", nullable = false, length = 256)
    private String grantTypes;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    protected Client() {
        // for JPA
    }

    public Client(String clientId, String secretHash, Set<String> scopes, Set<String> grantTypes, long createdAt) {
        this.clientId = clientId;
        this.secretHash = secretHash;
        this.scopes = String.join(" ", scopes);
        this.grantTypes = String.join(" ", grantTypes);
        this.createdAt = createdAt;
    }

    public String clientId() {
        return clientId;
    }

    public String secretHash() {
        return secretHash;
    }

    public Set<String> scopes() {
        return split(scopes);
    }

    public Set<String> grantTypes() {
        return split(grantTypes);
    }

    public long createdAt() {
        return createdAt;
    }

    /**
     * What the client's tokens carry as their {@code sid}: it names the secret they were got with,
     * so that a new secret ends them all at once, to the request, not to the second as an
     * {@code iat} would. Derived from the secret's hash, from which nothing can be learned.
     */
    public String tokenStamp() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((TOKEN_STAMP_LABEL + secretHash).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public void setScopes(Set<String> scopes) {
        this.scopes = String.join(" ", scopes);
    }

    public void setGrantTypes(Set<String> grantTypes) {
        this.grantTypes = String.join(" ", grantTypes);
    }

    /** A new secret: the tokens got with the old one stop working (their stamp no longer matches). */
    public void replaceSecret(String secretHash) {
        this.secretHash = secretHash;
    }

    private static Set<String> split(String words) {
        return words.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(words.split(" "))));
    }
}
