package dev.seedance4j.board.internal;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Who may do what. Off loopback every request needs the token (a query parameter once, then an HttpOnly,
 * SameSite=Strict cookie, or an {@code Authorization: Bearer} header). On loopback the Host header must name
 * loopback (no DNS-rebinding). Every POST also needs the page's CSRF token in a header and, when the browser sends
 * one, an Origin of this board, and comes from loopback unless the token was given.
 */
final class Guard {
    static final String COOKIE = "seedance_board";
    static final String CSRF_HEADER = "X-Board-Csrf";

    private final Optional<String> token;
    private final String csrf;

    Guard(Optional<String> token) {
        this.token = token;
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        this.csrf = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    String csrf() {
        return csrf;
    }

    /** Checks a request before it is handled; refuses it (and ends it) when it may not go on. */
    void check(Context ctx) {
        String method = ctx.req().getMethod();
        if (!Set.of("GET", "HEAD", "POST").contains(method)) {
            refuse(HttpStatus.METHOD_NOT_ALLOWED, "method not allowed");
        }
        if (token.isPresent()) {
            String given = ctx.queryParam("token");
            if (given != null && same(given, token.get()) && method.equals("GET")) {
                ctx.cookie(new Cookie(COOKIE, token.get(), "/", -1, false, true, null, SameSite.STRICT));
                ctx.redirect(ctx.path());
                ctx.skipRemainingHandlers();
                return;
            }
            if (!hasToken(ctx)) {
                refuse(
                        HttpStatus.UNAUTHORIZED,
                        "this board needs its token: open the address `seedance serve` printed (it ends in ?token=...)");
            }
        } else if (!loopbackHost(ctx.host())) {
            refuse(HttpStatus.FORBIDDEN, "this board answers only to localhost / 127.0.0.1");
        }
        if (method.equals("POST")) {
            String header = ctx.header(CSRF_HEADER);
            if (header == null || !same(header, csrf)) {
                refuse(HttpStatus.FORBIDDEN, "missing or wrong " + CSRF_HEADER + " header (reload the page)");
            }
            String origin = ctx.header("Origin");
            if (origin != null && !origin.equals("null") && !sameOrigin(origin, ctx.host())) {
                refuse(HttpStatus.FORBIDDEN, "a request from another site (" + origin + ") is refused");
            }
            if (token.isEmpty() && !loopbackAddress(ctx.req().getRemoteAddr())) {
                refuse(HttpStatus.FORBIDDEN, "changes are taken only from this machine");
            }
        }
    }

    private boolean hasToken(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth != null && auth.startsWith("Bearer ") && same(auth.substring(7).trim(), token.get())) return true;
        String cookie = ctx.cookie(COOKIE);
        return cookie != null && same(cookie, token.get());
    }

    private static void refuse(HttpStatus status, String message) {
        throw new Refused(status, message);
    }

    /** A request the guard turned away. */
    static final class Refused extends RuntimeException {
        final HttpStatus status;

        Refused(HttpStatus status, String message) {
            super(message);
            this.status = status;
        }
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean sameOrigin(String origin, String host) {
        try {
            URI o = URI.create(origin);
            String authority = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return "http".equals(o.getScheme()) && authority != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean loopbackHost(String host) {
        if (host == null) return false;
        String name = host.startsWith("[")
                ? host.substring(1, Math.max(1, host.indexOf(']')))
                : host.replaceFirst(":\\d+$", "");
        return name.equalsIgnoreCase("localhost") || literalLoopback(name);
    }

    private static boolean literalLoopback(String name) {
        if (!name.matches("[0-9.]+|[0-9a-fA-F:]+")) return false; // never resolve a name here
        return loopbackAddress(name);
    }

    static boolean loopbackAddress(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
