package dev.oauth2jwt.it.support;

import java.util.function.Supplier;

/** Browser steps whose failure brings the logs that explain it: the page, the servers' last lines. */
public final class WithLogs {

    /** Steps that may throw, as a browser's do. */
    @FunctionalInterface
    public interface Steps {
        void run() throws Exception;
    }

    private WithLogs() {
    }

    /** Runs the steps; a failure's message gets the logs, read only then. */
    public static void run(Supplier<String> logs, Steps steps) throws Exception {
        try {
            steps.run();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n" + logs.get(), e);
        }
    }

    /** The end of a log: what a failure message can hold. */
    public static String tail(String log) {
        return log.length() > 6000 ? log.substring(log.length() - 6000) : log;
    }
}
