package dev.surge.api.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Gives the test client its own event loops and a new connection per request. Sharing the
 * server's loops and pooled keep-alive connections made roughly one full test run in four
 * hang on a request that never reached the server's filters (all loops idle in the thread
 * dump; not reproduced with curl or without BlockHound). Each test request now stands
 * alone, so a stuck pooled connection cannot fail an unrelated test.
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
