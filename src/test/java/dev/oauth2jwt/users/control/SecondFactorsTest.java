package dev.oauth2jwt.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.persistence.control.TestDatabases;
import dev.oauth2jwt.users.entity.User;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Second factors on a real H2: enrolment, one acceptance per code, single-use recovery codes, removal and reset. */
class SecondFactorsTest {

    Database database;
    SecondFactors factors;
    User johndoe;
    User alice;
    long now = 1_800_000_000_000L;

    @BeforeEach
    void start() {
        database = TestDatabases.freshH2();
        UserStore store = TestUserStores.on(database);
        store.importUsers(List.of(UserStoreTest.user("johndoe", "John Doe"), UserStoreTest.user("alice", "Alice")));
        johndoe = store.findByUsername("johndoe").orElseThrow();
        alice = store.findByUsername("alice").orElseThrow();
        factors = new SecondFactors();
        factors.database = database;
        factors.clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now);
            }
        };
    }

    @AfterEach
    void stop() {
        TestDatabases.stop(database);
    }

    String codeAt(String secret, long epochMillis) {
        return Totp.code(Totp.unbase32(secret), Totp.step(epochMillis));
    }

    /** Six digits that are none of the codes the drift accepts now. */
    String wrongCode(String secret) {
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate);
            if (Totp.matchingStep(secret, code, now).isEmpty()) {
                return code;
            }
        }
    }

    /** An authenticator app enrolled and confirmed for the user; its secret. */
    String enrolled(User user) {
        SecondFactors.Enrolment offer = factors.offerTotp(user.id(), "phone");
        assertTrue(factors.confirmTotp(user.id(), offer.factorId(), codeAt(offer.secret(), now)));
        return offer.secret();
    }

    @Test
    void anOfferIsNoFactorUntilAnAppCodeConfirmsIt() {
        SecondFactors.Enrolment offer = factors.offerTotp(johndoe.id(), "  my phone  ");
        assertFalse(factors.enrolled(johndoe));
        assertEquals(SecondFactors.Verdict.WRONG, factors.verify(johndoe.id(), codeAt(offer.secret(), now)),
                "an unconfirmed offer logs no one in");
        assertFalse(factors.confirmTotp(johndoe.id(), offer.factorId(), wrongCode(offer.secret())));
        assertFalse(factors.confirmTotp(alice.id(), offer.factorId(), codeAt(offer.secret(), now)), "another account's offer");
        assertFalse(factors.enrolled(johndoe));

        assertTrue(factors.confirmTotp(johndoe.id(), offer.factorId(), codeAt(offer.secret(), now)));
        assertTrue(factors.enrolled(johndoe));
        assertFalse(factors.enrolled(alice));
        assertEquals("my phone", factors.list(johndoe.id()).get(0).name());
        assertEquals(Set.of(johndoe.id()), factors.enrolledAmong(List.of(johndoe.id(), alice.id())));
    }

    @Test
    void aCodeIsAcceptedOnceAndNoEarlierCodeAfterIt() {
        String secret = enrolled(johndoe);
        assertEquals(SecondFactors.Verdict.REPLAYED, factors.verify(johndoe.id(), codeAt(secret, now)),
                "the code that confirmed the app is spent");
        now += 30_000;
        String next = codeAt(secret, now);
        assertEquals(SecondFactors.Verdict.OTP, factors.verify(johndoe.id(), next));
        assertEquals(SecondFactors.Verdict.REPLAYED, factors.verify(johndoe.id(), next), "replayed within its step");
        assertEquals(SecondFactors.Verdict.REPLAYED, factors.verify(johndoe.id(), codeAt(secret, now - 30_000)),
                "an older code (still within the drift) after a newer one");
        assertEquals(SecondFactors.Verdict.OTP, factors.verify(johndoe.id(), codeAt(secret, now + 30_000)), "the next step's, early");
        assertEquals(SecondFactors.Verdict.WRONG, factors.verify(alice.id(), codeAt(secret, now + 60_000)), "not alice's app");
        assertTrue(factors.list(johndoe.id()).get(0).lastUsedAt().isPresent());
    }

    @Test
    void recoveryCodesAreTenSingleUseAndReplacedWhole() {
        enrolled(johndoe);
        List<String> codes = factors.newRecoveryCodes(johndoe.id());
        assertEquals(10, codes.size());
        assertEquals(10, new HashSet<>(codes).size());
        codes.forEach(code -> assertTrue(code.matches("[A-Z2-7]{4}(-[A-Z2-7]{4}){3}"), code));
        assertEquals(10, factors.recoveryCodesLeft(johndoe.id()));

        assertEquals(SecondFactors.Verdict.RECOVERY_CODE, factors.verify(johndoe.id(), codes.get(0).toLowerCase().replace("-", " ")),
                "as people type it: any case, spaces");
        assertEquals(SecondFactors.Verdict.WRONG, factors.verify(johndoe.id(), codes.get(0)), "spent");
        assertEquals(SecondFactors.Verdict.WRONG, factors.verify(alice.id(), codes.get(1)), "not alice's");
        assertEquals(9, factors.recoveryCodesLeft(johndoe.id()));

        List<String> renewed = factors.newRecoveryCodes(johndoe.id());
        assertEquals(SecondFactors.Verdict.WRONG, factors.verify(johndoe.id(), codes.get(1)), "the old ones stop working");
        assertEquals(SecondFactors.Verdict.RECOVERY_CODE, factors.verify(johndoe.id(), renewed.get(1)));
        assertNotEquals(codes.get(1), renewed.get(1));
        String stored = database.read(em -> em.createQuery("SELECT c.codeHash FROM RecoveryCode c", String.class)
                .setMaxResults(1).getSingleResult());
        assertEquals(64, stored.length(), "kept as a SHA-256, never as typed");
    }

    @Test
    void removingTheLastFactorTakesTheRecoveryCodesAndResetTakesAll() {
        enrolled(johndoe);
        now += 60_000;
        enrolled(johndoe);
        List<String> codes = factors.newRecoveryCodes(johndoe.id());
        List<SecondFactors.Listed> two = factors.list(johndoe.id());
        assertEquals(2, two.size());
        assertFalse(factors.remove(alice.id(), two.get(0).id()), "not alice's to remove");
        assertTrue(factors.remove(johndoe.id(), two.get(0).id()));
        assertEquals(10, factors.recoveryCodesLeft(johndoe.id()), "one factor left: the codes stay");
        assertTrue(factors.remove(johndoe.id(), two.get(1).id()));
        assertEquals(0, factors.recoveryCodesLeft(johndoe.id()));
        assertEquals(SecondFactors.Verdict.WRONG, factors.verify(johndoe.id(), codes.get(0)));

        enrolled(johndoe);
        factors.newRecoveryCodes(johndoe.id());
        assertEquals(1, factors.reset(johndoe.id()));
        assertFalse(factors.enrolled(johndoe));
        assertEquals(0, factors.recoveryCodesLeft(johndoe.id()));
    }

    @Test
    void anAppEnrolledAtTheLoginPageIsConfirmedByItsFirstCode() {
        String secret = Totp.newSecret();
        assertTrue(factors.enrolTotp(johndoe.id(), "app", secret, "12345").isEmpty());
        assertTrue(factors.enrolTotp(johndoe.id(), "app", secret, wrongCode(secret)).isEmpty());
        assertFalse(factors.enrolled(johndoe));
        assertTrue(factors.enrolTotp(johndoe.id(), "app", secret, codeAt(secret, now)).isPresent());
        assertTrue(factors.enrolled(johndoe));
        assertEquals(SecondFactors.Verdict.REPLAYED, factors.verify(johndoe.id(), codeAt(secret, now)), "its first code is spent");
    }
}
