package dev.surge.api.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Gives the test client its own event loops and a new connection per request, so the
 * client under test and the server never share loops or pooled keep-alive connections.
 * Before this, about one full run in four hung on a request that never reached the
 * server's filters (all loops idle in the thread dump; never with curl, never without
 * BlockHound). The likely cause, found later: BlockHound's error thrown inside Netty's
 * buffer allocator under lock contention, which is now allowed (see
 * SurgeBlockHoundIntegration). Kept so a request-level failure of one test cannot leave a
 * pooled connection behind for the next.
 */
@TestConfiguration(proxyBeanMethods = false)
class FreshConnectionsPerRequest {

    @Bean
    WebTestClientBuilderCustomizer freshConnectionsPerRequest() {
        HttpClient client = HttpClient.create(ConnectionProvider.newConnection())
            .runOn(LoopResources.create("test-client", 1, true));
        return builder -> builder.clientConnector(new ReactorClientHttpConnector(client));
    }

}
