import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mindrot.jbcrypt.BCrypt;

/**
 * What this machine allows, on all its cores, for the two costs a token server cannot avoid: a
 * bcrypt check at cost 12 (our password hash) and a token's signature: RS256 (SHA256withRSA, 2048
 * bits) or ES256 (SHA256withECDSA, P-256), each measured after a warm-up. Prints "bcrypt N",
 * "rs256 N" and "es256 N" (per second). Run with jBCrypt on
 * the class path: java -cp jbcrypt.jar bench/java/MachineLimits.java
 */
public class MachineLimits {

    public static void main(String[] args) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        String hash = BCrypt.hashpw("secret", BCrypt.gensalt(12));
        PrivateKey key = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        PrivateKey ecKey = ec.generateKeyPair().getPrivate();
        byte[] payload = new byte[300];
        Callable<Void> bcrypt = () -> {
            BCrypt.checkpw("secret", hash);
            return null;
        };
        Callable<Void> rs256 = signing("SHA256withRSA", key, payload);
        Callable<Void> es256 = signing("SHA256withECDSA", ecKey, payload);
        ExecutorService threads = Executors.newFixedThreadPool(cores);
        try {
            rate(threads, cores, bcrypt, 2_000);
            System.out.printf("bcrypt %.1f%n", rate(threads, cores, bcrypt, 8_000));
            rate(threads, cores, rs256, 3_000);
            System.out.printf("rs256 %.0f%n", rate(threads, cores, rs256, 5_000));
            rate(threads, cores, es256, 3_000);
            System.out.printf("es256 %.0f%n", rate(threads, cores, es256, 5_000));
        } finally {
            threads.shutdownNow();
        }
    }

    /** One signature of the payload, as a token server signs a token. */
    private static Callable<Void> signing(String algorithm, PrivateKey key, byte[] payload) {
        return () -> {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(payload);
            signature.sign();
            return null;
        };
    }

    /** Operations per second with every core running the operation for about the given time. */
    private static double rate(ExecutorService threads, int cores, Callable<Void> operation, long millis) throws Exception {
        long start = System.nanoTime();
        long end = start + millis * 1_000_000;
        List<Future<Long>> counts = new ArrayList<>();
        for (int i = 0; i < cores; i++) {
            counts.add(threads.submit(() -> {
                long done = 0;
                while (System.nanoTime() < end) {
                    operation.call();
                    done++;
                }
                return done;
            }));
        }
        long total = 0;
        for (Future<Long> count : counts) {
            total += count.get();
        }
        return total / ((System.nanoTime() - start) / 1e9);
    }
}
