package dev.oauth2jwt.http.boundary;

import dev.oauth2jwt.http.control.IpAddresses;

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
    void oneClientIsAlwaysOneText() {
        ClientAddresses addresses = trusting("127.0.0.1");

        assertEquals("2001:db8::1", addresses.resolve("127.0.0.1", "2001:0DB8:0000:0000:0000:0000:0000:0001"));
        assertEquals("2001:db8:0:1::1", addresses.resolve("127.0.0.1", "2001:db8:0:1:0:0:0:1"), "the longest zero run");
        assertEquals("203.0.113.9", addresses.resolve("127.0.0.1", "::ffff:203.0.113.9"), "IPv4-mapped");
        assertEquals("::1", addresses.resolve("0:0:0:0:0:0:0:1", null), "the peer too");
    }

    @Test
    void aPortAProxyAppendedIsDropped() {
        ClientAddresses addresses = trusting("127.0.0.1");

        assertEquals("203.0.113.9", addresses.resolve("127.0.0.1", "203.0.113.9:4711"));
        assertEquals("2001:db8::1", addresses.resolve("127.0.0.1", "[2001:db8::1]:4711"));
        assertEquals("2001:db8::1", addresses.resolve("127.0.0.1", "[2001:db8::1]"));
    }

    @Test
    void rateLimitsCountIpv6ClientsByTheirSlash64() {
        assertEquals("2001:db8:1:2::/64", IpAddresses.countingUnit("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assertEquals("2001:db8:1:2::/64", IpAddresses.countingUnit("2001:db8:1:2::1"));
        assertEquals("203.0.113.9", IpAddresses.countingUnit("203.0.113.9"));
        assertEquals("not-an-address", IpAddresses.countingUnit("not-an-address"));
    }

    @Test
    void neverResolvesNames() {
        assertNull(IpAddresses.literal("localhost"));
        assertNull(IpAddresses.literal("999.1.1.1"));
        assertNull(IpAddresses.literal("example.com"));
    }

    @Test
    void badConfigurationStopsStartUp() {
        assertThrows(IllegalStateException.class, () -> trusting("proxy.internal"));
        assertThrows(IllegalStateException.class, () -> trusting("10.0.0.0/33"));
    }
}
