package dev.oauth2jwt.keys.control;

import dev.oauth2jwt.keys.entity.SigningKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/** The JSON Web Key Set (RFC 7517) of the asymmetric keys: kty, kid, use, alg and the public parameters, nothing private. */
final class JsonWebKeys {

    private JsonWebKeys() {
    }

    static String of(List<SigningKey> keys) {
        List<String> published = new ArrayList<>();
        for (SigningKey key : keys) {
            if (!key.asymmetric()) {
                continue;   // an HS256 secret is never published
            }
            try {
                PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk((PublicKey) key.verificationKey());
                jwk.setKeyId(key.id());
                jwk.setUse("sig");
                jwk.setAlgorithm(key.algorithm().jws());
                published.add(jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            } catch (JoseException e) {
                throw new IllegalStateException(e);
            }
        }
        return "{\"keys\":[" + String.join(",", published) + "]}";
    }
}
