package dev.oauth2jwt.directory.control;

import com.unboundid.ldap.sdk.BindResult;
import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.ServerSet;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import dev.oauth2jwt.directory.entity.DirectoryEntry;
import dev.oauth2jwt.directory.entity.DirectoryEntry.Standing;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.File;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The directory, over LDAP (UnboundID's SDK): people found by name or id with the search account,
 * passwords checked by a bind as the person. Two pools (searches as {@code LDAP_BIND_DN}; binds as
 * people, never used for anything else) over the URLs in order of {@code LDAP_URL}, each connection
 * to the first that answers; connect and response timeouts bounded, at most
 * {@code LDAP_POOL_MAX_SIZE} operations at once, waiting {@code LDAP_POOL_WAIT_MS} for a turn. A
 * directory that cannot answer is {@link DirectoryUnavailableException}; connections are made
 * again as needed, so it recovers by itself.
 */
@ApplicationScoped
public class Directory {

    /** What a bind as a person said of the password. */
    public enum Bind { ACCEPTED, REFUSED }

    /** The directory's state for readiness: reachable, and through which URL, or why not. */
    public record Health(boolean up, String detail) {
    }

    private static final Logger LOG = Logger.getLogger(Directory.class.getName());
    /** userAccountControl's ACCOUNTDISABLE bit (Active Directory). */
    static final int ACCOUNT_DISABLED = 0x2;
    static final String USER_ACCOUNT_CONTROL = "userAccountControl";
    static final String PWD_ACCOUNT_LOCKED_TIME = "pwdAccountLockedTime";
    static final String MEMBER_OF = "memberOf";
    private static final Set<ResultCode> WRONG_CREDENTIALS = Set.of(ResultCode.INVALID_CREDENTIALS,
            ResultCode.INAPPROPRIATE_AUTHENTICATION, ResultCode.UNWILLING_TO_PERFORM, ResultCode.INVALID_DN_SYNTAX,
            ResultCode.NO_SUCH_OBJECT, ResultCode.CONSTRAINT_VIOLATION, ResultCode.INSUFFICIENT_ACCESS_RIGHTS);

    @Inject
    DirectorySettings settings;

    static final int HEALTH_PROBE_SECONDS = 5;

    @Resource   // the default one (Jakarta Concurrency): readiness probes run there, never on its request
    ManagedExecutorService executor;

    private volatile Health health = new Health(true, "UNKNOWN (not asked yet)");
    private volatile long lastAnswerNanos = Long.MIN_VALUE / 2;
    private final AtomicBoolean probing = new AtomicBoolean();
    private final Object poolsLock = new Object();
    /** Made at the first operation, both at once, without connecting: a directory down at start-up stops nothing. */
    private volatile Pools pools;
    private Semaphore turns;

    /** The search pool (as {@code LDAP_BIND_DN}) and the bind pool (people's binds, nothing else). */
    private record Pools(LDAPConnectionPool searches, LDAPConnectionPool binds) {
    }

    /** A client of the directory these settings name, outside CDI (tools, tests); close it when done. */
    public static Directory of(DirectorySettings settings) {
        Directory directory = new Directory();
        directory.settings = settings;
        directory.init();
        return directory;
    }

    @PostConstruct
    void init() {
        turns = new Semaphore(settings.poolSize(), true);
    }

    public boolean configured() {
        return settings.configured();
    }

    /** The one entry the user filter finds for the name typed; empty when none, or more than one (logged). */
    public Optional<DirectoryEntry> findByName(String name) {
        return theOne(settings.userFilterFor(name));
    }

    /** The entry with this immutable id, if the directory still has it. */
    public Optional<DirectoryEntry> findById(String id) {
        Filter filter;
        if (binaryId()) {
            try {
                filter = Filter.createEqualityFilter(settings.idAttribute(), guidBytes(UUID.fromString(id)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        } else {
            filter = Filter.createEqualityFilter(settings.idAttribute(), id);
        }
        return theOne(filter);
    }

    private boolean binaryId() {
        return settings.kind().binaryId() && settings.idAttribute().equalsIgnoreCase("objectGUID");
    }

    /**
     * Checks a person's password by binding as them. An empty password is refused here, never
     * sent: a simple bind with a name and no password is an unauthenticated bind (RFC 4513 5.1.2),
     * which some servers answer with success.
     */
    public Bind bind(String dn, String password) {
        if (password == null || password.isEmpty() || dn == null || dn.isEmpty()) {
            return Bind.REFUSED;
        }
        return withTurn(() -> {
            LDAPConnectionPool binds = pools().binds();
            for (int attempt = 1; ; attempt++) {
                LDAPConnection connection = binds.getConnection();
                try {
                    BindResult result = connection.bind(new SimpleBindRequest(dn, password));
                    binds.releaseConnection(connection);
                    return result.getResultCode() == ResultCode.SUCCESS ? Bind.ACCEPTED : Bind.REFUSED;
                } catch (LDAPException e) {
                    binds.releaseConnectionAfterException(connection, e);
                    if (WRONG_CREDENTIALS.contains(e.getResultCode())) {
                        return Bind.REFUSED;
                    }
                    if (attempt > 1 || e.getResultCode() != ResultCode.SERVER_DOWN) {
                        throw e;
                    }
                    // a pooled connection the directory closed (a restart): once more on a new one
                }
            }
        });
    }

    /**
     * The bind of a name the directory does not have, so that its login costs what a wrong
     * password costs (one search, one bind): a DN under the user base that no entry has.
     */
    public void bindNobody(String password) {
        bind("cn=" + UUID.randomUUID() + "," + settings.userBase(), password.isEmpty() ? "-" : password);
    }

    /**
     * What the directory last did (for readiness), never waiting for it: each operation says
     * whether it answered; when none ran for {@value #HEALTH_PROBE_SECONDS} s, a root DSE read on the
     * server's executor asks again, and this answer is the one before it.
     */
    public Health health() {
        if (!configured()) {
            return new Health(true, "not configured");
        }
        long now = System.nanoTime();
        if (now - lastAnswerNanos > TimeUnit.SECONDS.toNanos(HEALTH_PROBE_SECONDS) && probing.compareAndSet(false, true)) {
            Runnable probe = () -> {
                try {
                    withTurn(() -> {
                        LDAPConnectionPool searches = pools().searches();
                        LDAPConnection connection = searches.getConnection();
                        try {
                            connection.getRootDSE();
                            searches.releaseConnection(connection);
                            return null;
                        } catch (LDAPException e) {
                            searches.releaseConnectionAfterException(connection, e);
                            throw e;
                        }
                    });
                } catch (DirectoryUnavailableException e) {
                    // withTurn noted it
                } finally {
                    probing.set(false);
                }
            };
            if (executor != null) {
                executor.execute(probe);
            } else {
                probe.run();
            }
        }
        return health;
    }

    /** The entry the filter finds under the user base, when it finds exactly one. */
    private Optional<DirectoryEntry> theOne(Filter filter) {
        return withTurn(() -> {
            SearchRequest request = new SearchRequest(settings.userBase(), SearchScope.SUB, filter, attributes());
            request.setSizeLimit(2);
            request.setTimeLimitSeconds(Math.max(1, settings.responseTimeoutMillis() / 1000));
            List<SearchResultEntry> found;
            try {
                found = pools().searches().search(request).getSearchEntries();
            } catch (LDAPException e) {
                if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                    LOG.warning(() -> "LDAP_USER_BASE " + settings.userBase() + " does not exist in the directory");
                    return Optional.empty();
                }
                if (e.getResultCode() != ResultCode.SIZE_LIMIT_EXCEEDED) {
                    throw e;
                }
                found = null;   // more than one
            }
            if (found == null || found.size() > 1) {
                LOG.warning(() -> "The directory has more than one entry for " + filter + " under " + settings.userBase()
                        + "; nobody logs in with a name or id that is not unique");
                return Optional.empty();
            }
            return found.isEmpty() ? Optional.empty() : Optional.of(entry(found.get(0)));
        });
    }

    private String[] attributes() {
        List<String> names = new ArrayList<>(List.of(settings.usernameAttribute(), settings.idAttribute(), settings.emailAttribute(),
                settings.fullNameAttribute(), USER_ACCOUNT_CONTROL, PWD_ACCOUNT_LOCKED_TIME));
        if (settings.groupBase().isEmpty()) {
            names.add(MEMBER_OF);
        }
        return names.toArray(String[]::new);
    }

    /** The entry as read, its groups searched for when {@code LDAP_GROUP_BASE} says where. */
    private DirectoryEntry entry(SearchResultEntry found) throws LDAPException {
        String id = binaryId()
                ? Optional.ofNullable(found.getAttributeValueBytes(settings.idAttribute())).filter(bytes -> bytes.length == 16)
                        .map(Directory::guidText).orElse(null)
                : found.getAttributeValue(settings.idAttribute());
        String username = found.getAttributeValue(settings.usernameAttribute());
        Set<String> groups = new LinkedHashSet<>();
        if (settings.groupBase().isPresent()) {
            if (username != null) {
                SearchRequest request = new SearchRequest(settings.groupBase().get(), SearchScope.SUB,
                        settings.groupFilterFor(found.getDN(), username), "1.1");
                request.setTimeLimitSeconds(Math.max(1, settings.responseTimeoutMillis() / 1000));
                for (SearchResultEntry group : groupsOf(request)) {
                    groups.add(DirectorySettings.normalizedDn(group.getDN()));
                }
            }
        } else {
            String[] memberOf = found.getAttributeValues(MEMBER_OF);
            if (memberOf != null) {
                for (String group : memberOf) {
                    groups.add(DirectorySettings.normalizedDn(group));
                }
            }
        }
        return new DirectoryEntry(found.getDN(), id == null ? "" : id, username == null ? "" : username,
                found.getAttributeValue(settings.emailAttribute()), found.getAttributeValue(settings.fullNameAttribute()), groups,
                standing(found));
    }

    /**
     * The groups the search finds; a group base that does not exist, or more groups than the
     * server returns at once, is the configuration's problem, said in the log: the person still
     * logs in, with the groups there are (a directory that cannot answer stays unavailable).
     */
    private List<SearchResultEntry> groupsOf(SearchRequest request) throws LDAPException {
        try {
            return pools().searches().search(request).getSearchEntries();
        } catch (LDAPSearchException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                LOG.warning(() -> "LDAP_GROUP_BASE " + request.getBaseDN() + " does not exist in the directory: nobody has groups");
                return List.of();
            }
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                LOG.warning(() -> "The directory returned only " + e.getEntryCount() + " groups of " + request.getFilter()
                        + " (its size limit): the scopes of the others are not given");
                return e.getSearchEntries();
            }
            throw e;
        }
    }

    /** Disabled (Active Directory's userAccountControl bit) or locked (ppolicy's pwdAccountLockedTime), else active. */
    static Standing standing(com.unboundid.ldap.sdk.Entry entry) {
        Integer control = entry.getAttributeValueAsInteger(USER_ACCOUNT_CONTROL);
        if (control != null && (control & ACCOUNT_DISABLED) != 0) {
            return Standing.DISABLED;
        }
        if (entry.hasAttribute(PWD_ACCOUNT_LOCKED_TIME)) {
            return Standing.LOCKED;
        }
        return Standing.ACTIVE;
    }

    /** objectGUID's 16 bytes as the usual text: its first three fields are little-endian. */
    static String guidText(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.allocate(16);
        buffer.put(new byte[] {bytes[3], bytes[2], bytes[1], bytes[0], bytes[5], bytes[4], bytes[7], bytes[6]});
        buffer.put(bytes, 8, 8);
        buffer.flip();
        return new UUID(buffer.getLong(), buffer.getLong()).toString();
    }

    /** The reverse of {@link #guidText}: the bytes to search objectGUID for. */
    static byte[] guidBytes(UUID uuid) {
        byte[] big = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
        byte[] bytes = big.clone();
        bytes[0] = big[3];
        bytes[1] = big[2];
        bytes[2] = big[1];
        bytes[3] = big[0];
        bytes[4] = big[5];
        bytes[5] = big[4];
        bytes[6] = big[7];
        bytes[7] = big[6];
        return bytes;
    }

    /** An LDAP operation, which may fail. */
    @FunctionalInterface
    private interface Operation<T> {
        T run() throws LDAPException;
    }

    /** Runs the operation in one of the {@code LDAP_POOL_MAX_SIZE} turns; a directory that cannot answer is unavailable. */
    private <T> T withTurn(Operation<T> operation) {
        Semaphore semaphore = turns;
        boolean acquired;
        try {
            acquired = semaphore.tryAcquire(settings.poolWaitMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DirectoryUnavailableException("interrupted");
        }
        if (!acquired) {
            throw new DirectoryUnavailableException("every directory connection busy for " + settings.poolWaitMillis() + " ms");
        }
        try {
            T result = operation.run();
            answered(new Health(true, "UP"));
            return result;
        } catch (LDAPException e) {
            LOG.log(Level.WARNING, "The directory did not answer: {0} ({1})", new Object[] {e.getResultCode(), e.getMessage()});
            answered(new Health(false, "DOWN (" + e.getResultCode().getName() + ")"));
            throw new DirectoryUnavailableException(e.getResultCode().getName());
        } finally {
            semaphore.release();
        }
    }

    private void answered(Health now) {
        health = now;
        lastAnswerNanos = System.nanoTime();
    }

    private Pools pools() throws LDAPException {
        Pools made = pools;
        if (made == null) {
            synchronized (poolsLock) {
                if (pools == null) {
                    pools = new Pools(pool(settings.bindDn().map(dn -> new SimpleBindRequest(dn, settings.bindPassword().orElse("")))
                            .orElse(null)), pool(null));
                }
                made = pools;
            }
        }
        return made;
    }

    /** A pool over the URLs in order, made without connecting: connections come when needed. */
    private LDAPConnectionPool pool(SimpleBindRequest bindRequest) throws LDAPException {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(settings.connectTimeoutMillis());
        options.setResponseTimeoutMillis(settings.responseTimeoutMillis());
        options.setAbandonOnTimeout(true);
        // reads on the calling thread, within the response timeout: a TLS handshake with a hung server ends too
        options.setUseSynchronousMode(true);
        // our own check refuses empty passwords (bind); the SDK's would hide a mistake in it
        options.setBindWithDNRequiresPassword(false);
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        SSLUtil ssl = new SSLUtil(trustManager());
        List<ServerSet> servers = new ArrayList<>();
        for (String url : settings.urls()) {
            LDAPURL parsed = new LDAPURL(url);
            SocketFactory sockets;
            try {
                sockets = parsed.getScheme().equals("ldaps")
                        ? new BoundedHandshakes(ssl.createSSLSocketFactory(), settings.responseTimeoutMillis())
                        : SocketFactory.getDefault();
            } catch (GeneralSecurityException e) {
                throw new LDAPException(ResultCode.LOCAL_ERROR, "TLS: " + e.getMessage(), e);
            }
            servers.add(new SingleServerSet(parsed.getHost(), parsed.getPort(), sockets, options));
        }
        FailoverServerSet failover = new FailoverServerSet(servers);
        // connections made to a later URL while an earlier one was down go back to it within minutes
        failover.setMaxFailoverConnectionAgeMillis(300_000L);
        PostConnectProcessor startTls = null;
        if (settings.startTls()) {
            try {
                SSLContext context = ssl.createSSLContext();
                startTls = new StartTLSPostConnectProcessor(new BoundedHandshakes(context.getSocketFactory(),
                        settings.responseTimeoutMillis()));
            } catch (GeneralSecurityException e) {
                throw new LDAPException(ResultCode.LOCAL_ERROR, "TLS: " + e.getMessage(), e);
            }
        }
        LDAPConnectionPool pool = new LDAPConnectionPool(failover, bindRequest, 0, settings.poolSize(), 1, startTls, false);
        pool.setConnectionPoolName("oauth2-jwt directory");
        pool.setCreateIfNecessary(true);
        pool.setMaxWaitTimeMillis(0);
        pool.setRetryFailedOperationsDueToInvalidConnections(true);
        pool.setMaxConnectionAgeMillis(600_000L);
        return pool;
    }

    private TrustManager trustManager() throws LDAPException {
        if (settings.caFile().isEmpty()) {
            return JVMDefaultTrustManager.getInstance();
        }
        try {
            return new PEMFileTrustManager(new File(settings.caFile().get()));
        } catch (GeneralSecurityException e) {
            throw new LDAPException(ResultCode.LOCAL_ERROR, "LDAP_CA_FILE " + settings.caFile().get() + ": " + e.getMessage(), e);
        }
    }

    @PreDestroy
    public void close() {
        synchronized (poolsLock) {
            if (pools != null) {
                pools.searches().close();
                pools.binds().close();
            }
        }
    }
}
