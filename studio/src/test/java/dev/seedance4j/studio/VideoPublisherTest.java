package dev.seedance4j.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoPublisherTest {
    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void loopbackServesTheFileUntilItsTimeIsUp() throws Exception {
        Path video = Files.write(dir.resolve("clip.mp4"), new byte[] {1, 2, 3, 4, 5});
        try (LoopbackVideoPublisher publisher = LoopbackVideoPublisher.start()) {
            String url = publisher.publish(video, Duration.ofHours(1));
            assertThat(url).startsWith("http://127.0.0.1:").endsWith("/clip.mp4");
            HttpResponse<byte[]> ok =
                    http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).containsExactly(1, 2, 3, 4, 5);
            assertThat(ok.headers().firstValue("Content-Type")).contains("video/mp4");
            String expired = publisher.publish(video, Duration.ofMillis(-1));
            assertThat(http.send(
                                    HttpRequest.newBuilder(URI.create(expired)).build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode())
                    .isEqualTo(404);
            String guessed = url.replaceAll("/videos/[0-9a-f]+/", "/videos/00000000000000000000000000000000/");
            assertThat(http.send(
                                    HttpRequest.newBuilder(URI.create(guessed)).build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode())
                    .isEqualTo(404);
        }
    }

    /** The presigned-URL example of the AWS S3 documentation (Signature Version 4, query string authentication). */
    @Test
    void s3PresigningMatchesTheAwsReferenceExample() {
        S3VideoPublisher publisher = S3VideoPublisher.builder()
                .endpoint(URI.create("https://s3.amazonaws.com"))
                .region("us-east-1")
                .bucket("examplebucket")
                .accessKey("AKIAIOSFODNN7EXAMPLE")
                .secretKey("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
                .pathStyle(false)
                .build();
        URI url =
                publisher.presign("GET", "test.txt", Duration.ofSeconds(86400), Instant.parse("2013-05-24T00:00:00Z"));
        assertThat(url.toString())
                .isEqualTo("https://examplebucket.s3.amazonaws.com/test.txt"
                        + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                        + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                        + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
        assertThat(publisher.toString()).doesNotContain("wJalrXUtnFEMI").contains("AKIA…");
    }

    @Test
    void s3UploadsWithAPresignedPutAndReturnsAPresignedGet() throws Exception {
        Path video = Files.write(dir.resolve("edit me.mp4"), new byte[] {9, 8, 7});
        List<String> seen = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        HttpServer s3 = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        s3.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            bodies.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        s3.start();
        try {
            S3VideoPublisher publisher = S3VideoPublisher.builder()
                    .endpoint(URI.create("http://127.0.0.1:" + s3.getAddress().getPort()))
                    .region("cn-beijing")
                    .bucket("drafts")
                    .accessKey("AK")
                    .secretKey("SECRET")
                    .clock(Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC))
                    .build();
            String url = publisher.publish(video, Duration.ofHours(24));
            assertThat(seen).singleElement().satisfies(s -> {
                assertThat(s).startsWith("PUT /drafts/seedance4j/");
                assertThat(s)
                        .contains("/edit%20me.mp4?X-Amz-Algorithm=AWS4-HMAC-SHA256")
                        .contains("X-Amz-Expires=900");
            });
            assertThat(bodies.get(0)).containsExactly(9, 8, 7);
            assertThat(url)
                    .contains("/drafts/seedance4j/")
                    .contains("X-Amz-Expires=86400")
                    .contains("X-Amz-Credential=AK%2F20261125%2Fcn-beijing%2Fs3%2Faws4_request")
                    .doesNotContain("SECRET");
        } finally {
            s3.stop(0);
        }
    }
}
