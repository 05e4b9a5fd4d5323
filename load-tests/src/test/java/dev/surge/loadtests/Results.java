package dev.surge.loadtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/** What the simulations compute and write down about a run: percentiles, result files. */
final class Results {

    private Results() {
    }

    /** The nearest-rank percentile of {@code sorted} (0 when empty). */
    static long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    static List<Long> sorted(Collection<Long> values) {
        return values.stream().sorted().toList();
    }

    /** Writes a result file, creating its directory. */
    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, content);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
