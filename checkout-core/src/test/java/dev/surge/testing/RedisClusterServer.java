package dev.surge.testing;

import java.util.List;

/**
 * A reachable Redis Cluster: its nodes as {@code host:port}; {@code source} says where it
 * came from.
 */
public record RedisClusterServer(List<String> nodes, String source) {

    public RedisClusterServer {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one node");
        }
    }

}
