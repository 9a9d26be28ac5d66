package dev.oauth2jwt.keys.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.keys.entity.Algorithm;
import dev.oauth2jwt.keys.entity.StoredKey;
import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.persistence.control.TestDatabases;
import dev.oauth2jwt.testing.TestClocks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keys the server makes itself, on a real H2: one signing, the next one published ahead, retired ones kept a while. */
class StoredKeysTest {

    static final String ENCRYPTION_KEY = "a key encryption key of at least 32 bytes";
    static final KeySettings ES256 = TestKeys.stored(Algorithm.ES256, ENCRYPTION_KEY);
    static final KeySettings RS256 = TestKeys.stored(Algorithm.RS256, ENCRYPTION_KEY);
    static final long KEEP = ES256.retiredKeysKeptMillis();

    Database database;
    StoredKeys stored;
    Instant now = Instant.parse("2026-11-30T12:00:00Z");

    @BeforeEach
    void start() {
        database = TestDatabases.freshH2();
        stored = new StoredKeys();
        stored.database = database;
        stored.encryption = TestKeys.encryption(ES256);
        stored.clock = TestClocks.following(() -> now);
    }

    @AfterEach
    void stop() {
        TestDatabases.stop(database);
    }

    static StoredKey active(List<StoredKey> keys) {
        return keys.stream().filter(StoredKey::active).findFirst().orElseThrow();
    }

    static StoredKey next(List<StoredKey> keys) {
        return keys.stream().filter(StoredKey::next).findFirst().orElseThrow();
    }

    @Test
    void theFirstStartMakesASigningKeyAndPublishesTheNextOne() {
        List<StoredKey> keys = stored.ensure(ES256);

        assertEquals(2, keys.size());
        assertEquals(active(keys), keys.get(0), "the active key first");
        assertNotEquals(active(keys).kid(), next(keys).kid());
        assertEquals(keys.stream().map(StoredKey::kid).toList(), stored.ensure(ES256).stream().map(StoredKey::kid).toList(),
                "a restart (or another instance) changes nothing");
    }

    @Test
    void aRotationSignsWithTheKeyPublishedBeforeAndKeepsTheOldOnePublishedAWhile() {
        List<StoredKey> before = stored.ensure(RS256);

        List<StoredKey> after = stored.rotate(RS256);

        assertEquals(next(before).kid(), active(after).kid(), "consumers caching the key set know it already");
        assertTrue(after.stream().anyMatch(key -> key.kid().equals(active(before).kid()) && key.retiredAt() != null));
        assertEquals(3, after.size(), "retired, active, new next");

        now = now.plusMillis(KEEP + 1);
        assertEquals(2, stored.ensure(RS256).size(), "retired longer than its tokens live: gone");
    }

    @Test
    void keysRotateByThemselvesWhenTheyComeOfAge() {
        String first = active(stored.ensure(ES256)).kid();

        now = now.plus(Duration.ofDays(29));
        assertEquals(first, active(stored.ensure(ES256)).kid());
        now = now.plus(Duration.ofDays(1));
        assertNotEquals(first, active(stored.ensure(ES256)).kid());
    }

    @Test
    void changingTheAlgorithmRetiresTheOldKeysWhichStayPublishedUntilTheirTokensExpire() {
        String rsa = active(stored.ensure(RS256)).kid();

        List<StoredKey> keys = stored.ensure(ES256);

        assertEquals("ES256", active(keys).algorithm());
        assertTrue(keys.stream().anyMatch(key -> key.kid().equals(rsa) && key.retiredAt() != null), "still published");
        assertEquals(Optional.empty(), keys.stream().filter(key -> "RS256".equals(key.algorithm()) && key.active()).findFirst());
    }
}
