package dev.oauth2jwt.users.control;

import java.util.concurrent.TimeUnit;
import org.mindrot.jbcrypt.BCrypt;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** One bcrypt verify at the default cost (12): what a login costs, the bound on logins per second. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
public class BcryptBenchmark {

    static final String SEED_HASH = "$2a$" + PasswordHasherTest.SEED_JOHNDOE.substring(4);

    @Benchmark
    public boolean bcryptVerify() {
        return BCrypt.checkpw("secret", SEED_HASH);
    }
}
