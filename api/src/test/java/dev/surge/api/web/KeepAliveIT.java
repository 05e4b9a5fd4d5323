package dev.surge.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.api.support.SurgeIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A keep-alive connection keeps answering when a request arrives while the one before it
 * is still finishing and is itself answered at once (as a shed write, a refused one or an
 * unknown route is): a load generator met such connections that stopped reading until it
 * gave up after 60 s (Reactor Netty 1.3.6, fixed in 1.3.8). Over a raw socket, the
 * requests pipelined as a client that sends its next request the moment it has read an
 * answer may have them arrive.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
class KeepAliveIT {

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");

    @LocalServerPort
    int port;

    @RepeatedTest(5)
    void aConnectionAnswersEveryRequestWhenOneArrivesBeforeTheLastHasFinished() throws IOException {
        String cart = "{\"currency\":\"EUR\",\"country\":\"DE\"}";

        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            // A write that takes a moment, and one answered at once (unauthenticated)
            // arriving while the first is still finishing.
            out.write((post("/api/v1/carts", cart) + post("/api/v1/vendor/products", cart))
                .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(statuses(in, 2)).containsExactly(201, 401);

            out.write(post("/api/v1/carts", cart).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(statuses(in, 1)).as("the next request on the connection").containsExactly(201);
        }
    }

    private static String post(String path, String json) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
    }

    /**
     * The status codes answered, reading until {@code expected} arrived or 10 s passed.
     */
    private static List<Integer> statuses(InputStream in, int expected) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        List<Integer> statuses = new ArrayList<>();
        try {
            while (statuses.size() < expected) {
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                received.write(buffer, 0, read);
                statuses.clear();
                Matcher status = STATUS_LINE.matcher(received.toString(StandardCharsets.ISO_8859_1));
                while (status.find()) {
                    statuses.add(Integer.parseInt(status.group(1)));
                }
            }
        }
        catch (SocketTimeoutException stoppedAnswering) {
            // What was answered before the connection went quiet.
        }
        return statuses;
    }

}
