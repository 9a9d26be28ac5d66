package dev.oauth2jwt.it.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;

/**
 * For changes made behind the server's back (in the database, as another instance would): the
 * token check may serve what it read up to a second before, so such a change must show within
 * {@link #A_SECOND_AND_A_BIT}, not at once.
 */
public final class Eventually {

    public static final Duration A_SECOND_AND_A_BIT = Duration.ofMillis(1500);

    private Eventually() {
    }

    /** The status the request answers once it stops answering {@code before}, or {@code before} after the deadline. */
    public static int statusAfterChange(int before, IntSupplier request) throws InterruptedException {
        Instant deadline = Instant.now().plus(A_SECOND_AND_A_BIT);
        int status = request.getAsInt();
        while (status == before && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            status = request.getAsInt();
        }
        return status;
    }
}
