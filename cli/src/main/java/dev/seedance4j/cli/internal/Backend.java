package dev.seedance4j.cli.internal;

import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.emulator.Emulator;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The service a command talks to. With {@code --emulator} an emulator is started in this process and stopped on
 * close; otherwise the real service (or any compatible one) is reached with {@code ARK_API_KEY}. A paid run never
 * falls back to the emulator silently: a missing key is an error that says what to do.
 */
public final class Backend implements AutoCloseable {

    /** The key the in-process emulator is called with; it accepts any key, so this one is not a secret. */
    private static final String EMULATOR_KEY = "emulator-local";

    private final SeedanceClient client;
    private final Emulator emulator;
    /** What the client was made from, for the clients of a key pool's other keys. */
    private final Map<String, String> environment;

    private final URI base;
    private final List<SeedanceClient> otherKeys = new ArrayList<>();

    private Backend(SeedanceClient client, Emulator emulator, Map<String, String> environment, URI base) {
        this.client = client;
        this.emulator = emulator;
        this.environment = environment;
        this.base = base;
    }

    public static Backend open(ConnectionOptions options, Map<String, String> environment) {
        return open(options, environment, null);
    }

    /**
     * @param emulatorData where the embedded emulator keeps its tasks across runs (a project's output folder), or
     *                     null for a temporary folder
     */
    public static Backend open(ConnectionOptions options, Map<String, String> environment, Path emulatorData) {
        if (options.emulator() && options.baseUrl() != null) {
            throw new UserError(
                    ExitCodes.BAD_INPUT,
                    "--emulator and --base-url exclude each other: choose where to send the tasks");
        }
        if (options.emulator()) {
            Flags.notNegative(
                    "--time-scale", options.timeScale(), "the emulator's run-time multiplier; 0 = render time only");
            Emulator.Builder builder = Emulator.builder().port(0).timeScale(options.timeScale());
            if (emulatorData != null) builder.dataDirectory(emulatorData);
            Emulator emulator;
            try {
                emulator = builder.build().start();
            } catch (IllegalStateException e) { // its data folder is in use
                throw new UserError(
                        ExitCodes.SOME_FAILED, e.getMessage() + "; wait for that run to finish (nothing was sent)");
            }
            return new Backend(
                    SeedanceClient.builder()
                            .apiKey(EMULATOR_KEY)
                            .baseUrl(emulator.baseUrl())
                            .build(),
                    emulator,
                    Map.of(),
                    null);
        }
        String key = environment.get("ARK_API_KEY");
        if (key == null || key.isBlank()) {
            throw new UserError(ExitCodes.AUTH_OR_CONFIG, """
                    ARK_API_KEY is not set, so the real Seedance service cannot be called (and nothing was spent).
                      - to use Volcengine Ark: create an API key in the Ark console, then `export ARK_API_KEY=...`
                      - to try everything without paying: add --emulator (a local service that renders real MP4 files)""");
        }
        URI base = baseUrl(options, environment);
        return new Backend(realClient(environment, base), null, environment, base);
    }

    private static SeedanceClient realClient(Map<String, String> environment, URI base) {
        SeedanceClient.Builder builder = SeedanceClient.builder().environment(environment);
        if (base != null) builder.baseUrl(base.toString());
        return builder.build();
    }

    /** A client of the same service with another key of the account (a pool's), closed with this backend. */
    SeedanceClient clientWithKey(String apiKey) {
        if (emulator != null) throw new IllegalStateException("the embedded emulator takes no key of a pool");
        Map<String, String> withKey = new HashMap<>(environment);
        withKey.put("ARK_API_KEY", apiKey);
        SeedanceClient other = realClient(withKey, base);
        otherKeys.add(other);
        return other;
    }

    /**
     * The service's base URL from {@code --base-url} or {@code ARK_BASE_URL}, checked so that a mistake names
     * its flag or variable; null for the client's default (the Beijing region).
     */
    static URI baseUrl(ConnectionOptions options, Map<String, String> environment) {
        if (options.baseUrl() != null) return httpUrl(options.baseUrl(), "--base-url", ExitCodes.BAD_INPUT);
        String fromEnv = environment.get("ARK_BASE_URL");
        if (fromEnv != null && !fromEnv.isBlank()) return httpUrl(fromEnv, "ARK_BASE_URL", ExitCodes.AUTH_OR_CONFIG);
        return null;
    }

    /**
     * Whether the service runs on this machine ({@code 127.0.0.1}, {@code ::1}, {@code localhost}): it can then
     * fetch local videos from a file server on the loopback interface, as the embedded emulator does.
     */
    static boolean isLoopback(ConnectionOptions options, Map<String, String> environment) {
        URI base = baseUrl(options, environment);
        if (base == null) return false;
        String host = base.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        return host.equals("localhost") || host.equals("::1") || host.matches("127(\\.\\d{1,3}){3}");
    }

    private static URI httpUrl(String text, String name, int exitCode) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) return uri;
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new UserError(
                exitCode,
                name + " must be an http:// or https:// URL such as https://ark.cn-beijing.volces.com/api/v3 (got "
                        + text + ")");
    }

    public SeedanceClient client() {
        return client;
    }

    /** Whether this backend is an in-process emulator (its costs are "as if billed"). */
    public boolean isEmulator() {
        return emulator != null;
    }

    /** Stops the embedded emulator, if any, at once (its tasks stay in its data folder). */
    void stopEmulator() {
        if (emulator != null) emulator.close();
    }

    @Override
    public void close() {
        otherKeys.forEach(SeedanceClient::close);
        client.close();
        if (emulator != null) emulator.close();
    }
}
