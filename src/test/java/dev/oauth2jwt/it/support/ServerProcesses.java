package dev.oauth2jwt.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** What the tests' own server processes (Payara Micro, the Spring Boot relying party) share: their log, readiness, stop. */
public final class ServerProcesses {

    private ServerProcesses() {
    }

    /** Whether the log shows the line that says the server is ready, before the deadline and while the process lives. */
    public static boolean awaitLine(Process process, Path log, String readyLine, Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            if (read(log).contains(readyLine)) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    public static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Asks the process to stop (SIGTERM), and makes it after a while. */
    public static void stop(Process process, int patienceSeconds) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(patienceSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
