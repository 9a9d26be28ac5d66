package dev.oauth2jwt.architecture.planted.sso.control;

import com.webauthn4j.data.client.Origin;

/** Planted: WebAuthn outside the passkeys. */
public class ChecksPasskeys {

    Origin expected(String origin) {
        return new Origin(origin);
    }
}
