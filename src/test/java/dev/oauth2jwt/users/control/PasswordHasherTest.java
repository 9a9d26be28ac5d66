package dev.oauth2jwt.users.control;

import static dev.oauth2jwt.users.control.PasswordHasher.Check.CORRUPT_HASH;
import static dev.oauth2jwt.users.control.PasswordHasher.Check.MATCH;
import static dev.oauth2jwt.users.control.PasswordHasher.Check.MISMATCH;
import static dev.oauth2jwt.users.control.PasswordHasher.Check.TOO_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.testing.TaskExecutors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Vectors checked independently with libxcrypt (Python's crypt module). */
public class PasswordHasherTest {

    static final String SEED_JOHNDOE = "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW";
    static final String SEED_ALICE = "$2b$12$gSvqqUPvlXP2tfVFaWK1Be7DlH.PKZbv5H8KnzzVgXXbVxpva.pFm";
    /** PHP's password_verify example. */
    static final String PHP_2Y = "$2y$10$.vGA1O9wmRjrwAVXD98HNOgsNpDczlqm3Jq7KnEd1rVAGv3Fykk1a";
    /** OpenBSD / crypt_blowfish test vector. */
    static final String OPENBSD_2A = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";

    public static PasswordHasher hasher(int cost) {
        PasswordHasher hasher = new PasswordHasher();
        hasher.cost = cost;
        hasher.init();
        return hasher;
    }

    /** Records each bcrypt computation's cost, so tests can see the work without timing it. */
    static List<Integer> countWork(PasswordHasher hasher) {
        List<Integer> costs = new ArrayList<>();
        PasswordHasher.Bcrypt real = hasher.bcrypt;
        hasher.bcrypt = (password, hash) -> {
            costs.add(Integer.parseInt(hash.substring(4, 6)));
            return real.matches(password, hash);
        };
        return costs;
    }

    @Test
    void verifiesTheSeedsPasslibHashes() {
        PasswordHasher hasher = hasher(12);

        assertEquals(MATCH, hasher.check("secret", SEED_JOHNDOE));
        assertEquals(MISMATCH, hasher.check("Secret", SEED_JOHNDOE));
        assertEquals(MATCH, hasher.check("secretalice", SEED_ALICE));
        assertEquals(MISMATCH, hasher.check("secret", SEED_ALICE));
    }

    @Test
    void verifies2yAnd2aHashes() {
        PasswordHasher hasher = hasher(12);

        assertEquals(MATCH, hasher.check("rasmuslerdorf", PHP_2Y));
        assertEquals(MISMATCH, hasher.check("rasmuslerdorF", PHP_2Y));
        assertEquals(MATCH, hasher.check("U*U", OPENBSD_2A));
        assertEquals(MISMATCH, hasher.check("U*V", OPENBSD_2A));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "secret",
            "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31l",   // one character short
            "$2x$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW",  // unknown revision
            "$2b$31$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW",  // cost jBCrypt refuses
            "$2b$12$EixZaYVK1fsbw1ZfbX3OX!PaWxn96p36WQoeG6Lruj3vjPGga31lW",  // not bcrypt base64
            "pbkdf2_sha256$600000$salt$hash"
    })
    void aCorruptHashNeverMatchesAndNeverThrows(String corrupt) {
        assertEquals(CORRUPT_HASH, hasher(4).check("secret", corrupt));
    }

    @Test
    void everyOutcomeCostsOneBcryptComputationAtTheConfiguredCost() {
        PasswordHasher hasher = hasher(5);
        String stored = hasher.hash("right password");
        List<Integer> work = countWork(hasher);

        assertEquals(MATCH, hasher.check("right password", stored));
        assertEquals(MISMATCH, hasher.check("wrong password", stored));
        assertEquals(MISMATCH, hasher.check("any password", null), "no such user: checked against the dummy hash");
        assertEquals(CORRUPT_HASH, hasher.check("any password", "$2b$05$corrupt"));
        assertEquals(TOO_LONG, hasher.check("x".repeat(100), stored));

        assertEquals(List.of(5, 5, 5, 5, 5), work);
    }

    @Test
    void theDummyHashIsAWellFormedHashAtTheConfiguredCostThatNothingMatches() {
        String dummy = PasswordHasher.unmatchableHash(7);

        assertTrue(PasswordHasher.isBcryptHash(dummy), dummy);
        assertEquals("$2a$07$", dummy.substring(0, 7));
        assertFalse(dummy.equals(PasswordHasher.unmatchableHash(7)), "random each time");
        for (String password : List.of("", "password", "secret", dummy.substring(7, 29))) {
            assertFalse(org.mindrot.jbcrypt.BCrypt.checkpw(password, dummy), password);
        }
    }

    @Test
    void theTypicalCheckIsTimedBeforeTheFirstCheck() {
        PasswordHasher hasher = hasher(6);

        assertTrue(hasher.typicalCheckNanos() > 0, "timed at start: " + hasher.typicalCheckNanos());
    }

    @Test
    void theFirstTimingRunsBesideTheDeploymentAndACheckWaitsForIt() throws Exception {
        CountDownLatch timingMayEnd = new CountDownLatch(1);
        CountDownLatch checkComputing = new CountDownLatch(1);
        AtomicInteger computations = new AtomicInteger();
        PasswordHasher hasher = new PasswordHasher();
        hasher.cost = 4;
        hasher.bcrypt = (password, hash) -> {
            if (computations.incrementAndGet() == 1) {
                awaitAtMost10Seconds(timingMayEnd);   // the first timing, held until the test lets it end
            } else {
                checkComputing.countDown();
            }
            return org.mindrot.jbcrypt.BCrypt.checkpw(password, hash);
        };
        hasher.executor = TaskExecutors.handingTasksTo(task -> new Thread(task).start());   // each task on a thread of its own
        hasher.init();
        String hash = org.mindrot.jbcrypt.BCrypt.hashpw("secret", org.mindrot.jbcrypt.BCrypt.gensalt(4));

        CompletableFuture<PasswordHasher.Check> check = CompletableFuture.supplyAsync(() -> hasher.check("wrong", hash),
                task -> new Thread(task).start());
        try {
            assertFalse(checkComputing.await(300, TimeUnit.MILLISECONDS), "the check computed before the first timing ended");
            assertEquals(0, hasher.typicalCheckNanos(), "init returned while the timing was still under way");
        } finally {
            timingMayEnd.countDown();   // a failed assertion leaves no thread waiting
        }
        assertEquals(MISMATCH, check.get(10, TimeUnit.SECONDS));
        assertEquals(2, computations.get());
        assertTrue(hasher.typicalCheckNanos() > 0);
    }

    private static void awaitAtMost10Seconds(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aPasswordOver72BytesNeverAuthenticatesOnItsPrefix() {
        PasswordHasher hasher = hasher(4);
        String prefix = "p".repeat(72);
        String stored = hasher.hash(prefix);

        assertEquals(MATCH, hasher.check(prefix, stored));
        assertEquals(TOO_LONG, hasher.check(prefix + "anything", stored), "bcrypt alone would say MATCH");
        assertEquals(TOO_LONG, hasher.check("é".repeat(37), hasher.hash("é".repeat(36))), "74 bytes of UTF-8");
    }

    @Test
    void newPasswordsOver72BytesOrWithNulAreRefusedWithAReason() {
        PasswordHasher hasher = hasher(4);

        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> hasher.hash("x".repeat(73)));
        assertTrue(tooLong.getMessage().contains("longer than 72 bytes"), tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> hasher.hash("nul\0inside"));
        assertEquals(java.util.Optional.empty(), PasswordHasher.problem("x".repeat(72)));
    }

    @Test
    void hashesNewPasswordsAtTheConfiguredCost() {
        PasswordHasher hasher = hasher(5);

        String hash = hasher.hash("a new password");

        assertTrue(hash.startsWith("$2a$05$"), hash);
        assertEquals(MATCH, hasher.check("a new password", hash));
        assertEquals(MISMATCH, hasher.check("another password", hash));
    }

    @Test
    void defaultCostIsTwelve() throws Exception {
        var properties = new java.util.Properties();
        try (var in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
            properties.load(in);
        }
        assertEquals("12", properties.getProperty("bcrypt.cost"));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 31, 0, -1})
    void refusesCostsBcryptCannotUse(int cost) {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> hasher(cost));

        assertTrue(refused.getMessage().contains("BCRYPT_COST"), refused.getMessage());
    }

    /** Computed independently with Python's hashlib.pbkdf2_hmac, as Django stores it. */
    static final String DJANGO = "pbkdf2_sha256$260000$sEcReTsAlT12$sWqj3GA0dX8SzcjiYPhcmARyqJNLOwZayogJKs8Sh6I=";
    static final String DJANGO_UNICODE = "pbkdf2_sha256$1000$salt$zy1oTMNzIztg8jMVVqpHyzWr464Z58RhOAdpV3tSOiI=";

    @Test
    void verifiesDjangoPbkdf2Hashes() {
        PasswordHasher hasher = hasher(4);

        assertEquals(MATCH, hasher.check("django-password", DJANGO));
        assertEquals(MISMATCH, hasher.check("django-passworD", DJANGO));
        assertEquals(MISMATCH, hasher.check("", DJANGO));
        assertEquals(MATCH, hasher.check("pässwörd", DJANGO_UNICODE));
        assertTrue(PasswordHasher.isSupportedHash(DJANGO));
        assertEquals(CORRUPT_HASH, hasher.check("x", "pbkdf2_sha256$0$salt$zy1oTMNzIztg8jMVVqpHyzWr464Z58RhOAdpV3tSOiI="));
    }

    @Test
    void legacyAndCheaperHashesNeedARehash() {
        PasswordHasher hasher = hasher(12);

        assertTrue(hasher.needsRehash(DJANGO));
        assertTrue(hasher.needsRehash(PHP_2Y), "cost 10 below 12");
        assertFalse(hasher.needsRehash(SEED_JOHNDOE), "cost 12");
        assertFalse(hasher(10).needsRehash(SEED_JOHNDOE), "a higher cost is kept");
    }

    /**
     * A virtual clock: each bcrypt at the policy's cost "takes" 200 ms, a cheaper one 12 ms, PBKDF2
     * whatever the real one takes (well under 200 ms of virtual time, which only the fakes move).
     */
    static final class VirtualTime {
        long now;
        final List<Long> paused = new ArrayList<>();

        void attach(PasswordHasher hasher, int policyCost) {
            hasher.nanoTime = () -> now;
            hasher.pause = nanos -> {
                paused.add(nanos);
                now += nanos;
            };
            PasswordHasher.Bcrypt real = hasher.bcrypt;
            hasher.bcrypt = (password, hash) -> {
                now += Integer.parseInt(hash.substring(4, 6)) == policyCost ? 200_000_000L : 12_000_000L;
                return real.matches(password, hash);
            };
        }
    }

    @Test
    void aWrongPasswordAgainstACheaperHashTakesAsLongAsOneAtThePolicysCost() {
        PasswordHasher hasher = hasher(5);
        VirtualTime time = new VirtualTime();
        time.attach(hasher, 5);
        for (int i = 0; i < 40; i++) {
            hasher.check("anything", null);   // unknown users: the typical cost is learnt from them
        }
        assertTrue(Math.abs(hasher.typicalCheckNanos() - 200_000_000L) < 5_000_000L, "learnt: " + hasher.typicalCheckNanos());

        assertEquals(MISMATCH, hasher.check("wrong", OPENBSD_2A));   // cost 5 is the policy here: no wait
        assertEquals(List.of(), time.paused);
        assertEquals(MISMATCH, hasher.check("wrong", "$2a$04$" + OPENBSD_2A.substring(7)));
        assertEquals(1, time.paused.size(), "a cheaper bcrypt hash waits the difference");
        long before = time.now;
        assertEquals(MISMATCH, hasher.check("wrong", DJANGO));
        assertEquals(2, time.paused.size(), "so does Django's PBKDF2");
        assertTrue(time.now - before >= hasher.typicalCheckNanos() - 5_000_000L, "as long as an unknown user's check");

        assertEquals(MATCH, hasher.check("django-password", DJANGO));
        assertEquals(2, time.paused.size(), "the right password does not wait: its hash is upgraded, which costs more anyway");
    }
}
