package dev.oauth2jwt.tokens.control;

import dev.oauth2jwt.keys.control.TestKeys;
import dev.oauth2jwt.keys.control.KeyManager;
import dev.oauth2jwt.keys.entity.Algorithm;

import dev.oauth2jwt.users.entity.User;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issuing and checking a token per signing algorithm (HS256, RS256 with RSA 2048, ES256 with
 * P-256), the application's own code: a first presentation (the signature checked) and a
 * presentation again (remembered). Run by bench/run; not a test.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
public class AlgorithmBenchmark {

    @Param({"HS256", "RS256", "ES256"})
    String algorithm;

    TokenIssuer issuer;
    TokenVerifier verifier;
    RememberedTokens remembered;
    String token;
    User johndoe = new User("johndoe", null, null, "hash", false, Set.of("me", "items"));
    Set<String> scopes = Set.of("me", "items");

    @Setup
    public void setUp() throws Exception {
        KeyManager keys;
        if ("HS256".equals(algorithm)) {
            keys = TokenIssuerTest.keys(TokenBenchmark.SECRET);
        } else {
            KeyPair pair = "RS256".equals(algorithm) ? TestKeys.rsa(2048) : TestKeys.p256();
            Path file = Files.createTempFile("benchmark-key", ".pem");
            Files.writeString(file, TestKeys.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            file.toFile().deleteOnExit();
            keys = AsymmetricKeysTest.keys(algorithm, file);
        }
        TokenSettings settings = TestTokens.of("https://login.example.test", java.util.List.of(), Algorithm.of(algorithm).orElseThrow());
        issuer = TestTokens.issuer(keys, settings);
        verifier = TestTokens.verifier(keys, settings);
        remembered = RememberedTokensTest.remembered(verifier);
        token = issuer.issue(johndoe, scopes, "benchmark-session").token();
        if (!remembered.verify(token).subject().equals("johndoe")) {
            throw new IllegalStateException("the benchmark token does not verify");
        }
    }

    @Benchmark
    public Object issue() {
        return issuer.issue(johndoe, scopes, "benchmark-session");
    }

    /** Every check, the signature included. */
    @Benchmark
    public Object verify() throws Exception {
        return verifier.verify(token);
    }

    /** The same token again: remembered, whatever the algorithm. */
    @Benchmark
    public Object verifyAgain() throws Exception {
        return remembered.verify(token);
    }
}
