package dev.oauth2jwt.keys.control;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Reads the PEM keys of {@code JWT_SIGNING_KEY_FILE} and {@code JWT_PREVIOUS_KEY_FILES}: a PKCS#8
 * private key ({@code BEGIN PRIVATE KEY}) or an X.509 public key ({@code BEGIN PUBLIC KEY}), RSA or
 * EC, as {@code openssl genpkey} and {@code openssl pkey -pubout} write them. Other PEM kinds are
 * refused with the command that converts them. A private key's public half is worked out from it.
 */
final class PemKeys {

    static final String PRIVATE = "PRIVATE KEY";
    static final String PUBLIC = "PUBLIC KEY";

    /** A key read from PEM: its private half, when the PEM held one, and its public half. */
    record KeyPair(PrivateKey privateKey, PublicKey publicKey) {
    }

    private PemKeys() {
    }

    /** The key of a PEM text; {@code name} says where it came from, for the messages. */
    static KeyPair read(String pem, String name) {
        String label = label(pem, name);
        byte[] der = body(pem, label, name);
        if (PRIVATE.equals(label)) {
            PrivateKey privateKey = privateKey(der, name);
            return new KeyPair(privateKey, publicKeyOf(privateKey));
        }
        return new KeyPair(null, publicKey(der, name));
    }

    private static String label(String pem, String name) {
        int begin = pem.indexOf("-----BEGIN ");
        int end = begin < 0 ? -1 : pem.indexOf("-----", begin + 11);
        if (begin < 0 || end < 0) {
            throw new IllegalStateException(name + " is not a PEM file (no -----BEGIN ...----- line)");
        }
        String label = pem.substring(begin + 11, end);
        return switch (label) {
            case PRIVATE, PUBLIC -> label;
            case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new IllegalStateException(name + " is a " + label
                    + " (PKCS#1 or SEC 1); convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem");
            case "ENCRYPTED PRIVATE KEY" -> throw new IllegalStateException(name + " is encrypted; give it unencrypted "
                    + "(openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem) and protect the file instead");
            default -> throw new IllegalStateException(name + " holds a " + label + ", not a PRIVATE KEY or PUBLIC KEY");
        };
    }

    private static byte[] body(String pem, String label, String name) {
        int start = pem.indexOf("-----BEGIN " + label + "-----") + ("-----BEGIN " + label + "-----").length();
        int stop = pem.indexOf("-----END " + label + "-----", start);
        if (stop < 0) {
            throw new IllegalStateException(name + ": no -----END " + label + "----- line");
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(start, stop).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + ": the PEM body is not base64");
        }
    }

    private static PrivateKey privateKey(byte[] der, String name) {
        for (String algorithm : new String[]{"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm
            }
        }
        throw new IllegalStateException(name + " is neither an RSA nor an EC private key");
    }

    private static PublicKey publicKey(byte[] der, String name) {
        for (String algorithm : new String[]{"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm
            }
        }
        throw new IllegalStateException(name + " is neither an RSA nor an EC public key");
    }

    /** The public half of a private key: RSA from its CRT parameters, EC as d·G on its curve. */
    static PublicKey publicKeyOf(PrivateKey privateKey) {
        try {
            if (privateKey instanceof RSAPrivateCrtKey rsa) {
                return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            }
            if (privateKey instanceof ECPrivateKey ec) {
                ECParameterSpec params = ec.getParams();
                return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(multiply(params, ec.getS()), params));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot work out the public key", e);
        }
        throw new IllegalStateException("an RSA private key without its CRT parameters, or another kind of key");
    }

    /** d·G by double-and-add in affine coordinates over a prime field: once per key, at start-up. */
    static ECPoint multiply(ECParameterSpec params, BigInteger d) {
        EllipticCurve curve = params.getCurve();
        BigInteger p = ((ECFieldFp) curve.getField()).getP();
        ECPoint result = ECPoint.POINT_INFINITY;
        ECPoint addend = params.getGenerator();
        for (int i = 0; i < d.bitLength(); i++) {
            if (d.testBit(i)) {
                result = add(result, addend, curve.getA(), p);
            }
            addend = add(addend, addend, curve.getA(), p);
        }
        return result;
    }

    private static ECPoint add(ECPoint first, ECPoint second, BigInteger a, BigInteger p) {
        if (first.equals(ECPoint.POINT_INFINITY)) {
            return second;
        }
        if (second.equals(ECPoint.POINT_INFINITY)) {
            return first;
        }
        BigInteger x1 = first.getAffineX();
        BigInteger y1 = first.getAffineY();
        BigInteger x2 = second.getAffineX();
        BigInteger y2 = second.getAffineY();
        BigInteger slope;
        if (x1.equals(x2)) {
            if (!y1.equals(y2) || y1.signum() == 0) {
                return ECPoint.POINT_INFINITY;   // P + (-P)
            }
            slope = x1.pow(2).multiply(BigInteger.valueOf(3)).add(a).multiply(y1.shiftLeft(1).modInverse(p)).mod(p);
        } else {
            slope = y2.subtract(y1).multiply(x2.subtract(x1).modInverse(p)).mod(p);
        }
        BigInteger x3 = slope.pow(2).subtract(x1).subtract(x2).mod(p);
        BigInteger y3 = slope.multiply(x1.subtract(x3)).subtract(y1).mod(p);
        return new ECPoint(x3, y3);
    }

    /** Bits of an RSA modulus, or of an EC key's field. */
    static int bits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        return ((ECPublicKey) key).getParams().getCurve().getField().getFieldSize();
    }
}
