package dev.oauth2jwt.logout.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.oauth2jwt.clients.control.ClientAdmin;
import dev.oauth2jwt.clients.control.ClientStore;
import dev.oauth2jwt.clients.control.TestClients;
import dev.oauth2jwt.clients.entity.Client;
import dev.oauth2jwt.clients.entity.NewClient;
import dev.oauth2jwt.keys.control.KeyManager;
import dev.oauth2jwt.keys.control.TestKeys;
import dev.oauth2jwt.keys.entity.Algorithm;
import dev.oauth2jwt.logout.entity.LogoutDelivery;
import dev.oauth2jwt.monitoring.AuditLog;
import dev.oauth2jwt.monitoring.Metrics;
import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.persistence.control.TestDatabases;
import dev.oauth2jwt.sessions.entity.LoginSession;
import dev.oauth2jwt.testing.TestClocks;
import dev.oauth2jwt.tokens.control.TestTokens;
import dev.oauth2jwt.tokens.control.TokenIssuer;
import dev.oauth2jwt.tokens.control.TokenSettings;
import dev.oauth2jwt.users.control.TestUserStores;
import dev.oauth2jwt.users.control.UserStore;
import dev.oauth2jwt.users.entity.User;
import dev.oauth2jwt.access.AuthenticationMethods;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Single logout on a real H2 with ES256 keys: who is told when a browser login ends, and the
 * back-channel deliveries to an application served here by the JDK's HTTP server, which answers as
 * a test says (200, 503, 400, or not at all), retried on a test's clock, by one of two instances.
 */
class SingleLogoutTest {

    static final String ISSUER = "https://login.example.test";

    @TempDir
    Path dir;

    Database database;
    Instant now = Instant.parse("2026-12-04T10:00:00Z");
    UserStore users;
    ClientStore clients;
    ClientAdmin clientAdmin;
    TokenSettings settings;
    KeyManager keys;
    TokenIssuer tokens;
    SingleLogout singleLogout;
    BackChannelDeliveries deliveries;
    HttpServer app;
    final List<String> received = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger answer = new AtomicInteger(200);
    User alice;

    @BeforeEach
    void start() throws Exception {
        database = TestDatabases.freshH2();
        clients = TestClients.store(database);
        clientAdmin = TestClients.admin(clients);
        Path key = dir.resolve("key.pem");
        Files.writeString(key, TestKeys.pem("PRIVATE KEY", TestKeys.p256().getPrivate().getEncoded()));
        keys = TestKeys.manager(TestKeys.keyFile(Algorithm.ES256, key));
        settings = TestTokens.of(ISSUER, List.of(), Algorithm.ES256);
        tokens = TestTokens.issuer(keys, settings, TestClocks.following(() -> now));
        deliveries = deliveries();
        singleLogout = new SingleLogout();
        singleLogout.database = database;
        singleLogout.settings = settings;
        singleLogout.deliveries = deliveries;
        singleLogout.clock = TestClocks.following(() -> now);
        users = TestUserStores.on(database, singleLogout::accountSessionsEnding);
        users.create(new User("alice", null, null, "$2b$04$unused", false, Set.of("me")));
        alice = users.findByUsername("alice").orElseThrow();

        app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        app.createContext("/backchannel", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestHeaders().getFirst("Content-Type") + "\n" + new String(body, StandardCharsets.US_ASCII));
            int status = answer.get();
            if (status == 0) {   // hangs: longer than the attempt's timeout
                sleep(2500);
                status = 200;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        app.createContext("/hangs", exchange -> {
            exchange.getRequestBody().readAllBytes();
            sleep(2500);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        app.setExecutor(Executors.newCachedThreadPool());
        app.start();
    }

    BackChannelDeliveries deliveries() {
        BackChannelDeliveries made = new BackChannelDeliveries();
        made.database = database;
        made.clients = clients;
        made.tokens = tokens;
        made.audit = new AuditLog();
        made.metrics = new Metrics();
        made.maxAttempts = 4;
        made.firstRetrySeconds = 5;
        made.maxRetrySeconds = 15;
        made.timeoutSeconds = 1;
        made.pollMillis = 1000;
        made.clock = TestClocks.following(() -> now);
        made.checkSettings();
        made.openClient();
        return made;
    }

    @AfterEach
    void stop() {
        app.stop(0);
        TestDatabases.stop(database);
    }

    String backchannel() {
        return "http://127.0.0.1:" + app.getAddress().getPort() + "/backchannel";
    }

    void register(String clientId, String backchannelUri, String frontchannelUri) {
        clientAdmin.create(new NewClient(clientId, Set.of("me"), Set.of(Client.AUTHORIZATION_CODE), Client.CONFIDENTIAL,
                List.of("https://" + clientId + ".example.test/callback"), List.of(), true, false, backchannelUri, false,
                frontchannelUri, false)).orElseThrow();
    }

    /** An app's session from a browser login, as redeeming a code starts it. */
    String appSession(String ssoSessionId, String clientId) {
        String id = UUID.randomUUID().toString();
        User user = users.findByUsername("alice").orElseThrow();
        database.inTransaction(em -> {
            em.persist(new LoginSession(id, user.id(), user.securityStamp(), now.toEpochMilli(), ssoSessionId, clientId,
                    now.toEpochMilli(), Set.of(), AuthenticationMethods.parse("pwd")));
            return null;
        });
        return id;
    }

    List<LogoutDelivery> queued() {
        return database.read(em -> em.createQuery("SELECT d FROM LogoutDelivery d ORDER BY d.clientId", LogoutDelivery.class)
                .getResultList());
    }

    int endBrowserLogin(String sso) {
        return database.inTransaction(em -> singleLogout.browserLoginEnded(em, sso));
    }

    static JsonObject payload(String token) {
        return Json.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                StandardCharsets.UTF_8))).readObject();
    }

    static String logoutToken(String post) {
        String form = post.substring(post.indexOf('\n') + 1);
        assertTrue(form.startsWith("logout_token="), form);
        return URLDecoder.decode(form.substring("logout_token=".length()), StandardCharsets.US_ASCII);
    }

    @Test
    void theAppsWithABackChannelThatHadTokensFromTheLoginAreToldAndNoOtherOne() {
        register("crm", backchannel(), null);
        register("wiki", null, null);
        register("elsewhere", backchannel(), null);
        appSession("sso-1", "crm");
        appSession("sso-1", "crm");
        appSession("sso-1", "wiki");
        appSession("sso-2", "elsewhere");

        assertEquals(1, endBrowserLogin("sso-1"));

        List<LogoutDelivery> queued = queued();
        assertEquals(1, queued.size(), "crm once, though it redeemed two codes; not wiki (no back channel), not another login's app");
        assertEquals("crm", queued.get(0).clientId());
        assertEquals("sso-1", queued.get(0).sid());
        assertEquals(alice.subject(), queued.get(0).subject());
    }

    @Test
    void anAppIsToldOnceOfALoginUnlessItGotTokensFromItAgainAfter() {
        register("crm", backchannel(), null);
        appSession("sso-1", "crm");
        assertEquals(1, endBrowserLogin("sso-1"));
        assertEquals(0, endBrowserLogin("sso-1"), "the second look (after the codes ended) tells nobody twice");

        now = now.plusSeconds(60);
        appSession("sso-1", "crm");   // its app session alone was ended; the user opened it again from the same browser login
        assertEquals(1, endBrowserLogin("sso-1"));
        assertEquals(2, queued().size());
    }

    @Test
    void withHs256NobodyCouldCheckALogoutTokenSoNoneIsQueued() {
        register("crm", backchannel(), null);
        appSession("sso-1", "crm");
        singleLogout.settings = TestTokens.seed();

        assertEquals(0, endBrowserLogin("sso-1"));
        assertTrue(queued().isEmpty());
    }

    @Test
    void aNewSecurityStampTellsEveryAppOfEveryBrowserLoginInTheSameTransaction() {
        register("crm", backchannel(), null);
        register("wiki", backchannel(), null);
        appSession("sso-1", "crm");
        appSession("sso-2", "wiki");

        users.update("alice", user -> user.setFullName("Alice"));
        assertTrue(queued().isEmpty(), "a profile change ends no session");

        users.update("alice", user -> user.revokeAllTokens(now.toEpochMilli()));
        assertEquals(List.of("crm sso-1", "wiki sso-2"), queued().stream().map(d -> d.clientId() + " " + d.sid()).toList());

        users.update("alice", user -> user.revokeAllTokens(now.toEpochMilli()));
        assertEquals(2, queued().size(), "the sessions of the earlier stamp were told already");
    }

    @Test
    void deletingTheAccountStillTellsItsAppsAndTheDeliveryOutlivesIt() throws Exception {
        register("crm", backchannel(), null);
        appSession("sso-1", "crm");

        assertTrue(users.delete("alice"));

        assertEquals(1, queued().size());
        assertEquals(1, deliveries.deliverDue());
        assertEquals(alice.subject(), payload(logoutToken(received.get(0))).getString("sub"));
    }

    @Test
    void theLogoutTokenIsWhatBackChannelLogoutAsksForSignedAsIdTokensAre() throws Exception {
        register("crm", backchannel(), null);
        appSession("sso-1", "crm");
        endBrowserLogin("sso-1");

        assertEquals(1, deliveries.deliverDue());

        assertEquals(1, received.size());
        String post = received.get(0);
        assertEquals("application/x-www-form-urlencoded", post.substring(0, post.indexOf('\n')));
        String token = logoutToken(post);
        JsonObject header = Json.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]),
                StandardCharsets.UTF_8))).readObject();
        assertEquals("logout+jwt", header.getString("typ"));
        assertEquals("ES256", header.getString("alg"));
        assertEquals(keys.current().id(), header.getString("kid"));
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(keys.current().verificationKey())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "ES256")
                .setExpectedIssuer(ISSUER)
                .setExpectedAudience("crm")
                .setEvaluationTime(org.jose4j.jwt.NumericDate.fromSeconds(now.getEpochSecond()))
                .setRequireIssuedAt()
                .setRequireExpirationTime()
                .setRequireJwtId()
                .setExpectedType(true, "logout+jwt")
                .build()
                .processToClaims(token);
        assertEquals(alice.subject(), claims.getSubject());
        assertEquals("sso-1", claims.getStringClaimValue("sid"));
        assertEquals(Json.createObjectBuilder().add(TokenIssuer.BACKCHANNEL_LOGOUT_EVENT, Json.createObjectBuilder()).build(),
                payload(token).getJsonObject("events"));
        assertFalse(claims.hasClaim("nonce"), "section 2.4: a logout token never has a nonce");
        assertEquals(120, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        assertEquals(LogoutDelivery.DELIVERED, queued().get(0).outcome());
    }

    @Test
    void anAppThatIsDownIsToldWhenItIsBackWithBackoff() throws Exception {
        register("crm", backchannel(), null);
        appSession("sso-1", "crm");
        endBrowserLogin("sso-1");
        answer.set(503);

        assertEquals(1, deliveries.deliverDue());
        LogoutDelivery failed = queued().get(0);
        assertEquals(1, failed.attempts());
        assertEquals("HTTP 503", failed.lastError());
        assertEquals(now.plusSeconds(5).toEpochMilli(), failed.nextAttemptAt(), "the first retry after LOGOUT_RETRY_SECONDS");
        assertEquals(0, deliveries.deliverDue(), "not before");

        now = now.plusSeconds(5);
        answer.set(0);   // now it hangs: a timeout is retried too, doubled
        assertEquals(1, deliveries.deliverDue());
        assertEquals(now.plusSeconds(10).toEpochMilli(), queued().get(0).nextAttemptAt());
        assertEquals("timed out", queued().get(0).lastError());

        now = now.plusSeconds(10);
        answer.set(200);
        assertEquals(1, deliveries.deliverDue());
        assertEquals(LogoutDelivery.DELIVERED, queued().get(0).outcome());
        assertEquals(3, queued().get(0).attempts());
        assertEquals(3, received.size());
        List<String> ids = received.stream().map(post -> payload(logoutToken(post)).getString("jti")).distinct().toList();
        assertEquals(3, ids.size(), "signed anew at each attempt: a fresh jti and exp");
    }

    @Test
    void anAppThatStaysDownIsGivenUpAfterTheLastAttemptAndOneThatRefusesAtOnce() throws Exception {
        register("crm", backchannel(), null);
        appSession("sso-1", "crm");
        endBrowserLogin("sso-1");
        app.stop(0);   // nothing listens

        for (int attempt = 1; attempt <= 4; attempt++) {
            assertEquals(1, deliveries.deliverDue(), "attempt " + attempt);
            now = now.plusSeconds(15);
        }
        assertEquals(0, deliveries.deliverDue());
        LogoutDelivery given = queued().get(0);
        assertEquals(LogoutDelivery.GIVEN_UP, given.outcome());
        assertEquals(4, given.attempts(), "LOGOUT_DELIVERY_ATTEMPTS");
        assertTrue(given.lastError().startsWith("cannot connect"), given.lastError());

        assertEquals(BackChannelDeliveries.Result.Kind.GIVE_UP, BackChannelDeliveries.answered(400).kind(),
                "the app refused the token: trying again changes nothing");
        assertEquals(BackChannelDeliveries.Result.Kind.GIVE_UP, BackChannelDeliveries.answered(302).kind(), "never followed");
        assertEquals(BackChannelDeliveries.Result.Kind.RETRY, BackChannelDeliveries.answered(429).kind());
        assertEquals(BackChannelDeliveries.Result.Kind.DELIVERED, BackChannelDeliveries.answered(204).kind());
    }

    @Test
    void anAppThatHangsHoldsUpNoOtherAppsLogout() throws Exception {
        register("crm", backchannel(), null);
        register("stuck", backchannel().replace("/backchannel", "/hangs"), null);
        appSession("sso-1", "stuck");
        endBrowserLogin("sso-1");
        List<java.util.concurrent.CompletableFuture<Void>> stuck = deliveries.sendDue();
        assertEquals(1, stuck.size());

        appSession("sso-2", "crm");
        endBrowserLogin("sso-2");
        assertEquals(1, deliveries.deliverDue(), "the next round claims only what is not under way");
        assertFalse(stuck.get(0).isDone(), "crm's logout was delivered while stuck's attempt was still under way");
        assertEquals(List.of("crm delivered", "stuck null"), queued().stream().map(d -> d.clientId() + " " + d.outcome()).toList());

        stuck.get(0).get(10, TimeUnit.SECONDS);
        assertEquals("timed out", queued().get(1).lastError(), "recorded when it ended: retried later");
    }

    @Test
    void aKeptAliveConnectionTheAppClosedMeanwhileCostsNoRetry() throws Exception {
        try (KeepAliveThenDrop dropping = new KeepAliveThenDrop()) {
            register("crm", dropping.uri(), null);
            appSession("sso-1", "crm");
            endBrowserLogin("sso-1");
            assertEquals(1, deliveries.deliverDue());
            appSession("sso-2", "crm");
            endBrowserLogin("sso-2");

            assertEquals(1, deliveries.deliverDue(), "sent on the kept-alive connection, which the app drops unanswered");
            assertEquals(List.of("crm delivered 1", "crm delivered 1"),
                    queued().stream().map(d -> d.clientId() + " " + d.outcome() + " " + d.attempts()).toList(),
                    "sent again at once on a new connection, not five seconds later");
            assertEquals(2, dropping.answered.get());
        }
    }

    /**
     * An app whose server keeps the first connection alive, then closes it when the next request
     * arrives on it without answering (as one whose keep-alive ran out just then); new connections
     * are answered.
     */
    static final class KeepAliveThenDrop implements AutoCloseable {
        final java.net.ServerSocket server = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicInteger answered = new AtomicInteger();
        final Thread accepting = new Thread(this::serve, "keep-alive-then-drop");

        KeepAliveThenDrop() throws java.io.IOException {
            accepting.setDaemon(true);
            accepting.start();
        }

        String uri() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/backchannel";
        }

        private void serve() {
            boolean first = true;
            while (!server.isClosed()) {
                try (java.net.Socket connection = server.accept()) {
                    java.io.InputStream in = connection.getInputStream();
                    readRequest(in);
                    connection.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    connection.getOutputStream().flush();
                    answered.incrementAndGet();
                    if (first) {
                        first = false;
                        in.read();   // the next request on this connection: closed unanswered
                    }
                } catch (java.io.IOException closed) {
                    return;
                }
            }
        }

        private static void readRequest(java.io.InputStream in) throws java.io.IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int next = in.read();
                if (next < 0) {
                    throw new java.io.EOFException();
                }
                head.append((char) next);
            }
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
            in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
        }

        @Override
        public void close() throws java.io.IOException {
            server.close();
        }
    }

    @Test
    void theBackoffDoublesUpToItsCap() {
        assertEquals(List.of(5_000L, 10_000L, 15_000L, 15_000L),
                List.of(deliveries.retryDelayMillis(1), deliveries.retryDelayMillis(2), deliveries.retryDelayMillis(3),
                        deliveries.retryDelayMillis(40)));
    }

    @Test
    void aClientDeletedMeanwhileIsGivenUpWithoutACall() {
        register("crm", backchannel(), null);
        appSession("sso-1", "crm");
        endBrowserLogin("sso-1");
        clientAdmin.delete("crm");

        assertEquals(1, deliveries.deliverDue());
        assertEquals(LogoutDelivery.GIVEN_UP, queued().get(0).outcome());
        assertTrue(received.isEmpty());
    }

    @Test
    void twoInstancesDeliverEachLogoutOnce() throws Exception {
        register("crm", backchannel(), null);
        for (int i = 0; i < 20; i++) {
            appSession("sso-" + i, "crm");
            endBrowserLogin("sso-" + i);
        }
        BackChannelDeliveries other = deliveries();
        ExecutorService both = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        Future<Integer> first = both.submit(() -> { go.await(); return deliveries.deliverDue(); });
        Future<Integer> second = both.submit(() -> { go.await(); return other.deliverDue(); });
        go.countDown();
        int sent = first.get(30, TimeUnit.SECONDS) + second.get(30, TimeUnit.SECONDS);
        both.shutdown();

        assertEquals(20, sent);
        assertEquals(20, received.size(), "each once");
        assertEquals(20, received.stream().map(post -> payload(logoutToken(post)).getString("sid")).distinct().count());
    }

    @Test
    void whatAStoppedInstanceHeldIsAnyonesOnceItsClaimRunsOutOrAtOnceIfItStoppedCleanly() {
        register("crm", backchannel(), null);
        appSession("sso-1", "crm");
        appSession("sso-2", "crm");
        endBrowserLogin("sso-1");
        endBrowserLogin("sso-2");
        String crashed = UUID.randomUUID().toString();
        database.inTransaction(em -> em.createQuery("UPDATE LogoutDelivery d SET d.claimedBy = :gone, d.claimedUntil = :until "
                        + "WHERE d.sid = 'sso-1'")
                .setParameter("gone", crashed).setParameter("until", now.plusSeconds(12).toEpochMilli()).executeUpdate());
        BackChannelDeliveries stopping = deliveries();
        database.inTransaction(em -> em.createQuery("UPDATE LogoutDelivery d SET d.claimedBy = :me, d.claimedUntil = :until "
                        + "WHERE d.sid = 'sso-2'")
                .setParameter("me", stopping.instance).setParameter("until", now.plusSeconds(12).toEpochMilli()).executeUpdate());

        assertEquals(0, deliveries.deliverDue(), "both are held");
        stopping.stop();
        assertEquals(0, stopping.deliverDue(), "a stopped instance claims nothing more");
        assertEquals(1, deliveries.deliverDue(), "a clean stop gives its claim back at once");
        now = now.plusSeconds(13);
        assertEquals(1, deliveries.deliverDue(), "a crashed instance's claim runs out");
        assertEquals(2, received.size());
    }

    @Test
    void theFrontChannelUrisCarryIssAndSid() {
        register("crm", null, "https://crm.example.test/logout?from=op");
        register("wiki", null, "https://wiki.example.test/frontchannel");
        register("mail", null, null);
        appSession("sso 1", "crm");
        appSession("sso 1", "wiki");
        appSession("sso 1", "mail");

        assertEquals(List.of("https://crm.example.test/logout?from=op&iss=https%3A%2F%2Flogin.example.test&sid=sso+1",
                        "https://wiki.example.test/frontchannel?iss=https%3A%2F%2Flogin.example.test&sid=sso+1"),
                singleLogout.frontChannelUris("sso 1"));
        assertEquals(List.of(), singleLogout.frontChannelUris("another"));
        assertTrue(queued().isEmpty(), "no back channel registered");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
