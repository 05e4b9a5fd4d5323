package dev.surge.api.vendors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import dev.surge.api.support.SurgeIntegrationTest;
import dev.surge.api.support.VendorStreams;
import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * One thousand events fanned out to 100 vendor streams of 50 vendors at once: each stream
 * gets exactly its vendor's events, in order, while one more client of the busiest vendor
 * reads nothing at all and is cut off (the server keeps only a small buffer per stream)
 * without holding anyone else up.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
@TestPropertySource(properties = "surge.kafka.subscriber-buffer=50")
@Import(VendorStreamFanOutIT.SmallSocketBuffers.class)
class VendorStreamFanOutIT {

    private static final int VENDORS = 50;

    private static final int STREAMS_PER_VENDOR = 2;

    private static final int EVENTS = 1_000;

    /** Events for the vendor with the stalled client: more than its buffers can hold. */
    private static final int BUSIEST_VENDOR_EVENTS = 300;

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Autowired
    JsonMapper json;

    @LocalServerPort
    int port;

    @Test
    void deliversEveryEventToItsOwnVendorsStreamsAndCutsOffAStalledOne() throws IOException {
        List<UUID> vendors = IntStream.range(0, VENDORS).mapToObj(i -> UUID.randomUUID()).toList();
        UUID busiest = vendors.getFirst();
        enrolOwners(vendors);
        Map<String, List<String>> received = new ConcurrentHashMap<>();
        Map<String, Long> completedAt = new ConcurrentHashMap<>();
        ConnectionProvider connections = ConnectionProvider.builder("vendor-streams")
            .maxConnections(VENDORS * STREAMS_PER_VENDOR)
            .pendingAcquireMaxCount(-1)
            .build();
        WebClient streams = WebClient.builder()
            .baseUrl("http://127.0.0.1:" + port)
            .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)))
            .build();
        Disposable.Composite listening = Disposables.composite();
        try (Socket stalled = stalledStream(busiest)) {
            for (UUID vendor : vendors) {
                String token = VendorStreams.tokenFor(client, vendor.toString());
                for (int i = 0; i < STREAMS_PER_VENDOR; i++) {
                    String name = vendor + "#" + i;
                    List<String> events = Collections.synchronizedList(new ArrayList<>());
                    received.put(name, events);
                    listening.add(streams.get()
                        .uri("/api/v1/vendor/orders/stream")
                        .headers(headers -> headers.setBearerAuth(token))
                        .accept(MediaType.TEXT_EVENT_STREAM)
                        .retrieve()
                        .bodyToFlux(VendorStreams.EVENT)
                        .filter(event -> event.data() != null)
                        .subscribe(event -> record(name, event, events, completedAt)));
                }
            }
            // One event each first: once all arrived, every stream is listening.
            insertEvents(vendors, busiest, "warm-up");
            await().atMost(Duration.ofSeconds(30))
                .until(() -> received.values().stream().allMatch(events -> events.size() == 1));

            long started = System.nanoTime();
            insertEvents(burst(vendors, busiest), busiest, "last");
            await().atMost(Duration.ofSeconds(60)).until(() -> completedAt.size() == received.size());

            List<Double> seconds = completedAt.values().stream().map(at -> (at - started) / 1e9).sorted().toList();
            System.out.printf(
                    "[figures] %d events to %d streams of %d vendors (one more stream stalled): every stream "
                            + "complete after median %.2f s, slowest %.2f s%n",
                    EVENTS, received.size(), VENDORS, seconds.get(seconds.size() / 2), seconds.getLast());
            for (UUID vendor : vendors) {
                List<String> expected = eventIdsOf(vendor);
                for (int i = 0; i < STREAMS_PER_VENDOR; i++) {
                    assertThat(received.get(vendor + "#" + i)).as("stream %d of vendor %s", i, vendor)
                        .containsExactlyElementsOf(expected);
                }
            }

            // Everyone else is done while the stalled client has not read a byte; now it
            // reads what the server had sent before cutting it off.
            String stalledGot = readUntilTheEnd(stalled);
            assertThat(stalledGot).contains("event:problem", "stream-interrupted");
            assertThat(occurrences(stalledGot, "event:suborder.paid")).isLessThan(BUSIEST_VENDOR_EVENTS);
        }
        finally {
            listening.dispose();
            connections.dispose();
        }
    }

    private void record(String stream, ServerSentEvent<String> event, List<String> events,
            Map<String, Long> completedAt) {
        events.add(json.readTree(event.data()).get("eventId").asString());
        if ("last".equals(json.readTree(event.data()).get("payload").path("marker").asString(""))) {
            completedAt.put(stream, System.nanoTime());
        }
    }

    /**
     * The busiest vendor's share of the burst, the rest spread over the other vendors, in
     * a shuffled (but repeatable) order.
     */
    private static List<UUID> burst(List<UUID> vendors, UUID busiest) {
        List<UUID> events = new ArrayList<>(Collections.nCopies(BUSIEST_VENDOR_EVENTS, busiest));
        for (int i = 0; events.size() < EVENTS; i++) {
            events.add(vendors.get(1 + i % (vendors.size() - 1)));
        }
        Collections.shuffle(events, new Random(6));
        return events;
    }

    /**
     * One event per entry, in one transaction, as a checkout writes its outbox rows; each
     * vendor's final event carries the marker, the busiest vendor's events are large.
     */
    private void insertEvents(List<UUID> vendorOfEachEvent, UUID busiest, String marker) {
        database.sql("""
                WITH events AS (
                    SELECT vendor, position, position = max(position) OVER (PARTITION BY vendor) AS last
                    FROM unnest(:vendors::uuid[]) WITH ORDINALITY AS e(vendor, position))
                INSERT INTO outbox (event_id, type, order_id, vendor_id, payload)
                SELECT gen_random_uuid(), 'suborder.paid', gen_random_uuid(), vendor,
                       jsonb_build_object('marker', CASE WHEN last THEN :marker ELSE '' END,
                                          'note', repeat('x', CASE WHEN vendor = :busiest THEN 4096 ELSE 64 END))
                FROM events ORDER BY position
                """)
            .bind("vendors", vendorOfEachEvent.toArray(UUID[]::new))
            .bind("busiest", busiest)
            .bind("marker", marker)
            .fetch()
            .rowsUpdated()
            .block();
    }

    /** The vendors, each with the owner whose token opens its streams. */
    private void enrolOwners(List<UUID> vendors) {
        database.sql("""
                WITH vendor AS (
                    INSERT INTO vendors (id, name, status, commission_bps)
                    SELECT id, 'Fan-out ' || id, 'APPROVED', 1000 FROM unnest(:vendors::uuid[]) AS v(id)
                    RETURNING id)
                INSERT INTO vendor_members (vendor_id, subject, role)
                SELECT id, 'owner-' || id, 'OWNER' FROM vendor
                """).bind("vendors", vendors.toArray(UUID[]::new)).fetch().rowsUpdated().block();
    }

    private List<String> eventIdsOf(UUID vendor) {
        return database.sql("SELECT event_id FROM outbox WHERE vendor_id = :vendor ORDER BY stream_sequence")
            .bind("vendor", vendor)
            .map(row -> row.get(0, UUID.class).toString())
            .all()
            .collectList()
            .block();
    }

    /** A client that asks for the stream and then never reads, with a tiny window. */
    private Socket stalledStream(UUID vendor) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(2048);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.getOutputStream()
            .write(("GET /api/v1/vendor/orders/stream HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAccept: text/event-stream\r\nAuthorization: Bearer "
                    + VendorStreams.tokenFor(client, vendor.toString()) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    /** Everything up to the end of the (chunked) response. */
    private static String readUntilTheEnd(Socket socket) throws IOException {
        socket.setSoTimeout(30_000);
        StringBuilder text = new StringBuilder();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int read; (read = in.read(buffer)) > 0;) {
                text.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                if (text.indexOf("\r\n0\r\n\r\n") >= 0) {
                    break;
                }
            }
        }
        catch (SocketTimeoutException e) {
            throw new AssertionError(
                    "the stalled stream was never ended; it got: " + text.substring(Math.max(0, text.length() - 500)),
                    e);
        }
        return text.toString();
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    /**
     * Fixed, small socket send buffers (Linux would grow them to megabytes on loopback),
     * so a stalled client's backlog reaches the stream's own buffer within this test.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class SmallSocketBuffers {

        @Bean
        NettyServerCustomizer smallSendBuffers() {
            return server -> server.childOption(ChannelOption.SO_SNDBUF, 32 * 1024);
        }

    }

}
