package dev.surge.testing;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;

/**
 * A reachable PostgreSQL server and one database on it, with the URLs both drivers need:
 * JDBC (Flyway at start-up) and R2DBC (the application). {@code source} says where it
 * came from, for logs.
 */
public record PostgresServer(String host, int port, String user, String password, String database, String source) {

    public PostgresServer {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(database, "database");
    }

    /**
     * Parses {@code postgresql://user[:password]@host[:port]/database}, the form libpq
     * and SURGE_* use.
     */
    public static PostgresServer fromUrl(String url, String source) {
        URI uri = URI.create(url.replaceFirst("^jdbc:", ""));
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("expected postgresql://user@host:port/db, got " + url);
        }
        String userInfo = uri.getRawUserInfo() == null ? "postgres" : uri.getRawUserInfo();
        String[] credentials = userInfo.split(":", 2);
        String path = uri.getPath() == null || uri.getPath().length() <= 1 ? "/postgres" : uri.getPath();
        return new PostgresServer(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), decode(credentials[0]),
                credentials.length > 1 ? decode(credentials[1]) : "", path.substring(1), source);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String r2dbcUrl() {
        return "r2dbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /**
     * The {@code postgresql://} URL, credentials included, as {@code SURGE_POSTGRES_URL}
     * takes it.
     */
    public String url() {
        String credentials = password.isEmpty() ? user : user + ":" + password;
        return "postgresql://" + credentials + "@" + host + ":" + port + "/" + database;
    }

    /** The same server with another database selected. */
    public PostgresServer withDatabase(String otherDatabase) {
        return new PostgresServer(host, port, user, password, otherDatabase, source);
    }

    /**
     * Runs one statement over a short-lived JDBC connection: for test set-up and
     * tear-down only.
     */
    public void execute(String sql) {
        try (var connection = DriverManager.getConnection(jdbcUrl(), user, password);
                var statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " (" + source + ") refused: " + sql,
                    e);
        }
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
