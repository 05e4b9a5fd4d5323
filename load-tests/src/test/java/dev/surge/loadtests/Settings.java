package dev.surge.loadtests;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a run is told from outside: Java system properties ({@code -Dcheckout.rate=20} on
 * the Maven command line reaches the Gatling JVM), with the base URL also from the
 * environment. Every simulation reads its bounds here, so none runs unbounded.
 */
final class Settings {

    private Settings() {
    }

    /** Where Surge answers: {@code -Dsurge.baseUrl}, else {@code SURGE_BASE_URL}. */
    static String baseUrl() {
        String configured = System.getProperty("surge.baseUrl", System.getenv("SURGE_BASE_URL"));
        String url = configured == null || configured.isBlank() ? "http://127.0.0.1:8080" : configured;
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** A short run for CI: few users, well under a minute of load. */
    static boolean smoke() {
        return Boolean.getBoolean("smoke");
    }

    static int integer(String name, int normal, int smoke) {
        return Integer.getInteger(name, smoke() ? smoke : normal);
    }

    static double decimal(String name, double normal) {
        String value = System.getProperty(name);
        return value == null ? normal : Double.parseDouble(value);
    }

    static Duration seconds(String name, int normal, int smoke) {
        return Duration.ofSeconds(integer(name, normal, smoke));
    }

    static String text(String name, String normal) {
        return System.getProperty(name, normal);
    }

    /**
     * A results file: {@code -D<name>}, else {@code fileName} in the module's
     * {@code target/}.
     */
    static Path resultFile(String name, String fileName) {
        String configured = System.getProperty(name);
        return configured != null ? Path.of(configured)
                : Path.of(System.getProperty("surge.loadtests.target", "target"), fileName);
    }

}
