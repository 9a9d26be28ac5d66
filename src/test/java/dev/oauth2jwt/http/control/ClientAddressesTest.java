package dev.oauth2jwt.http.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    static ClientAddresses trusting(String... proxies) {
        ClientAddresses addresses = new ClientAddresses();
        addresses.trustedProxies = proxies.length == 0 ? Optional.empty() : Optional.of(String.join(",", proxies));
        addresses.init();
        return addresses;
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertEquals("192.0.2.1", trusting().resolve("192.0.2.1", "203.0.113.9"));
    }

    @Test
    void aTrustedProxyPassesOnTheClientAddress() {
        assertEquals("203.0.113.9", trusting("10.0.0.5").resolve("10.0.0.5", "203.0.113.9"));
    }

    @Test
    void anUntrustedPeerCannotClaimAnotherAddress() {
        assertEquals("192.0.2.1", trusting("10.0.0.5").resolve("192.0.2.1", "203.0.113.9"));
    }

    @Test
    void readsFromTheRightSkippingTrustedHopsOnly() {
        ClientAddresses addresses = trusting("10.0.0.0/8");

        // the client forged the first entry; the proxy chain appended the real ones
        assertEquals("203.0.113.9", addresses.resolve("10.0.0.5", "198.51.100.66, 203.0.113.9, 10.1.2.3"));
        assertEquals("10.1.2.3", addresses.resolve("10.0.0.5", "10.1.2.3"), "all trusted: the leftmost seen");
        assertEquals("10.0.0.5", addresses.resolve("10.0.0.5", "not-an-address"));
    }

    @Test
    void understandsIpv6() {
        assertEquals("2001:db8::1", trusting("::1").resolve("0:0:0:0:0:0:0:1", "2001:db8::1"));
        assertEquals("2001:db8::1", trusting("fd00::/8").resolve("fd12::7", "2001:db8::1"));
    }

    @Test
    void neverResolvesNames() {
        assertNull(ClientAddresses.literal("localhost"));
        assertNull(ClientAddresses.literal("999.1.1.1"));
        assertNull(ClientAddresses.literal("example.com"));
    }

    @Test
    void badConfigurationStopsStartUp() {
        assertThrows(IllegalStateException.class, () -> trusting("proxy.internal"));
        assertThrows(IllegalStateException.class, () -> trusting("10.0.0.0/33"));
    }
}
