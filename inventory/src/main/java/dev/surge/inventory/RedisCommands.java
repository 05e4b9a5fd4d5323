package dev.surge.inventory;

import io.lettuce.core.api.reactive.RedisHashReactiveCommands;
import io.lettuce.core.api.reactive.RedisKeyReactiveCommands;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.api.reactive.RedisScriptingReactiveCommands;
import io.lettuce.core.api.reactive.RedisSetReactiveCommands;
import io.lettuce.core.api.reactive.RedisSortedSetReactiveCommands;
import io.lettuce.core.api.reactive.RedisStringReactiveCommands;
import io.lettuce.core.cluster.api.reactive.RedisAdvancedClusterReactiveCommands;

/**
 * The Lettuce reactive commands the module uses, the same for a single Redis and a Redis
 * Cluster (where Lettuce routes each command, and each script call by its first key, to
 * the node owning the slot).
 */
record RedisCommands(RedisScriptingReactiveCommands<String, String> scripting,
        RedisHashReactiveCommands<String, String> hashes, RedisSetReactiveCommands<String, String> sets,
        RedisSortedSetReactiveCommands<String, String> sortedSets, RedisStringReactiveCommands<String, String> strings,
        RedisKeyReactiveCommands<String, String> keys) {

    static RedisCommands of(RedisReactiveCommands<String, String> commands) {
        return new RedisCommands(commands, commands, commands, commands, commands, commands);
    }

    static RedisCommands of(RedisAdvancedClusterReactiveCommands<String, String> commands) {
        return new RedisCommands(commands, commands, commands, commands, commands, commands);
    }

}
