package dev.oauth2jwt.caching;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The one cache of the application, for what the token check needs on every request: users and
 * login sessions read from the database (kept at most {@code maxAgeMillis}, so that a change made
 * on another instance counts within that time; {@link #forget} makes one made here count at once),
 * and tokens that passed verification (kept without an age limit: their own {@code exp} decides).
 * A fixed number of entries, all dropped when full: cheaper than an eviction order, and refilled
 * within a second anyway.
 */
public final class ExpiringCache<K, V> {

    private static final long NO_AGE_LIMIT = Long.MAX_VALUE;

    private final long maxAgeNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    private record Entry<V>(V value, long storedAt) {
    }

    private ExpiringCache(long maxAgeNanos, int maxEntries, LongSupplier nanoTime) {
        this.maxAgeNanos = maxAgeNanos;
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
    }

    /** Entries kept at most {@code maxAgeMillis} (0: nothing is kept), by the given clock. */
    public static <K, V> ExpiringCache<K, V> keepingFor(long maxAgeMillis, int maxEntries, LongSupplier nanoTime) {
        return new ExpiringCache<>(maxAgeMillis * 1_000_000, maxEntries, nanoTime);
    }

    /** Entries kept until forgotten or crowded out. */
    public static <K, V> ExpiringCache<K, V> withoutAgeLimit(int maxEntries) {
        return new ExpiringCache<>(NO_AGE_LIMIT, maxEntries, () -> 0);
    }

    /** The value kept for the key, or freshly loaded (and kept). */
    public V get(K key, Function<K, V> load) {
        V value = getIfPresent(key);
        if (value == null) {
            value = load.apply(key);
            put(key, value);
        }
        return value;
    }

    /** The value kept for the key, if it is still young enough; null otherwise. */
    public V getIfPresent(K key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (maxAgeNanos != NO_AGE_LIMIT && nanoTime.getAsLong() - entry.storedAt() >= maxAgeNanos) {
            return null;
        }
        return entry.value();
    }

    public void put(K key, V value) {
        if (maxAgeNanos == 0) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Entry<>(value, nanoTime.getAsLong()));
    }

    public void forget(K key) {
        entries.remove(key);
    }
}
