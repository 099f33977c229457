package dev.seedance4j.studio.internal.store;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the studio's state lives, as {@code --store} or {@code SEEDANCE_STORE} names it: a
 * {@code jdbc:postgresql://host[:port]/database[?user=…&password=…]} URL (team mode), or a SQLite file path
 * ({@code jdbc:sqlite:} prefix optional).
 *
 * <p>{@code toString} never shows a password.
 */
public final class StoreLocation {
    private static final String POSTGRESQL = "jdbc:postgresql:";
    private static final String SQLITE = "jdbc:sqlite:";

    private final String url;
    private final Path sqliteFile;
    private final String user;
    private final String password;
    private final int poolSize;

    private StoreLocation(String url, Path sqliteFile, String user, String password, int poolSize) {
        this.url = url;
        this.sqliteFile = sqliteFile;
        this.user = user;
        this.password = password;
        this.poolSize = poolSize;
    }

    public static StoreLocation sqlite(Path file) {
        return new StoreLocation(SQLITE + file.toAbsolutePath(), file.toAbsolutePath(), null, null, 2);
    }

    /**
     * Reads a location. A PostgreSQL URL may carry {@code user} and {@code password} as query parameters (else the
     * driver's {@code PGUSER}/{@code PGPASSWORD}-less defaults apply) and {@code poolSize} (connections, default 4).
     *
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    public static StoreLocation parse(String text) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the store location is empty: give a SQLite file or a "
                    + "jdbc:postgresql://host:port/database URL");
        }
        if (value.startsWith(SQLITE)) {
            return sqlite(Path.of(value.substring(SQLITE.length())));
        }
        if (value.startsWith("jdbc:") && !value.startsWith(POSTGRESQL)) {
            throw new IllegalArgumentException("the store must be SQLite (a file path) or PostgreSQL "
                    + "(jdbc:postgresql://host:port/database), not " + value.substring(0, value.indexOf(':', 5) + 1));
        }
        if (!value.startsWith(POSTGRESQL)) {
            return sqlite(Path.of(value));
        }
        URI uri;
        try {
            uri = URI.create(value.substring("jdbc:".length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the store URL is malformed: " + e.getMessage());
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new IllegalArgumentException(
                    "the store URL needs a host and a database: jdbc:postgresql://host:port/database");
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String v = eq < 0
                        ? ""
                        : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
                query.put(name, v);
            }
        }
        String user = query.remove("user");
        String password = query.remove("password");
        int poolSize = 4;
        String size = query.remove("poolSize");
        if (size != null) {
            try {
                poolSize = Integer.parseInt(size);
            } catch (NumberFormatException e) {
                poolSize = 0;
            }
            if (poolSize < 1 || poolSize > 100) {
                throw new IllegalArgumentException("poolSize in the store URL must be 1 to 100, not " + size);
            }
        }
        StringBuilder rest = new StringBuilder();
        query.forEach((k, v) -> rest.append(rest.isEmpty() ? "?" : "&")
                .append(k)
                .append('=')
                .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
        String base = POSTGRESQL + "//" + uri.getRawAuthority() + uri.getRawPath() + rest;
        return new StoreLocation(base, null, user, password, poolSize);
    }

    public boolean isSqlite() {
        return sqliteFile != null;
    }

    /** The JDBC URL without user and password. */
    public String url() {
        return url;
    }

    public Path sqliteFile() {
        return sqliteFile;
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    public int poolSize() {
        return poolSize;
    }

    @Override
    public String toString() {
        return isSqlite() ? sqliteFile.toString() : url + (user == null ? "" : " (user " + user + ")");
    }
}
