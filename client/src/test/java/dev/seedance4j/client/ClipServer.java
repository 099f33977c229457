package dev.seedance4j.client;

import com.sun.net.httpserver.HttpServer;
import dev.seedance4j.media.Ffmpeg;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A loopback HTTP server serving one real MP4 (480p 16:9, 24 fps, with sound) rendered once by ffmpeg: the
 * reference video of edit and extend requests, living independently of the emulator's own result files (which a
 * reset deletes).
 */
final class ClipServer implements AutoCloseable {
    static final Duration CLIP_LENGTH = Duration.ofSeconds(4);

    private final HttpServer server;

    private ClipServer(HttpServer server) {
        this.server = server;
    }

    static ClipServer start(Ffmpeg ffmpeg, Path directory) throws IOException {
        Path clip = directory.resolve("clip.mp4");
        long seconds = CLIP_LENGTH.toSeconds();
        ffmpeg.run(List.of("-y", "-f", "lavfi", "-i", "testsrc=size=864x496:rate=24:duration=" + seconds,
                "-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds,
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
                clip.toString()), Duration.ofSeconds(60));
        byte[] bytes = Files.readAllBytes(clip);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/clip.mp4", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "video/mp4");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(200, head ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (!head) {
                    out.write(bytes);
                }
            }
        });
        server.start();
        return new ClipServer(server);
    }

    /** The clip's URL with its length declared, as a request should give it. */
    Media clip() {
        return Media.url("http://127.0.0.1:" + server.getAddress().getPort() + "/clip.mp4").withDuration(CLIP_LENGTH);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
