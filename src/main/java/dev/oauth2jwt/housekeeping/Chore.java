package dev.oauth2jwt.housekeeping;

/**
 * Work a feature wants done once a minute, off the request path (deleting what has expired, reading
 * what other instances changed). A CDI bean implementing it is found and run by {@link Housekeeping}.
 */
public interface Chore {

    /** Does this round's work; a failure is logged and the next round comes all the same. */
    void runHousekeeping();
}
