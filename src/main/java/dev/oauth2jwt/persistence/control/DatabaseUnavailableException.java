package dev.oauth2jwt.persistence.control;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/** The database cannot be reached (down, restarting, no connection free in time): retry later. */
public class DatabaseUnavailableException extends RuntimeException {

    DatabaseUnavailableException(Throwable cause) {
        super("database unavailable: " + cause.getMessage(), cause, false, false);
    }

    /** Whether a failure means the database is unreachable rather than that the work was wrong. */
    static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // class 08: connection exceptions; 57P01-57P03: PostgreSQL shutting down or starting
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
