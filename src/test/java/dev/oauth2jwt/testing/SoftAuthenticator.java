package dev.oauth2jwt.testing;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A passkey authenticator in software, for the tests of passkeys below the browser: an ES256 key, the
 * authenticator data, attestation object ("none") and client data a browser would send, encoded by
 * hand (CBOR, COSE) as WebAuthn Level 3 lays them out; the browser tests use Chromium's own.
 */
public final class SoftAuthenticator {

    static final byte UP = 0x01;
    static final byte UV = 0x04;
    static final byte AT = 0x40;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    final KeyPair keys;
    final byte[] credentialId = new byte[16];
    /** The signature counter, one up at each assertion (a test may turn it back). */
    public int counter;

    public SoftAuthenticator() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        new SecureRandom().nextBytes(credentialId);
    }

    /** What navigator.credentials.create() gives, as passkeys.js posts it. */
    public String registration(String challenge, String origin, String rpId, boolean userVerified) {
        byte[] clientData = clientData("webauthn.create", challenge, origin);
        Map<Object, Object> attestation = new LinkedHashMap<>();
        attestation.put("fmt", "none");
        attestation.put("attStmt", Map.of());
        attestation.put("authData", authenticatorData(rpId, flags(userVerified) | AT, true));
        return "{\"id\":\"" + B64.encodeToString(credentialId) + "\",\"rawId\":\"" + B64.encodeToString(credentialId)
                + "\",\"type\":\"public-key\",\"authenticatorAttachment\":\"platform\",\"clientExtensionResults\":{},"
                + "\"response\":{\"clientDataJSON\":\"" + B64.encodeToString(clientData) + "\",\"attestationObject\":\""
                + B64.encodeToString(cbor(attestation)) + "\",\"transports\":[\"internal\"]}}";
    }

    /** What navigator.credentials.get() gives: signed by the key, the counter one higher. */
    public String assertion(String challenge, String origin, String rpId, byte[] userHandle, boolean userVerified) {
        counter++;
        byte[] clientData = clientData("webauthn.get", challenge, origin);
        byte[] authenticatorData = authenticatorData(rpId, flags(userVerified), false);
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(authenticatorData);
            signer.update(MessageDigest.getInstance("SHA-256").digest(clientData));
            byte[] signature = signer.sign();
            return "{\"id\":\"" + B64.encodeToString(credentialId) + "\",\"rawId\":\"" + B64.encodeToString(credentialId)
                    + "\",\"type\":\"public-key\",\"authenticatorAttachment\":\"platform\",\"clientExtensionResults\":{},"
                    + "\"response\":{\"clientDataJSON\":\"" + B64.encodeToString(clientData) + "\",\"authenticatorData\":\""
                    + B64.encodeToString(authenticatorData) + "\",\"signature\":\"" + B64.encodeToString(signature) + "\""
                    + (userHandle == null ? "" : ",\"userHandle\":\"" + B64.encodeToString(userHandle) + "\"") + "}}";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int flags(boolean userVerified) {
        return UP | (userVerified ? UV : 0);
    }

    private static byte[] clientData(String type, String challenge, String origin) {
        return ("{\"type\":\"" + type + "\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + origin + "\",\"crossOrigin\":false}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] authenticatorData(String rpId, int flags, boolean withCredential) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(MessageDigest.getInstance("SHA-256").digest(rpId.getBytes(StandardCharsets.UTF_8)));
            out.write(flags);
            out.write(ByteBuffer.allocate(4).putInt(counter).array());
            if (withCredential) {
                out.write(new byte[16]);   // AAGUID: none
                out.write(ByteBuffer.allocate(2).putShort((short) credentialId.length).array());
                out.write(credentialId);
                out.write(coseKey());
            }
            return out.toByteArray();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as COSE (RFC 9053): EC2, ES256, P-256, x, y. */
    private byte[] coseKey() {
        ECPublicKey key = (ECPublicKey) keys.getPublic();
        Map<Object, Object> cose = new LinkedHashMap<>();
        cose.put(1, 2);
        cose.put(3, -7);
        cose.put(-1, 1);
        cose.put(-2, unsigned(key.getW().getAffineX()));
        cose.put(-3, unsigned(key.getW().getAffineY()));
        return cbor(cose);
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(32, bytes.length);
        System.arraycopy(bytes, bytes.length - copy, out, 32 - copy, copy);
        return out;
    }

    /** CBOR (RFC 8949) of maps, integers, text and byte strings: all WebAuthn's structures need. */
    static byte[] cbor(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Object value) {
        if (value instanceof Integer number) {
            head(out, number >= 0 ? 0 : 1, number >= 0 ? number : -1L - number);
        } else if (value instanceof String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            head(out, 3, bytes.length);
            out.writeBytes(bytes);
        } else if (value instanceof byte[] bytes) {
            head(out, 2, bytes.length);
            out.writeBytes(bytes);
        } else if (value instanceof Map<?, ?> map) {
            head(out, 5, map.size());
            map.forEach((key, item) -> {
                write(out, key);
                write(out, item);
            });
        } else {
            throw new IllegalArgumentException(String.valueOf(value));
        }
    }

    private static void head(ByteArrayOutputStream out, int major, long length) {
        if (length < 24) {
            out.write(major << 5 | (int) length);
        } else if (length < 256) {
            out.write(major << 5 | 24);
            out.write((int) length);
        } else {
            out.write(major << 5 | 25);
            out.write((int) (length >> 8));
            out.write((int) length & 0xff);
        }
    }
}
