package dev.oauth2jwt.users.control;

import dev.oauth2jwt.json.Jsonp;
import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import dev.oauth2jwt.housekeeping.Chore;
import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.users.entity.SecondFactor;
import dev.oauth2jwt.users.entity.User;
import dev.oauth2jwt.users.entity.WebAuthnChallenge;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Passkeys (WebAuthn Level 2/3), checked by webauthn4j: registered on the account page (several per
 * person, each with a name), then used as the second step after a password, or alone as a
 * passwordless login on the login page (discoverable credentials, user verification required).
 * The relying party is the issuer's host; every challenge is random, single use, stored (so any
 * instance checks it) and bound to what it was made for. No attestation is asked for: a passkey
 * proves possession of its key, which is what a login needs.
 */
@ApplicationScoped
public class Passkeys implements Chore {

    private static final Logger LOG = Logger.getLogger(Passkeys.class.getName());
    static final long CHALLENGE_MILLIS = 5 * 60_000;
    static final String REGISTRATION = "registration";
    static final String SECOND_FACTOR = "second-factor";
    static final String PASSWORDLESS = "passwordless";
    private static final SecureRandom RANDOM = new SecureRandom();
    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    /** ES256, EdDSA, RS256: what authenticators make, in the order the server prefers. */
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

    /** Who the passkeys are for: the relying party's id (a host name), its name, and the origins the browser may be at. */
    public record RelyingParty(String id, String name, Set<String> origins) {
    }

    /** A passkey that signed: whose, which, and whether the authenticator verified the person (PIN, biometrics). */
    public record Assertion(Long userId, String factorId, boolean userVerified) {
    }

    @Inject
    Database database;

    Clock clock = Clock.systemUTC();

    private final ObjectConverter converter = new ObjectConverter();
    private final WebAuthnManager webAuthn = WebAuthnManager.createNonStrictWebAuthnManager(converter);
    private final AttestedCredentialDataConverter credentialData = new AttestedCredentialDataConverter(converter);

    /**
     * The options for {@code navigator.credentials.create()} (binary values base64url): a
     * discoverable credential for the account (its user handle: the subject identifier, no personal
     * data), none of its passkeys again.
     */
    public JsonObject creationOptions(User user, RelyingParty rp) {
        JsonArrayBuilder exclude = Jsonp.PROVIDER.createArrayBuilder();
        credentialIds(user.id()).forEach(id -> exclude.add(Jsonp.PROVIDER.createObjectBuilder().add("type", "public-key").add("id", id)));
        JsonArrayBuilder algorithms = Jsonp.PROVIDER.createArrayBuilder();
        ALGORITHMS.forEach(algorithm -> algorithms.add(Jsonp.PROVIDER.createObjectBuilder().add("type", "public-key")
                .add("alg", algorithm.getAlg().getValue())));
        return Jsonp.PROVIDER.createObjectBuilder()
                .add("challenge", challenge(REGISTRATION, user.id()))
                .add("rp", Jsonp.PROVIDER.createObjectBuilder().add("id", rp.id()).add("name", rp.name()))
                .add("user", Jsonp.PROVIDER.createObjectBuilder().add("id", B64.encodeToString(userHandle(user)))
                        .add("name", user.username()).add("displayName", user.fullName() == null ? user.username() : user.fullName()))
                .add("pubKeyCredParams", algorithms)
                .add("excludeCredentials", exclude)
                .add("authenticatorSelection", Jsonp.PROVIDER.createObjectBuilder().add("residentKey", "required")
                        .add("requireResidentKey", true).add("userVerification", "preferred"))
                .add("attestation", "none")
                .add("timeout", CHALLENGE_MILLIS)
                .build();
    }

    /**
     * The options for {@code navigator.credentials.get()}: for the second step, the account's
     * passkeys; for a passwordless login ({@code user} null), any discoverable one, verified.
     */
    public JsonObject requestOptions(User user, RelyingParty rp) {
        JsonArrayBuilder allow = Jsonp.PROVIDER.createArrayBuilder();
        if (user != null) {
            credentialIds(user.id()).forEach(id -> allow.add(Jsonp.PROVIDER.createObjectBuilder().add("type", "public-key").add("id", id)));
        }
        return Jsonp.PROVIDER.createObjectBuilder()
                .add("challenge", challenge(user == null ? PASSWORDLESS : SECOND_FACTOR, user == null ? null : user.id()))
                .add("rpId", rp.id())
                .add("allowCredentials", allow)
                .add("userVerification", user == null ? "required" : "preferred")
                .add("timeout", CHALLENGE_MILLIS)
                .build();
    }

    /** Verifies a registration the browser sent (the PublicKeyCredential as JSON) and keeps the passkey; its id, or empty if refused. */
    public Optional<String> register(User user, String name, String responseJson, RelyingParty rp) {
        try {
            RegistrationData registration = webAuthn.parseRegistrationResponseJSON(responseJson);
            byte[] challenge = registration.getCollectedClientData().getChallenge().getValue();
            if (!spend(challenge, REGISTRATION, user.id())) {
                return Optional.empty();
            }
            webAuthn.verify(registration, new RegistrationParameters(serverProperty(rp, challenge), ALGORITHMS, false, true));
            AuthenticatorData<?> data = registration.getAttestationObject().getAuthenticatorData();
            AttestedCredentialData attested = data.getAttestedCredentialData();
            String transports = registration.getTransports() == null ? "" : registration.getTransports().stream()
                    .map(AuthenticatorTransport::getValue).collect(Collectors.joining(" "));
            String id = UUID.randomUUID().toString();
            long now = clock.millis();
            boolean stored = database.inTransaction(em -> {
                String credentialId = B64.encodeToString(attested.getCredentialId());
                boolean taken = !em.createQuery("SELECT f.id FROM SecondFactor f WHERE f.credentialId = :credential", String.class)
                        .setParameter("credential", credentialId).getResultList().isEmpty();
                if (taken) {
                    return false;
                }
                em.persist(SecondFactor.passkey(id, user.id(), SecondFactors.cleanName(name == null || name.isBlank() ? "Passkey" : name),
                        credentialId, Base64.getEncoder().encodeToString(credentialData.convert(attested)), data.getSignCount(),
                        data.isFlagUV(), data.isFlagBE(), data.isFlagBS(), transports, now));
                return true;
            });
            return stored ? Optional.of(id) : Optional.empty();
        } catch (PersistenceException e) {
            throw e;
        } catch (RuntimeException e) {
            // whatever the browser sent that webauthn4j (or its JSON reader) refuses: refused, never a 500
            LOG.info(() -> "A passkey registration was refused: " + e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /**
     * Verifies an assertion the browser sent: for the second step of {@code expectedUser}, or (null)
     * a passwordless login, which must name its account (the user handle) and have verified the
     * person. The passkey's counter moves on; a counter that went back refuses it (a cloned key).
     */
    public Optional<Assertion> authenticate(String responseJson, Long expectedUser, RelyingParty rp) {
        try {
            AuthenticationData authentication = webAuthn.parseAuthenticationResponseJSON(responseJson);
            byte[] challenge = authentication.getCollectedClientData().getChallenge().getValue();
            String credentialId = B64.encodeToString(authentication.getCredentialId());
            SecondFactor factor = database.read(em -> em.createQuery("SELECT f FROM SecondFactor f WHERE f.credentialId = :credential",
                    SecondFactor.class).setParameter("credential", credentialId).getResultStream().findFirst().orElse(null));
            boolean passwordless = expectedUser == null;
            if (factor == null || !spend(challenge, passwordless ? PASSWORDLESS : SECOND_FACTOR, expectedUser)
                    || !passwordless && !factor.userId().equals(expectedUser)) {
                return Optional.empty();
            }
            User owner = database.read(em -> em.find(User.class, factor.userId()));
            if (owner == null || passwordless && (authentication.getUserHandle() == null
                    || !java.security.MessageDigest.isEqual(authentication.getUserHandle(), userHandle(owner)))) {
                return Optional.empty();
            }
            AttestedCredentialData attested = credentialData.convert(Base64.getDecoder().decode(factor.credentialData()));
            CredentialRecordImpl record = new CredentialRecordImpl(null, factor.uvInitialized(), factor.backupEligible(),
                    factor.backupState(), factor.signCount(), attested, null, null, null, null);
            webAuthn.verify(authentication, new AuthenticationParameters(serverProperty(rp, challenge), record,
                    List.of(authentication.getCredentialId()), passwordless, true));
            AuthenticatorData<?> data = authentication.getAuthenticatorData();
            long now = clock.millis();
            boolean counted = database.inTransaction(em -> {
                SecondFactor locked = em.find(SecondFactor.class, factor.id(), LockModeType.PESSIMISTIC_WRITE);
                if (locked == null || data.getSignCount() != 0 && data.getSignCount() <= locked.signCount()) {
                    return false;   // removed meanwhile, or the same counter twice: a replay or a cloned authenticator
                }
                locked.asserted(data.getSignCount(), data.isFlagUV(), data.isFlagBS(), now);
                return true;
            });
            return counted ? Optional.of(new Assertion(factor.userId(), factor.id(), data.isFlagUV())) : Optional.empty();
        } catch (PersistenceException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.info(() -> "A passkey assertion was refused: " + e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private List<String> credentialIds(Long userId) {
        return database.read(em -> em.createQuery("SELECT f.credentialId FROM SecondFactor f WHERE f.userId = :user "
                        + "AND f.kind = :kind ORDER BY f.createdAt", String.class)
                .setParameter("user", userId)
                .setParameter("kind", SecondFactor.PASSKEY)
                .getResultList());
    }

    /** A new random challenge (256 bits) for this purpose and account, stored until used or expired; base64url. */
    String challenge(String purpose, Long userId) {
        byte[] value = new byte[32];
        RANDOM.nextBytes(value);
        String challenge = B64.encodeToString(value);
        long expires = clock.millis() + CHALLENGE_MILLIS;
        database.inTransaction(em -> {
            em.persist(new WebAuthnChallenge(challenge, purpose, userId, expires));
            return null;
        });
        return challenge;
    }

    /** Spends the challenge if it was made for this purpose and account and has not expired: once only. */
    boolean spend(byte[] challenge, String purpose, Long userId) {
        if (challenge == null || challenge.length != 32) {
            return false;
        }
        String key = B64.encodeToString(challenge);
        long now = clock.millis();
        return database.inTransaction(em -> {
            WebAuthnChallenge stored = em.find(WebAuthnChallenge.class, key, LockModeType.PESSIMISTIC_WRITE);
            if (stored == null) {
                return false;
            }
            em.remove(stored);
            return stored.purpose().equals(purpose) && java.util.Objects.equals(stored.userId(), userId) && now < stored.expiresAt();
        });
    }

    private static ServerProperty serverProperty(RelyingParty rp, byte[] challenge) {
        return ServerProperty.builder()
                .origins(rp.origins().stream().map(Origin::new).collect(Collectors.toSet()))
                .rpId(rp.id())
                .challenge(new DefaultChallenge(challenge))
                .build();
    }

    /** The user handle of the account's passkeys: its subject identifier, which says nothing about the person. */
    static byte[] userHandle(User user) {
        return user.subject().getBytes(StandardCharsets.US_ASCII);
    }

    /** Forgets challenges once they expired, at the housekeeping's round. */
    @Override
    public void runHousekeeping() {
        long now = clock.millis();
        database.inTransaction(em -> em.createQuery("DELETE FROM WebAuthnChallenge c WHERE c.expiresAt < :now")
                .setParameter("now", now)
                .executeUpdate());
    }
}
