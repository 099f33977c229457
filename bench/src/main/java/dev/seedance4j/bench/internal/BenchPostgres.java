package dev.seedance4j.bench.internal;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PostgreSQL server for T1, from the machine's binaries ({@code /usr/lib/postgresql/<version>/bin}, as the
 * {@code postgres} user; Debian's {@code postgresql} package): it measures the store's CPU and connections as well.
 */
final class BenchPostgres implements AutoCloseable {
    private final Path bin;
    private final Path data;
    private final int port;

    private BenchPostgres(Path bin, Path data, int port) {
        this.bin = bin;
        this.data = data;
        this.port = port;
    }

    static BenchPostgres start() throws Exception {
        Path bin;
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .sorted()
                    .reduce((a, b) -> b)
                    .orElseThrow();
        } catch (java.io.IOException | java.util.NoSuchElementException e) {
            throw new IllegalStateException("T1 needs PostgreSQL's binaries (Debian: apt-get install postgresql)", e);
        }
        // in the system's temporary folder, not under the work folder: the postgres user must reach it, and the
        // work folder (created 0700 for this user) is closed to it
        Path data = Files.createTempDirectory("seedance-bench-postgres-");
        Files.setOwner(
                data, data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        BenchPostgres server = new BenchPostgres(bin, data, port);
        server.asPostgres("initdb", "-D", data.resolve("db").toString(), "-A", "trust", "-U", "postgres", "--no-sync");
        server.asPostgres(
                "pg_ctl",
                "-D",
                data.resolve("db").toString(),
                "-w",
                "-l",
                data.resolve("log").toString(),
                "-o",
                "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1 -c max_connections=200",
                "start");
        return server;
    }

    String newDatabase(String name) throws Exception {
        query("CREATE DATABASE " + name);
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=postgres";
    }

    /** Connections open to the server now, over all databases (this one's own included). */
    long connections() throws Exception {
        return Long.parseLong(query("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"));
    }

    /** CPU seconds the server's processes have used so far (user + system, from /proc). */
    double cpuSeconds() throws Exception {
        long ticks = 0;
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
            Path stat = Path.of("/proc", String.valueOf(p.pid()), "stat");
            String cmd = p.info().command().orElse("");
            if (!cmd.startsWith(bin.toString()) || !Files.isReadable(stat)) continue;
            try {
                String[] f = Files.readString(stat)
                        .substring(Files.readString(stat).lastIndexOf(')') + 2)
                        .split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            } catch (java.io.IOException e) {
                // the process ended between the listing and the read
            }
        }
        return ticks / 100.0; // USER_HZ is 100 on Linux
    }

    private String query(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
                Statement s = c.createStatement()) {
            if (!s.execute(sql)) return "";
            try (ResultSet rs = s.getResultSet()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }

    @Override
    public void close() throws Exception {
        asPostgres("pg_ctl", "-D", data.resolve("db").toString(), "-m", "immediate", "stop");
        try (var files = Files.walk(data)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private void asPostgres(String tool, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "/usr/sbin/runuser", "-u", "postgres", "--", bin.resolve(tool).toString()));
        command.addAll(List.of(args));
        Path log = data.resolve("commands.log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", command) + "\n" + Files.readString(log));
        }
    }
}
