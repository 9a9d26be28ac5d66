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
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A registered OAuth2 client: a service account (client credentials) or a browser app (authorization
 * code), confidential with a secret known only as its SHA-256, or public without one; the scopes
 * its tokens may carry, the grants it may use, where codes and logouts may be sent. Times are epoch
 * milliseconds.
 */
@Entity
@Table(name = "clients")
public class Client {

    /** What a client id looks like (a constant, for the OpenAPI annotations). */
    public static final String ID_PATTERN = "^[A-Za-z0-9._@-]{1,64}$";
    public static final String CLIENT_CREDENTIALS = "client_credentials";
    /** The authorization code grant (with its refresh tokens), for browser apps. */
    public static final String AUTHORIZATION_CODE = "authorization_code";
    /** The grants a client may be registered for. */
    public static final Set<String> GRANT_TYPES = Set.of(CLIENT_CREDENTIALS, AUTHORIZATION_CODE);
    /** RFC 6749 section 2.1: a confidential client keeps a secret, a public one (a SPA, an app) cannot. */
    public static final String CONFIDENTIAL = "confidential";
    public static final String PUBLIC = "public";
    private static final String TOKEN_STAMP_LABEL = "oauth2-jwt client tokens ";

    @Id
    @Column(name = "client_id", length = 64)
    private String clientId;

    /** None for a public client. */
    @Column(name = "secret_hash", length = 64)
    private String secretHash;

    @Column(name = "scopes", nullable = false, length = 1024)
    private String scopes;

    @Column(name = "grant_types", nullable = false, length = 256)
    private String grantTypes;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "client_type", nullable = false, length = 16)
    private String clientType = CONFIDENTIAL;

    @Column(name = "redirect_uris", nullable = false, length = 4096)
    private String redirectUris = "";

    @Column(name = "post_logout_redirect_uris", nullable = false, length = 4096)
    private String postLogoutRedirectUris = "";

    @Column(name = "require_pkce", nullable = false)
    private boolean requirePkce = true;

    /** Everyone who logs in to it proves a second factor. */
    @Column(name = "require_mfa", nullable = false)
    private boolean requireMfa;

    /** Where a logout token is POSTed when a browser login it had tokens from ends (Back-Channel Logout 1.0). */
    @Column(name = "backchannel_logout_uri", length = 2048)
    private String backchannelLogoutUri;

    @Column(name = "backchannel_logout_session_required", nullable = false)
    private boolean backchannelLogoutSessionRequired;

    /** What the logout page loads in a hidden frame, with {@code iss} and {@code sid} (Front-Channel Logout 1.0). */
    @Column(name = "frontchannel_logout_uri", length = 2048)
    private String frontchannelLogoutUri;

    @Column(name = "frontchannel_logout_session_required", nullable = false)
    private boolean frontchannelLogoutSessionRequired;

    /**
     * The client of the server's own Swagger UI ({@code /docs}): public, PKCE, every scope a user
     * has, and codes sent only to the docs page of the very server the browser asked. Built in, never stored.
     */
    public static final String DOCS_CLIENT_ID = "swagger-ui";
    public static final String DOCS_REDIRECT_PATH = "/docs/oauth2-redirect";

    public static Client docs() {
        Client docs = new Client(DOCS_CLIENT_ID, null, new LinkedHashSet<>(dev.oauth2jwt.access.Scope.names()),
                Set.of(AUTHORIZATION_CODE), 0);
        docs.clientType = PUBLIC;
        return docs;
    }

    /**
     * The client of the server's own account page ({@code /account}): public, no API scope, and the
     * browser sent back only to the account page of the server it asked. Built in, never stored.
     */
    public static final String ACCOUNT_CLIENT_ID = "account";
    public static final String ACCOUNT_PATH = "/account";

    public static Client account() {
        Client account = new Client(ACCOUNT_CLIENT_ID, null, new LinkedHashSet<>(), Set.of(AUTHORIZATION_CODE), 0);
        account.clientType = PUBLIC;
        return account;
    }

    public boolean isAccount() {
        return ACCOUNT_CLIENT_ID.equals(clientId);
    }

    public boolean requireMfa() {
        return requireMfa;
    }

    public void setRequireMfa(boolean requireMfa) {
        this.requireMfa = requireMfa;
    }

    public Optional<String> backchannelLogoutUri() {
        return Optional.ofNullable(backchannelLogoutUri);
    }

    public boolean backchannelLogoutSessionRequired() {
        return backchannelLogoutSessionRequired;
    }

    public Optional<String> frontchannelLogoutUri() {
        return Optional.ofNullable(frontchannelLogoutUri);
    }

    public boolean frontchannelLogoutSessionRequired() {
        return frontchannelLogoutSessionRequired;
    }

    /** Where and how the client is told of logouts; a null URI: not that way. */
    public void setLogoutChannels(String backchannelUri, boolean backchannelSessionRequired, String frontchannelUri,
            boolean frontchannelSessionRequired) {
        this.backchannelLogoutUri = backchannelUri;
        this.backchannelLogoutSessionRequired = backchannelSessionRequired;
        this.frontchannelLogoutUri = frontchannelUri;
        this.frontchannelLogoutSessionRequired = frontchannelSessionRequired;
    }

    public boolean isDocs() {
        return DOCS_CLIENT_ID.equals(clientId);
    }

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

    /** A browser app's registration: its type, where codes and logouts may go, and whether PKCE is required. */
    public void setBrowserApp(String clientType, List<String> redirectUris, List<String> postLogoutRedirectUris,
            boolean requirePkce) {
        this.clientType = clientType;
        setRedirectUris(redirectUris);
        setPostLogoutRedirectUris(postLogoutRedirectUris);
        this.requirePkce = requirePkce;
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

    public String clientType() {
        return clientType;
    }

    public boolean isPublic() {
        return PUBLIC.equals(clientType);
    }

    /** Space separated in the table: a URI holds no space. */
    public List<String> redirectUris() {
        return List.copyOf(split(redirectUris));
    }

    public List<String> postLogoutRedirectUris() {
        return List.copyOf(split(postLogoutRedirectUris));
    }

    /**
     * Public clients always; a confidential client unless registered without (for libraries and test
     * plans that send none: its secret and the code's single use then protect the code).
     */
    public boolean requirePkce() {
        return requirePkce || isPublic();
    }

    public void setRedirectUris(List<String> uris) {
        this.redirectUris = String.join(" ", uris);
    }

    public void setPostLogoutRedirectUris(List<String> uris) {
        this.postLogoutRedirectUris = String.join(" ", uris);
    }

    public void setRequirePkce(boolean requirePkce) {
        this.requirePkce = requirePkce;
    }

    /**
     * What the client's tokens carry as their {@code sid}: it names the secret they were got with,
     * so that a new secret ends them all at once, to the request, not to the second as an
     * {@code iat} would. Derived from the secret's hash, from which nothing can be learned.
     */
    public String tokenStamp() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((TOKEN_STAMP_LABEL + (secretHash == null ? "public " + clientId : secretHash))
                            .getBytes(StandardCharsets.US_ASCII));
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
