package dev.oauth2jwt.it;

import dev.oauth2jwt.it.support.Api;
import dev.oauth2jwt.it.support.LoadTest;
import dev.oauth2jwt.it.support.DefaultServerTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Brute force against the throttle, each case bounded in time and stopping by itself. First a load
 * on 127.0.0.1: clients at one address send wrong passwords for many
 * usernames until the address is throttled (those beyond the hashing capacity get 503 meanwhile),
 * while another client reads /users/me/ with a valid token. It stops by itself (at most 60 s) and checks outcomes, not timings: the numbers it prints
 * are for the README, not assertions.
 */
@LoadTest
class BruteForceIT extends DefaultServerTest {

    static final int ATTACKERS = 8;
    static final String ATTACKER_ADDRESS = "203.0.113.66";

    @Test
    void throttlingEngagesAndValidTokensKeepBeingServed() throws Exception {
        String token = api.login("johndoe", "secret");
        Map<Integer, AtomicInteger> loginStatuses = new ConcurrentHashMap<>();
        List<Long> readLatenciesMicros = Collections.synchronizedList(new ArrayList<>());
        List<String> readFailures = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger attempt = new AtomicInteger();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));

        ExecutorService pool = Executors.newFixedThreadPool(ATTACKERS + 1);
        for (int i = 0; i < ATTACKERS; i++) {
            pool.submit(() -> {
                while (!stop.get() && Instant.now().isBefore(deadline)) {
                    Api.Answer answer = api.postForm("/token", Api.form(Map.of(
                            "username", "guess" + attempt.incrementAndGet(), "password", "password123")),
                            "X-Forwarded-For", ATTACKER_ADDRESS);
                    loginStatuses.computeIfAbsent(answer.status(), status -> new AtomicInteger()).incrementAndGet();
                    if ((answer.status() == 429 || answer.status() == 503) && answer.header("retry-after") == null) {
                        readFailures.add(answer.status() + " without Retry-After");
                    }
                }
                return null;
            });
        }
        pool.submit(() -> {
            while (!stop.get() && Instant.now().isBefore(deadline)) {
                long started = System.nanoTime();
                Api.Answer answer = api.get("/users/me/", "Authorization", "Bearer " + token);
                readLatenciesMicros.add((System.nanoTime() - started) / 1000);
                if (answer.status() != 200) {
                    readFailures.add(answer.toString());
                }
            }
            return null;
        });

        // run until the address has been refused for a while, then stop everything
        while (Instant.now().isBefore(deadline) && count(loginStatuses, 429) < 50) {
            Thread.sleep(100);
        }
        stop.set(true);
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));

        List<Long> sorted = new ArrayList<>(readLatenciesMicros);
        Collections.sort(sorted);
        System.out.printf("BruteForceIT: logins by status %s; /users/me/ %d requests, p50 %d ms, p99 %d ms, max %d ms, failures %d%n",
                loginStatuses, sorted.size(), percentile(sorted, 50) / 1000, percentile(sorted, 99) / 1000,
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1000, readFailures.size());

        assertTrue(count(loginStatuses, 429) > 0, "the address was throttled: " + loginStatuses);
        assertTrue(count(loginStatuses, 401) >= 100, "100 failures were allowed first: " + loginStatuses);
        assertEquals(count(loginStatuses, 401) + count(loginStatuses, 429) + count(loginStatuses, 503),
                loginStatuses.values().stream().mapToInt(AtomicInteger::get).sum(),
                "only 401, 429, and 503 when the hashing capacity is full: " + loginStatuses);
        assertTrue(sorted.size() > 10, "valid tokens were served meanwhile");
        assertEquals(List.of(), readFailures);
        assertEquals(200, api.get("/users/me/", "Authorization", "Bearer " + token).status());
        assertEquals(200, api.postForm("/token", "username=johndoe&password=secret", "X-Forwarded-For", "203.0.113.67").status(),
                "other addresses still log in");
    }

    /**
     * OWASP: an attacker must not keep a real user out. One address fails for the account without
     * pause (waiting out each Retry-After, then failing again), while the user logs in from hers.
     */
    @Test
    void anAttackerFailingFromOneAddressNeverLocksTheRealUserOut() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Map<Integer, AtomicInteger> attackerStatuses = new ConcurrentHashMap<>();
        ExecutorService attacker = Executors.newSingleThreadExecutor();
        attacker.submit(() -> {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (!stop.get() && Instant.now().isBefore(deadline)) {
                Api.Answer answer = api.postForm("/token", "username=lockout-target&password=guess",
                        "X-Forwarded-For", "203.0.113.70");
                attackerStatuses.computeIfAbsent(answer.status(), status -> new AtomicInteger()).incrementAndGet();
                if (answer.status() == 429) {
                    Thread.sleep(Long.parseLong(answer.header("retry-after")) * 1000);
                }
            }
            return null;
        });
        List<Long> victimMillis = new ArrayList<>();
        try {
            while (count(attackerStatuses, 429) < 3) {   // the attacker's address is blocked and keeps trying
                Thread.sleep(100);
            }
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                Api.Answer answer = api.postForm("/token", "username=lockout-target&password=janes-password",
                        "X-Forwarded-For", "198.51.100.70");
                victimMillis.add((System.nanoTime() - started) / 1_000_000);
                assertEquals(200, answer.status(), "the real user, attempt " + (i + 1) + ": " + answer);
                Thread.sleep(1000);
            }
        } finally {
            stop.set(true);
            attacker.shutdown();
            assertTrue(attacker.awaitTermination(60, TimeUnit.SECONDS));
        }
        System.out.printf("BruteForceIT: attacker by status %s; the real user's logins took %s ms%n", attackerStatuses, victimMillis);
        assertTrue(count(attackerStatuses, 401) >= 10, attackerStatuses::toString);
        // slowed down, never refused: at most LOGIN_THROTTLE_MAX_SLOWDOWN_SECONDS (3) and a login
        assertTrue(victimMillis.stream().allMatch(millis -> millis < 10_000), victimMillis::toString);
    }

    /** Each check comes right after the tenth failure: the first block lasts a second, and a 429 is answered a second late. */
    @Test
    void rotatingAddressesWithinOneIpv6Slash64GainsNothing() {
        for (int i = 1; i <= 10; i++) {
            String address = "2001:db8:66:66::" + Integer.toHexString(i * 4099);
            Api.Answer failure = api.postForm("/token", "username=ipv6-target&password=guess-" + i,
                    "X-Forwarded-For", i % 2 == 0 ? address : "[" + address + "]:" + (40000 + i));   // with a port, as some proxies write it
            assertEquals(401, failure.status(), failure::toString);
        }

        assertEquals(429, api.postForm("/token", "username=ipv6-target&password=janes-password",
                "X-Forwarded-For", "2001:db8:66:66:ffff::1").status(), "another address of the same /64");
        assertEquals(200, api.postForm("/token", "username=ipv6-target&password=janes-password",
                "X-Forwarded-For", "2001:db8:66:67::1").status(), "the next /64 is someone else");
    }

    @Test
    void aPortInTheForwardedAddressIsNotANewClient() {
        for (int i = 0; i < 10; i++) {
            String address = i % 2 == 0 ? "203.0.113.80" : "203.0.113.80:" + (40000 + i);
            assertEquals(401, api.postForm("/token", "username=port-target&password=guess-" + i,
                    "X-Forwarded-For", address).status());
        }

        assertEquals(429, api.postForm("/token", "username=port-target&password=janes-password",
                "X-Forwarded-For", "203.0.113.80:5555").status());
    }

    @Test
    void junkRefreshTokensAreCountedPerAddressLikeFailedLogins() {
        for (int i = 0; i < 100; i++) {
            Api.Answer junk = api.postForm("/token", "grant_type=refresh_token&refresh_token=junk-" + i,
                    "X-Forwarded-For", "203.0.113.90");
            assertEquals(400, junk.status(), junk::toString);
        }

        // at once, both within the first second of the block
        var refresh = java.util.concurrent.CompletableFuture.supplyAsync(() -> api.postForm("/token",
                "grant_type=refresh_token&refresh_token=junk", "X-Forwarded-For", "203.0.113.90"));
        var login = java.util.concurrent.CompletableFuture.supplyAsync(() -> api.postForm("/token",
                "username=johndoe&password=secret", "X-Forwarded-For", "203.0.113.90"));
        Api.Answer throttled = refresh.join();
        assertEquals(429, throttled.status(), throttled::toString);
        assertEquals("{\"detail\":\"Too many failed login attempts\"}", throttled.body());
        assertTrue(Long.parseLong(throttled.header("retry-after")) >= 1);
        assertEquals(429, login.join().status(), "the address is throttled for logins too");
        assertEquals(400, api.postForm("/token", "grant_type=refresh_token&refresh_token=junk",
                "X-Forwarded-For", "203.0.113.91").status(), "other addresses are not");
    }

    static int count(Map<Integer, AtomicInteger> statuses, int status) {
        AtomicInteger count = statuses.get(status);
        return count == null ? 0 : count.get();
    }

    static long percentile(List<Long> sorted, int percent) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100));
    }
}
