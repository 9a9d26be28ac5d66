package dev.oauth2jwt.tokens.control;

import dev.oauth2jwt.testing.Jwts;
import dev.oauth2jwt.users.entity.User;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The token check and issue in process, against plain jose4j and the bare HMAC-SHA256 of the same
 * bytes (the floor). Run by bench/run; not a test.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = "-Xmx256m")
public class TokenBenchmark {

    static final String SECRET = "a-benchmark-secret-of-at-least-32-bytes-0123456789";

    TokenVerifier verifier;
    RememberedTokens remembered;
    TokenIssuer issuer;
    JwtConsumer plainJose4j;
    Mac mac;
    String token;
    byte[] signingInput;
    User johndoe;
    Set<String> scopes;

    @Setup
    public void setUp() throws Exception {
        issuer = TokenIssuerTest.issuer(SECRET, Instant.now());
        verifier = TokenVerifierTest.verifier(SECRET);
        remembered = RememberedTokensTest.remembered(verifier);
        johndoe = new User("johndoe", null, null, "hash", false, Set.of("me", "items"));
        scopes = Set.of("me", "items");
        // a token as the server issues it, valid for the whole run (30 minutes)
        token = issuer.issue(johndoe, scopes, "benchmark-session").token();
        plainJose4j = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .setVerificationKey(new HmacKey(SECRET.getBytes(StandardCharsets.UTF_8)))
                .setRequireExpirationTime()
                .setRequireSubject()
                .build();
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        signingInput = token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
        if (!remembered.verify(token).subject().equals("johndoe") || Jwts.part(token, 1).isEmpty()) {
            throw new IllegalStateException("the benchmark token does not verify");
        }
    }

    /** A token presented for the first time: every check, signature included. */
    @Benchmark
    public Object verify() throws Exception {
        return verifier.verify(token);
    }

    /** The same token presented again, as clients do for its whole life: exp and nbf checked again. */
    @Benchmark
    public Object verifyAgain() throws Exception {
        return remembered.verify(token);
    }

    @Benchmark
    public JwtClaims verifyPlainJose4j() throws Exception {
        return plainJose4j.processToClaims(token);
    }

    @Benchmark
    public Object issue() {
        return issuer.issue(johndoe, scopes, "benchmark-session");
    }

    @Benchmark
    public byte[] hmacSha256Floor() {
        return mac.doFinal(signingInput);
    }
}
