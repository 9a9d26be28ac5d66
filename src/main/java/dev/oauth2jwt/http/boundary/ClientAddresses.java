package dev.oauth2jwt.http.boundary;

import static dev.oauth2jwt.http.control.IpAddresses.canonical;
import static dev.oauth2jwt.http.control.IpAddresses.literal;
import static dev.oauth2jwt.http.control.IpAddresses.withoutPort;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The client's address: the connection's peer, unless that peer is a configured proxy
 * ({@code TRUSTED_PROXIES}, addresses or CIDR ranges), in which case {@code X-Forwarded-For} is
 * read from the right, skipping trusted hops. A client cannot forge its way past an untrusted hop.
 *
 * <p>Addresses come out canonical ({@link dev.oauth2jwt.http.control.IpAddresses}), so that one
 * client is always one text.
 */
@ApplicationScoped
public class ClientAddresses {

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

}
