package dev.seedance4j.board.internal;

import io.javalin.http.sse.SseClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells open pages that something changed, through server-sent events. One watcher asks the store's change mark
 * (and the action lane's version) five times a second and sends {@code change} to every page when it moved; the pages
 * then fetch what they show once. Pages never poll.
 */
final class LiveFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

    private final List<SseClient> clients = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "board-watcher");
        t.setDaemon(true);
        return t;
    });
    private final Supplier<String> mark;
    private String last;
    private int ticks;

    LiveFeed(Supplier<String> mark) {
        this.mark = mark;
        this.last = safeMark();
        watcher.scheduleWithFixedDelay(this::tick, 200, 200, TimeUnit.MILLISECONDS);
    }

    void join(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        client.sendEvent("hello", last);
    }

    private void tick() {
        String now = safeMark();
        boolean changed = now != null && !now.equals(last);
        if (changed) last = now;
        boolean ping = ++ticks % 75 == 0; // a comment every ~15 s keeps idle connections open through proxies
        for (SseClient c : clients) {
            try {
                if (c.terminated()) {
                    clients.remove(c);
                } else if (changed) {
                    c.sendEvent("change", now);
                } else if (ping) {
                    c.sendComment("ping");
                }
            } catch (RuntimeException e) {
                clients.remove(c);
            }
        }
    }

    private String safeMark() {
        try {
            return mark.get();
        } catch (RuntimeException e) {
            LOG.debug("change mark not readable now: {}", e.getMessage());
            return last;
        }
    }

    @Override
    public void close() {
        watcher.shutdownNow();
        clients.forEach(c -> {
            try {
                c.close();
            } catch (RuntimeException e) {
                // the page went away already
            }
        });
    }
}
