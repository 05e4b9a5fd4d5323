package dev.surge.loadtests;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Surge's own view of how long it took to answer one route: the cumulative buckets of the
 * {@code http.server.requests} histogram it publishes on Prometheus, summed over the
 * route's series (503s apart). Two readings taken a phase apart give the phase's latency
 * as the server measured it, from the request's arrival to its answer, without the time
 * the load generator, sharing the machine, took to send it or to notice the answer. A
 * percentile reads as the upper bound of the bucket it falls in.
 *
 * @param cumulative requests answered within each bucket's upper bound, seconds
 */
record ServerLatency(NavigableMap<Double, Double> cumulative) {

    private static final Pattern BUCKET = Pattern
        .compile("^http_server_requests_seconds_bucket\\{([^}]*)} ([0-9.eE+-]+)$", Pattern.MULTILINE);

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    static final ServerLatency NONE = new ServerLatency(new TreeMap<>());

    /**
     * The route's served requests ({@code method} on the {@code uri} template, or when
     * {@code null} on any route Surge may shed: the API's, Stripe's webhooks and the
     * demo's token endpoint apart).
     */
    static ServerLatency of(String prometheus, String method, String uri) {
        NavigableMap<Double, Double> cumulative = new TreeMap<>();
        Matcher bucket = BUCKET.matcher(prometheus);
        while (bucket.find()) {
            Map<String, String> labels = labels(bucket.group(1));
            if (method.equals(labels.get("method"))
                    && (uri == null ? sheddable(labels.get("uri")) : uri.equals(labels.get("uri")))
                    && !"503".equals(labels.get("status"))) {
                double le = "+Inf".equals(labels.get("le")) ? Double.POSITIVE_INFINITY
                        : Double.parseDouble(labels.get("le"));
                cumulative.merge(le, Double.parseDouble(bucket.group(2)), Double::sum);
            }
        }
        return new ServerLatency(cumulative);
    }

    private static boolean sheddable(String uri) {
        return uri != null && uri.startsWith("/api/v1/") && !uri.startsWith("/api/v1/webhooks/")
                && !uri.startsWith("/api/v1/dev/");
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new HashMap<>();
        Matcher label = LABEL.matcher(text);
        while (label.find()) {
            labels.put(label.group(1), label.group(2));
        }
        return labels;
    }

    /** What was answered between {@code earlier} and this reading. */
    ServerLatency since(ServerLatency earlier) {
        NavigableMap<Double, Double> between = new TreeMap<>();
        cumulative.forEach((le, count) -> between.put(le, count - earlier.cumulative.getOrDefault(le, 0.0)));
        return new ServerLatency(between);
    }

    long count() {
        return cumulative.isEmpty() ? 0 : Math.round(cumulative.lastEntry().getValue());
    }

    /**
     * The bucket bound, in whole milliseconds rounded up, within which {@code percent} of
     * the requests were answered; -1 without requests.
     */
    long percentileMillis(int percent) {
        long count = count();
        if (count == 0) {
            return -1;
        }
        double rank = Math.ceil(percent / 100.0 * count);
        for (var bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                return bucket.getKey().isInfinite() ? Long.MAX_VALUE : (long) Math.ceil(bucket.getKey() * 1000);
            }
        }
        return Long.MAX_VALUE;
    }

}
