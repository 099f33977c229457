package dev.seedance4j.client;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests that talk to a {@link ScriptedServer}: a fresh server and a client with a fake clock and a
 * recording sleeper per test.
 */
abstract class LoopbackTest {
    protected ScriptedServer server;
    protected TestSupport.FakeClock clock;
    protected TestSupport.RecordingSleeper sleeper;
    protected SeedanceClient client;

    @BeforeEach
    void startLoopback() throws Exception {
        server = new ScriptedServer();
        clock = new TestSupport.FakeClock(Instant.parse("2026-05-14T10:32:17Z"));
        sleeper = new TestSupport.RecordingSleeper(clock);
        client = TestSupport.client(server.baseUrl(), clock, sleeper);
    }

    @AfterEach
    void stopLoopback() {
        client.close();
        server.close();
    }
}
