package dev.surge.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/** Who the client is, as {@link ClientAddresses} reads it from a request. */
class ClientAddressesTests {

    private final ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8", "fd00::/8"));

    private static MockServerHttpRequest.BaseBuilder<?> from(String peer) {
        return MockServerHttpRequest.get("/api/v1/carts").remoteAddress(new InetSocketAddress(peer, 40_000));
    }

    private String client(MockServerHttpRequest request) {
        return addresses.of(request).map(InetAddress::getHostAddress).orElse("none");
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItClaims() {
        assertThat(client(from("203.0.113.7").header("X-Forwarded-For", "198.51.100.1").build()))
            .isEqualTo("203.0.113.7");
    }

    @Test
    void behindTrustedProxiesTheClientIsTheRightmostUntrustedHop() {
        assertThat(client(from("10.0.0.2").header("X-Forwarded-For", "198.51.100.66, 203.0.113.7, 10.1.1.1").build()))
            .isEqualTo("203.0.113.7");
        assertThat(client(from("10.0.0.2").header("X-Forwarded-For", "198.51.100.66")
            .header("X-Forwarded-For", "203.0.113.7:5123")
            .build())).as("over several header lines, with a port").isEqualTo("203.0.113.7");
        assertThat(client(from("fd00::2").header("X-Forwarded-For", "[2001:db8::7]:443").build()))
            .isEqualTo("2001:db8:0:0:0:0:0:7");
    }

    @Test
    void aTrustedProxyWithoutForwardingOrWithGarbageIsTheClientItself() {
        assertThat(client(from("10.0.0.2").build())).isEqualTo("10.0.0.2");
        assertThat(client(from("10.0.0.2").header("X-Forwarded-For", "203.0.113.7, unknown").build()))
            .isEqualTo("10.0.0.2");
        // A host name is never looked up.
        assertThat(client(from("10.0.0.2").header("X-Forwarded-For", "evil.example").build())).isEqualTo("10.0.0.2");
    }

    @Test
    void literalsAreParsedWithoutDns() {
        assertThat(ClientAddresses.literal("localhost")).isEmpty();
        assertThat(ClientAddresses.literal("1.2.3")).isEmpty();
        assertThat(ClientAddresses.literal(" 192.0.2.1 ")).map(InetAddress::getHostAddress).hasValue("192.0.2.1");
        assertThat(ClientAddresses.literal("::1")).isPresent();
    }

}
