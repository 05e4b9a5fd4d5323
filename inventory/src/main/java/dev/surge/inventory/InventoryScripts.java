package dev.surge.inventory;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.reactive.RedisScriptingReactiveCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import reactor.core.publisher.Mono;

/**
 * The Lua scripts, read from the classpath once at start-up (not lazily on an event loop)
 * and run with EVALSHA; when Redis answers NOSCRIPT (a restart, a failover, a flushed
 * script cache) the call is repeated with EVAL, which loads the script again. The scripts
 * that read the time start with {@code clock.lua}, and those that keep a buyer's open
 * holds with {@code open_holds.lua}: Redis has no shared functions for EVAL, so each
 * carries its own copy.
 */
record InventoryScripts(Script reserve, Script settle, Script due, Script claim, Script stock, Script levels,
        Script cartCreate, Script cartRead, Script cartSave, Script quota, Script queueStatus, Script openHold) {

    static InventoryScripts load(RedisScriptingReactiveCommands<String, String> commands) {
        String clock = source("clock");
        String openHolds = clock + source("open_holds");
        return new InventoryScripts(script("reserve", openHolds, commands), script("settle", clock, commands),
                script("due", clock, commands), script("claim", clock, commands), script("stock", "", commands),
                script("levels", "", commands), script("cart_create", "", commands), script("cart_read", "", commands),
                script("cart_save", "", commands), script("quota", clock, commands),
                script("queue_status", clock, commands), script("open_hold", openHolds, commands));
    }

    /**
     * One script: its source and SHA-1, and how to run it answering a list of strings.
     */
    record Script(String name, String source, String sha) {

        Mono<List<String>> run(RedisScriptingReactiveCommands<String, String> commands, String[] keys, String... args) {
            return commands.<Object>evalsha(sha, ScriptOutputType.MULTI, keys, args)
                .onErrorResume(RedisNoScriptException.class,
                        noScript -> commands.<Object>eval(source, ScriptOutputType.MULTI, keys, args))
                .collectList()
                .map(Script::strings);
        }

        /** Lettuce emits a multi-bulk reply either whole or element by element. */
        private static List<String> strings(List<Object> reply) {
            List<?> items = reply.size() == 1 && reply.getFirst() instanceof List<?> whole ? whole : reply;
            return items.stream().map(String::valueOf).toList();
        }

    }

    private static Script script(String name, String prelude, RedisScriptingReactiveCommands<String, String> commands) {
        String source = prelude + source(name);
        return new Script(name, source, commands.digest(source));
    }

    private static String source(String name) {
        var resource = new ClassPathResource("dev/surge/inventory/" + name + ".lua");
        try (var in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

}
