package dev.surge.api.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.util.matcher.InetAddressMatcher;
import org.springframework.security.util.matcher.InetAddressMatchers;

/**
 * Where a request comes from. A request from a configured trusted proxy carries the
 * client's address in {@code X-Forwarded-For}: each proxy appends the address it was
 * called from, so the client is the rightmost entry that is not itself a trusted proxy.
 * Entries further left were written by whoever called the first trusted proxy and may be
 * forged; they are never read. A request from anywhere else is its connection's peer,
 * whatever headers it sends.
 */
public final class ClientAddresses {

    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final @Nullable InetAddressMatcher trustedProxies;

    /** {@code trustedProxies}: addresses or CIDR ranges, e.g. {@code 10.0.0.0/8}. */
    public ClientAddresses(List<String> trustedProxies) {
        this.trustedProxies = matcher(trustedProxies);
    }

    /** A matcher of addresses and CIDR ranges; {@code null} when there are none. */
    static @Nullable InetAddressMatcher matcher(List<String> addressesOrRanges) {
        List<String> ranges = addressesOrRanges.stream().map(String::strip).filter(range -> !range.isEmpty()).toList();
        return ranges.isEmpty() ? null : InetAddressMatchers.builder().includeAddresses(ranges).build();
    }

    /** The client's address; empty when the connection has none (a test exchange). */
    public Optional<InetAddress> of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null || remote.getAddress() == null) {
            return Optional.empty();
        }
        InetAddress peer = remote.getAddress();
        if (!isTrustedProxy(peer)) {
            return Optional.of(peer);
        }
        List<String> headers = request.getHeaders().getOrEmpty(FORWARDED_FOR);
        InetAddress client = peer;
        // Right to left over every header line's entries: the last hop first.
        for (int line = headers.size() - 1; line >= 0; line--) {
            String[] hops = headers.get(line).split(",");
            for (int hop = hops.length - 1; hop >= 0; hop--) {
                Optional<InetAddress> address = literal(hops[hop]);
                if (address.isEmpty()) {
                    // A trusted proxy wrote something that is no address: believe nothing
                    // further left.
                    return Optional.of(client);
                }
                client = address.get();
                if (!isTrustedProxy(client)) {
                    return Optional.of(client);
                }
            }
        }
        return Optional.of(client);
    }

    private boolean isTrustedProxy(InetAddress address) {
        return trustedProxies != null && trustedProxies.matches(address);
    }

    /**
     * An IP literal, without ever asking DNS ({@code InetAddress.getByName} would, for
     * anything else): an IPv4 address, optionally with a port, or an IPv6 address,
     * optionally in brackets with a port.
     */
    static Optional<InetAddress> literal(String entry) {
        String text = entry.strip();
        if (text.startsWith("[")) {
            int end = text.indexOf(']');
            text = end < 0 ? "" : text.substring(1, end);
        }
        else if (text.indexOf(':') == text.lastIndexOf(':') && text.indexOf(':') > 0) {
            text = text.substring(0, text.indexOf(':'));
        }
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        }
        catch (UnknownHostException notAnAddress) {
            return Optional.empty();
        }
    }

}
