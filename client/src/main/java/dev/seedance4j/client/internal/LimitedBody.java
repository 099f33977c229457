package dev.seedance4j.client.internal;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A body handler that stops reading when a response is larger than a limit: a Content-Length above it fails at
 * once, a body that grows past it fails as soon as it does, so that a hostile or broken server can neither fill
 * the memory nor the disk.
 */
public final class LimitedBody {
    private LimitedBody() {}

    /** A response body larger than the limit of its call. */
    public static final class TooLargeException extends IOException {
        private final long limit;

        TooLargeException(String message, long limit) {
            super(message);
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    /** The {@link TooLargeException} in {@code e}'s causes (the HTTP client wraps it), or {@code null}. */
    public static TooLargeException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }

    /** {@code inner}, failing with {@link TooLargeException} past {@code limit} bytes ({@code what} names it). */
    public static <T> HttpResponse.BodyHandler<T> of(HttpResponse.BodyHandler<T> inner, long limit, String what) {
        return info -> {
            OptionalLong declared = info.headers().firstValueAsLong("content-length");
            TooLargeException tooLarge = declared.isPresent() && declared.getAsLong() > limit
                    ? new TooLargeException(
                            what + " announces " + declared.getAsLong() + " bytes, more than the limit of " + limit
                                    + " bytes",
                            limit)
                    : null;
            return new Subscriber<>(inner.apply(info), limit, what, tooLarge);
        };
    }

    private static final class Subscriber<T> implements HttpResponse.BodySubscriber<T> {
        private final HttpResponse.BodySubscriber<T> inner;
        private final long limit;
        private final String what;
        private final TooLargeException early;
        private Flow.Subscription subscription;
        private long received;
        private boolean failed;

        Subscriber(HttpResponse.BodySubscriber<T> inner, long limit, String what, TooLargeException early) {
            this.inner = inner;
            this.limit = limit;
            this.what = what;
            this.early = early;
        }

        @Override
        public CompletionStage<T> getBody() {
            return inner.getBody();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            inner.onSubscribe(subscription);
            if (early != null) {
                fail(early);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (failed) {
                return;
            }
            for (ByteBuffer b : buffers) {
                received += b.remaining();
            }
            if (received > limit) {
                fail(new TooLargeException(
                        what + " is larger than the limit of " + limit + " bytes (" + received + " bytes so far)",
                        limit));
                return;
            }
            inner.onNext(buffers);
        }

        @Override
        public void onError(Throwable throwable) {
            if (!failed) {
                inner.onError(throwable);
            }
        }

        @Override
        public void onComplete() {
            if (!failed) {
                inner.onComplete();
            }
        }

        private void fail(TooLargeException e) {
            failed = true;
            subscription.cancel();
            inner.onError(e);
        }
    }
}
