package dev.seedance4j.studio;

import dev.seedance4j.studio.internal.Hashing;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Uploads local videos to S3-compatible object storage (AWS S3, Volcengine TOS's S3 endpoint, MinIO...) and hands
 * out presigned GET URLs the service can fetch. Both the upload and the link are signed with AWS Signature
 * Version 4 in the query string (no SDK needed); the secret key never appears in a URL, log or {@code toString}.
 *
 * <pre>{@code
 * S3VideoPublisher publisher = S3VideoPublisher.builder()
 *     .endpoint(URI.create("https://s3.us-east-1.amazonaws.com")).region("us-east-1")
 *     .bucket("my-drafts").accessKey(System.getenv("S3_ACCESS_KEY")).secretKey(System.getenv("S3_SECRET_KEY"))
 *     .build();
 * }</pre>
 *
 * <p>Objects are named {@code <prefix><sha256 of the file>/<file name>}, so the same file is stored once.
 */
public final class S3VideoPublisher implements VideoPublisher {
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final long MAX_EXPIRY_SECONDS = 7 * 24 * 3600;

    private final URI endpoint;
    private final String region;
    private final String bucket;
    private final String accessKey;
    private final String secretKey;
    private final String prefix;
    private final boolean pathStyle;
    private final Clock clock;
    private final HttpClient http;

    private S3VideoPublisher(Builder b) {
        this.endpoint = Objects.requireNonNull(b.endpoint, "endpoint");
        this.region = Objects.requireNonNull(b.region, "region");
        this.bucket = Objects.requireNonNull(b.bucket, "bucket");
        this.accessKey = Objects.requireNonNull(b.accessKey, "accessKey");
        this.secretKey = Objects.requireNonNull(b.secretKey, "secretKey");
        this.prefix = b.prefix;
        this.pathStyle = b.pathStyle;
        this.clock = b.clock;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String publish(Path file, Duration validFor) {
        String key = prefix + Hashing.sha256(file) + "/" + file.getFileName();
        URI put = presign("PUT", key, Duration.ofMinutes(15), clock.instant());
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(put)
                            .timeout(Duration.ofMinutes(10))
                            .PUT(HttpRequest.BodyPublishers.ofFile(file))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new StudioException("uploading " + file.getFileName() + " to bucket " + bucket + " failed: HTTP "
                        + response.statusCode() + " " + abbreviate(response.body()));
            }
        } catch (FileNotFoundException e) {
            throw new StudioException("cannot publish " + file + ": not found", e);
        } catch (IOException e) {
            throw new StudioException(
                    "uploading " + file.getFileName() + " to " + endpoint.getHost() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StudioException("interrupted while uploading " + file.getFileName(), e);
        }
        return presign("GET", key, validFor, clock.instant()).toString();
    }

    /** A SigV4 query-signed URL for {@code method} on {@code key}, valid for {@code validFor} from {@code at}. */
    public URI presign(String method, String key, Duration validFor, Instant at) {
        long expires = Math.max(1, Math.min(MAX_EXPIRY_SECONDS, validFor.toSeconds()));
        String amzDate = AMZ_DATE.format(at);
        String date = amzDate.substring(0, 8);
        String scope = date + "/" + region + "/s3/aws4_request";
        String host = pathStyle ? endpoint.getHost() : bucket + "." + endpoint.getHost();
        if (endpoint.getPort() != -1) {
            host += ":" + endpoint.getPort();
        }
        String path = (pathStyle ? "/" + encode(bucket, false) : "") + "/" + encode(key, true);
        TreeMap<String, String> query = new TreeMap<>();
        query.put("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
        query.put("X-Amz-Credential", accessKey + "/" + scope);
        query.put("X-Amz-Date", amzDate);
        query.put("X-Amz-Expires", Long.toString(expires));
        query.put("X-Amz-SignedHeaders", "host");
        StringBuilder canonicalQuery = new StringBuilder();
        query.forEach((k, v) -> canonicalQuery
                .append(canonicalQuery.length() == 0 ? "" : "&")
                .append(encode(k, false))
                .append('=')
                .append(encode(v, false)));
        String canonicalRequest =
                method + "\n" + path + "\n" + canonicalQuery + "\nhost:" + host + "\n\nhost\n" + "UNSIGNED-PAYLOAD";
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonicalRequest));
        byte[] signingKey = hmac(
                hmac(hmac(hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date), region), "s3"),
                "aws4_request");
        String signature = hex(hmac(signingKey, stringToSign));
        return URI.create(
                endpoint.getScheme() + "://" + host + path + "?" + canonicalQuery + "&X-Amz-Signature=" + signature);
    }

    /** RFC 3986 encoding as SigV4 wants it: unreserved characters stay, '/' stays in object keys. */
    private static String encode(String value, boolean keepSlash) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~'
                    || (keepSlash && c == '/')) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(String data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static String abbreviate(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }

    @Override
    public String toString() {
        return "S3VideoPublisher[" + endpoint + ", bucket " + bucket + ", region " + region + ", access key "
                + accessKey.substring(0, Math.min(4, accessKey.length())) + "…]";
    }

    /** Configures an {@link S3VideoPublisher}; endpoint, region, bucket and both keys are required. */
    public static final class Builder {
        private URI endpoint;
        private String region;
        private String bucket;
        private String accessKey;
        private String secretKey;
        private String prefix = "seedance4j/";
        private boolean pathStyle = true;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The service's endpoint without the bucket, e.g. {@code https://s3.us-east-1.amazonaws.com}. */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder bucket(String bucket) {
            this.bucket = bucket;
            return this;
        }

        public Builder accessKey(String accessKey) {
            this.accessKey = accessKey;
            return this;
        }

        public Builder secretKey(String secretKey) {
            this.secretKey = secretKey;
            return this;
        }

        /** Prepended to every object key (default {@code seedance4j/}). */
        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /** Path-style URLs ({@code endpoint/bucket/key}, the default, works everywhere) or virtual-hosted style. */
        public Builder pathStyle(boolean pathStyle) {
            this.pathStyle = pathStyle;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public S3VideoPublisher build() {
            return new S3VideoPublisher(this);
        }
    }
}
