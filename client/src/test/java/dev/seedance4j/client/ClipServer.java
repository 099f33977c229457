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
 * A loopback HTTP server serving real MP4s (480p 16:9, 24 fps, with sound) of whole-second lengths, rendered once
 * by ffmpeg: the reference videos of edit and extend requests, living independently of the emulator's own result
 * files (which a reset deletes).
 */
final class ClipServer implements AutoCloseable {
    private final HttpServer server;

    private ClipServer(HttpServer server) {
        this.server = server;
    }

    /** Renders a clip of each of {@code lengths} seconds and serves them. */
    static ClipServer start(Ffmpeg ffmpeg, Path directory, int... lengths) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        for (int seconds : lengths) {
            byte[] bytes = render(ffmpeg, directory, seconds);
            server.createContext("/clip-" + seconds + ".mp4", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "video/mp4");
                boolean head = exchange.getRequestMethod().equals("HEAD");
                exchange.sendResponseHeaders(200, head ? -1 : bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    if (!head) {
                        out.write(bytes);
                    }
                }
            });
        }
        server.start();
        return new ClipServer(server);
    }

    private static byte[] render(Ffmpeg ffmpeg, Path directory, int seconds) throws IOException {
        Path clip = directory.resolve("clip-" + seconds + ".mp4");
        ffmpeg.run(
                List.of(
                        "-y",
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc=size=864x496:rate=24:duration=" + seconds,
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=frequency=440:duration=" + seconds,
                        "-c:v",
                        "libx264",
                        "-preset",
                        "ultrafast",
                        "-pix_fmt",
                        "yuv420p",
                        "-c:a",
                        "aac",
                        "-shortest",
                        clip.toString()),
                Duration.ofSeconds(60));
        return Files.readAllBytes(clip);
    }

    /** The URL of the clip of {@code seconds} with its length declared, as a request should give it. */
    Media clip(int seconds) {
        return Media.url("http://127.0.0.1:" + server.getAddress().getPort() + "/clip-" + seconds + ".mp4")
                .withDuration(Duration.ofSeconds(seconds));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
