package dev.oauth2jwt.persistence.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Database reads kept for at most {@code maxAgeMillis}, for checks made on every request (the
 * token check's user and session). A change made on this instance is seen at once by calling
 * {@link #forget}; one made elsewhere within {@code maxAgeMillis}. A fixed number of entries,
 * all dropped when full: cheaper than an eviction order, and refilled within a second anyway.
 */
public final class RecentReads<K, V> {

    private final long maxAgeNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    private final Map<K, Read<V>> reads = new ConcurrentHashMap<>();

    private record Read<V>(V value, long readAt) {
    }

    public RecentReads(long maxAgeMillis, int maxEntries, LongSupplier nanoTime) {
        this.maxAgeNanos = maxAgeMillis * 1_000_000;
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
    }

    /** The value read at most {@code maxAgeMillis} ago, or freshly loaded (and kept). */
    public V get(K key, Function<K, V> load) {
        long now = nanoTime.getAsLong();
        Read<V> read = reads.get(key);
        if (read != null && now - read.readAt() < maxAgeNanos) {
            return read.value();
        }
        V value = load.apply(key);
        if (maxAgeNanos > 0) {
            if (reads.size() >= maxEntries) {
                reads.clear();
            }
            reads.put(key, new Read<>(value, now));
        }
        return value;
    }

    public void forget(K key) {
        reads.remove(key);
    }
}
