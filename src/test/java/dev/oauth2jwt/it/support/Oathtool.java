package dev.oauth2jwt.it.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Authenticator-app codes computed by Debian's {@code oathtool} (OATH Toolkit) from the secret the
 * server showed: the tests type what a person's phone would show, not what our own code computes.
 */
public final class Oathtool {

    public static final String BINARY = System.getProperty("oathtool", "/usr/bin/oathtool");

    private Oathtool() {
    }

    /** The code of now plus {@code seconds} (0: now; 30: the next step; 300: one far outside the drift, so wrong). */
    public static String code(String base32Secret, int seconds) {
        assertTrue(new File(BINARY).canExecute(), "the second-factor tests need oathtool: apt-get install oathtool");
        try {
            Process process = new ProcessBuilder(BINARY, "--totp", "--base32", "--now", "now + " + seconds + " seconds",
                    base32Secret.replace(" ", "")).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0 || !out.matches("[0-9]{6}")) {
                throw new AssertionError("oathtool said: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("oathtool did not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static String code(String base32Secret) {
        return code(base32Secret, 0);
    }
}
