package dev.oauth2jwt.http.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The client's address: the connection's peer, unless that peer is a configured proxy
 * ({@code TRUSTED_PROXIES}, addresses or CIDR ranges), in which case {@code X-Forwarded-For} is
 * read from the right, skipping trusted hops. A client cannot forge its way past an untrusted hop.
 *
 * <p>Addresses come out canonical, so that one client is always one text: IPv4 dotted, IPv6 as
 * RFC 5952 writes it ({@code 2001:db8::1}), an IPv4-mapped IPv6 address as IPv4, a port that a
 * proxy appended ({@code 203.0.113.9:4711}, {@code [2001:db8::1]:4711}) dropped.
 */
@ApplicationScoped
public class ClientAddresses {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d{1,5}");
    private static final Pattern BRACKETED_IPV6 = Pattern.compile("\\[([0-9A-Fa-f:.]+)](?::\\d{1,5})?");

    /** An address range: the first {@code bits} bits of {@code network}. */
    record Range(byte[] network, int bits) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Comma separated; read as one string, since Payara cannot inject {@code Optional<List<String>>}. */
    @Inject
    @ConfigProperty(name = "http.trusted-proxies")
    Optional<String> trustedProxies;

    private List<Range> trusted;

    @PostConstruct
    void init() {
        List<Range> ranges = new ArrayList<>();
        for (String entry : trustedProxies.map(list -> list.split(",")).orElse(new String[0])) {
            if (!entry.isBlank()) {
                ranges.add(range(entry.trim()));
            }
        }
        trusted = List.copyOf(ranges);
    }

    /** The client of a servlet request: its peer, or what a trusted proxy says in X-Forwarded-For. */
    public String of(HttpServletRequest request) {
        return resolve(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
    }

    /**
     * Whether the browser reached us over https: the request itself, or a trusted proxy that
     * terminated TLS saying so in {@code X-Forwarded-Proto} (anyone else's header counts for nothing).
     */
    public boolean overHttps(HttpServletRequest request) {
        if (request.isSecure() || "https".equalsIgnoreCase(request.getScheme())) {
            return true;
        }
        String proto = request.getHeader("X-Forwarded-Proto");
        return proto != null && isTrusted(request.getRemoteAddr())
                && "https".equalsIgnoreCase(proto.split(",", 2)[0].trim());
    }

    public String resolve(String peer, String forwardedFor) {
        if (forwardedFor == null || trusted.isEmpty() || !isTrusted(peer)) {
            return canonical(peer);
        }
        String[] hops = forwardedFor.split(",");
        String client = peer;
        for (int i = hops.length - 1; i >= 0 && isTrusted(client); i--) {
            String hop = withoutPort(hops[i].trim());
            if (literal(hop) == null) {
                break;   // garbage in the header: the last trusted hop is as far as we can see
            }
            client = hop;
        }
        return canonical(client);
    }

    /**
     * The address as rate limits count it: an IPv4 address, or the /64 network of an IPv6 address,
     * the smallest block a provider hands one customer, so that rotating within it gains nothing.
     */
    public static String countingUnit(String address) {
        byte[] bytes = literal(address);
        if (bytes == null || bytes.length == 4) {
            return address;
        }
        java.util.Arrays.fill(bytes, 8, 16, (byte) 0);
        return ipv6Text(bytes) + "/64";
    }

    /** A forwarded hop without the port a proxy may have appended. */
    static String withoutPort(String hop) {
        var ipv4 = IPV4_WITH_PORT.matcher(hop);
        if (ipv4.matches()) {
            return ipv4.group(1);
        }
        var ipv6 = BRACKETED_IPV6.matcher(hop);
        return ipv6.matches() ? ipv6.group(1) : hop;
    }

    /** The one text of an IP literal; anything else as it is. */
    static String canonical(String address) {
        byte[] bytes = literal(address);
        if (bytes == null) {
            return address;
        }
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        return ipv6Text(bytes);
    }

    /** RFC 5952: lower-case hex, no leading zeros, the longest run of two or more zero groups as "::". */
    private static String ipv6Text(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private boolean isTrusted(String address) {
        byte[] bytes = literal(address);
        return bytes != null && trusted.stream().anyMatch(range -> range.contains(bytes));
    }

    static Range range(String entry) {
        int slash = entry.indexOf('/');
        byte[] network = literal(slash < 0 ? entry : entry.substring(0, slash));
        if (network == null) {
            throw new IllegalStateException("TRUSTED_PROXIES: '" + entry + "' is not an IP address or CIDR range");
        }
        int bits = network.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalStateException("TRUSTED_PROXIES: '" + entry + "' has a bad prefix length");
            }
        }
        return new Range(network, bits);
    }

    /** The bytes of an IP literal; null for anything else (never a DNS lookup). */
    static byte[] literal(String text) {
        if (text == null) {
            return null;
        }
        if (IPV4.matcher(text).matches()) {
            String[] parts = text.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(parts[i]);
                if (part > 255) {
                    return null;
                }
                bytes[i] = (byte) part;
            }
            return bytes;
        }
        if (!IPV6.matcher(text).matches()) {
            return null;
        }
        try {   // a text with ':' is always parsed as an IPv6 literal, never looked up
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
