package dev.seedance4j.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A settable clock and a sleeper that advances it instead of sleeping, so backoffs take no time. */
final class TestSupport {
    static final String API_KEY = "ark-test-7f3c9e1d-SECRET-KEY-42";

    private TestSupport() {}

    static final class FakeClock extends Clock {
        private volatile Instant now;

        FakeClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static final class RecordingSleeper implements Sleeper {
        final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());
        private final FakeClock clock;
        volatile Runnable onSleep = () -> {};

        RecordingSleeper(FakeClock clock) {
            this.clock = clock;
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            pauses.add(duration);
            clock.advance(duration);
            onSleep.run();
        }
    }

    /** A client for {@code server} with a fake clock and a recording sleeper. */
    static SeedanceClient client(String baseUrl, FakeClock clock, RecordingSleeper sleeper) {
        return SeedanceClient.builder()
                .apiKey(API_KEY)
                .baseUrl(baseUrl)
                .clock(clock)
                .sleeper(sleeper)
                .requestTimeout(Duration.ofSeconds(5))
                .build();
    }

    static String taskJson(String id, String status) {
        return "{\"id\":\"" + id + "\",\"model\":\"doubao-seedance-2-0-260128\",\"status\":\"" + status
                + "\",\"created_at\":1778754737,\"updated_at\":1778754737,\"service_tier\":\"default\","
                + "\"execution_expires_after\":172800}";
    }
}
