package dev.oauth2jwt.monitoring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MetricsTest {

    final Metrics metrics = new Metrics();

    String page() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.write(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void loginsAreCountedByOutcomeAndTimed() throws Exception {
        metrics.login(Outcome.SUCCESS, 250_000_000);
        metrics.login(Outcome.FAILURE, 260_000_000);
        metrics.login(Outcome.FAILURE, 255_000_000);
        metrics.login(Outcome.BUSY, 1_000_000);

        String page = page();

        assertTrue(page.contains("oauth2jwt_logins_total{outcome=\"success\"} 1.0"), page);
        assertTrue(page.contains("oauth2jwt_logins_total{outcome=\"failure\"} 2.0"), page);
        assertTrue(page.contains("oauth2jwt_logins_total{outcome=\"busy\"} 1.0"), page);
        assertTrue(page.contains("oauth2jwt_login_seconds_bucket{le=\"0.3\"} 4"), page);
        assertTrue(page.contains("oauth2jwt_login_seconds_bucket{le=\"0.2\"} 1"), page);
        assertTrue(page.contains("oauth2jwt_login_seconds_count 4"), page);
    }

    @Test
    void refusedTokensAreCountedByReasonAndChecksTimed() throws Exception {
        metrics.tokenRefused("expired");
        metrics.tokenRefused("expired");
        metrics.tokenRefused("invalid signature");
        metrics.tokenChecked(40_000);

        String page = page();

        assertTrue(page.contains("oauth2jwt_tokens_refused_total{reason=\"expired\"} 2.0"), page);
        assertTrue(page.contains("oauth2jwt_tokens_refused_total{reason=\"invalid signature\"} 1.0"), page);
        assertTrue(page.contains("oauth2jwt_token_check_seconds_bucket{le=\"5.0E-5\"} 1"), page);
        assertTrue(page.contains("# TYPE oauth2jwt_token_check_seconds histogram"), page);
    }
}
