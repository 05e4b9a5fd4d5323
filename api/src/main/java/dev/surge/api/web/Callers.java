package dev.surge.api.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.security.Principal;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.util.matcher.InetAddressMatcher;

/**
 * Who a request is counted for by the limits: a signed-in caller by the token's subject
 * (wherever they call from), a guest by address (see {@link ClientAddresses}). IPv6
 * guests are counted by their /64 network, as one subscriber commonly holds a whole /64
 * and could otherwise take a fresh address per request.
 */
public final class Callers {

    private final ClientAddresses addresses;

    private final @Nullable InetAddressMatcher unthrottled;

    /** {@code unthrottled}: addresses or CIDR ranges of trusted clients. */
    public Callers(ClientAddresses addresses, List<String> unthrottled) {
        this.addresses = addresses;
        this.unthrottled = ClientAddresses.matcher(unthrottled);
    }

    /**
     * A caller: {@code key} names them in limits ({@code sub:...}, {@code ip:...},
     * {@code ip6:.../64}); {@code unthrottled} when they call from a trusted address.
     */
    public record Caller(String key, boolean unthrottled) {
    }

    public Caller of(@Nullable Principal principal, ServerHttpRequest request) {
        Optional<InetAddress> address = addresses.of(request);
        boolean trusted = address.isPresent() && unthrottled != null && unthrottled.matches(address.get());
        String key = principal != null && !(principal instanceof AnonymousAuthenticationToken)
                ? "sub:" + principal.getName() : address.map(Callers::network).orElse("ip:unknown");
        return new Caller(key, trusted);
    }

    private static String network(InetAddress address) {
        if (address instanceof Inet6Address) {
            return "ip6:" + HexFormat.of().formatHex(address.getAddress(), 0, 8) + "::/64";
        }
        return "ip:" + address.getHostAddress();
    }

}
