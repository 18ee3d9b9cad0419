package dev.bmff.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.bmff.core.dump.Json;
import dev.bmff.core.io.BoxNode;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Headless Chromium as a player we did not write: a file plays through a {@code <video>} element
 * ({@link #playProgressive}) or through Media Source Extensions, its init segment and then each fragment appended
 * one by one as a live player appends them ({@link #playMse}), or an HLS presentation of CMAF segments while it is
 * being written, its playlists polled and each new segment appended as a live HLS player does ({@link
 * #playHlsLive}), on a small page served from a local HTTP server ({@code com.sun.net.httpserver}, with byte
 * ranges, as a web server serves media).
 *
 * <p>The browser is driven over the DevTools protocol (a WebSocket from {@code java.net.http}): no browser
 * download, no driver, only the JDK. One browser serves many files: start it once per test class.
 *
 * <pre>{@code
 * try (Chromium chrome = Chromium.start()) {
 *     Chromium.Playback p = chrome.playProgressive(Path.of("out.mp4"));
 *     assertEquals("ended", p.outcome());
 *     assertEquals(50, p.decodedFrames());
 * }
 * }</pre>
 *
 * <p>Needs {@code chromium} (Debian) on the PATH; like every external tool, a missing one skips the test locally
 * and fails it under {@code CI=true}. Debian's Chromium decodes H.264 and AAC, not HEVC ({@link
 * #isTypeSupported} answers false for {@code hvc1}) and not PCM in MP4.
 */
public final class Chromium implements AutoCloseable {
    /** The longest a single playback may take; the media are a few seconds long and play at {@link #RATE}. */
    private static final Duration PLAY_TIMEOUT = Duration.ofSeconds(60);
    /** The playback rate: frames are still decoded one by one (counted), the wall-clock cost is a quarter. */
    static final double RATE = 4.0;
    private static final Pattern PORT = Pattern.compile("^(\\d+)\\s*$", Pattern.MULTILINE);

    private final Process process;
    private final Path profile;
    private final com.sun.net.httpserver.HttpServer server;
    private final Map<String, Path> media = new ConcurrentHashMap<>();
    private final Map<String, Path> liveDirs = new ConcurrentHashMap<>();
    private final Map<Path, Set<String>> liveServed = new ConcurrentHashMap<>();
    private final AtomicInteger nextMedia = new AtomicInteger();
    private final DevTools devTools;

    /**
     * What the page saw of one playback.
     *
     * @param outcome "ended" when the media played to its end; else "error CODE MESSAGE", "timeout",
     *     "unsupported" (MSE: {@code MediaSource.isTypeSupported} false) or a failed append
     * @param duration the element's duration in seconds (NaN when it never knew one)
     * @param currentTime where playback stopped, in seconds
     * @param decodedFrames {@code getVideoPlaybackQuality().totalVideoFrames}: every frame decoded
     * @param droppedFrames frames decoded too late to be shown
     * @param presentedFrames {@code requestVideoFrameCallback}'s {@code presentedFrames} at the last callback
     * @param callbacks how many frame callbacks ran (at most one per compositor frame)
     * @param width the video width the decoder reported
     * @param height the video height
     * @param audioBytes {@code webkitAudioDecodedByteCount}: bytes of audio decoded (0: no audio played)
     * @param buffered MSE: the buffered time ranges after the last append, as [start, end] pairs; empty for a
     *     progressive playback
     * @param appended MSE: how many segments were appended before the outcome (the init segment counts)
     */
    public record Playback(String outcome, double duration, double currentTime, long decodedFrames,
            long droppedFrames, long presentedFrames, long callbacks, int width, int height, long audioBytes,
            List<double[]> buffered, int appended) {
        /** One line for a failure message. */
        public String describe() {
            StringBuilder b = new StringBuilder();
            for (double[] r : buffered) {
                b.append(String.format(java.util.Locale.ROOT, " [%.3f, %.3f]", r[0], r[1]));
            }
            return String.format(java.util.Locale.ROOT,
                    "%s: duration %.3f s, stopped at %.3f s, %d frames decoded (%d dropped), %d presented,"
                            + " %dx%d, %d audio bytes decoded, %d appended, buffered%s",
                    outcome, duration, currentTime, decodedFrames, droppedFrames, presentedFrames, width, height,
                    audioBytes, appended, b.length() == 0 ? " -" : b);
        }
    }

    private Chromium(Process process, Path profile, com.sun.net.httpserver.HttpServer server, DevTools devTools) {
        this.process = process;
        this.profile = profile;
        this.server = server;
        this.devTools = devTools;
    }

    /**
     * Starts the local server and a headless Chromium on its page. Skips the test (fails it under CI) when no
     * Chromium is on the PATH.
     */
    public static Chromium start() throws IOException {
        Path exe = Stream.of("chromium", "chromium-browser", "google-chrome").map(ExternalTools::find)
                .flatMap(Optional::stream).findFirst()
                .orElseGet(() -> ExternalTools.missing("no 'chromium' on the PATH (" + System.getenv("PATH")
                        + "); install it (Debian: apt-get install chromium)"));
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Path profile = Files.createTempDirectory("bmff-chromium-");
        Process process = null;
        try {
            server.start();
            // A fresh profile, and every background service off: on a closed network they stall start-up.
            List<String> argv = List.of(exe.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-extensions",
                    "--disable-default-apps", "--mute-audio", "--autoplay-policy=no-user-gesture-required",
                    "--user-data-dir=" + profile, "--remote-debugging-port=0", "--remote-allow-origins=*",
                    "about:blank");
            process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(profile.resolveSibling(profile.getFileName() + ".log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            int port = devToolsPort(profile, process);
            DevTools devTools = DevTools.connect(port);
            Chromium chrome = new Chromium(process, profile, server, devTools);
            chrome.serve(server);
            chrome.open();
            return chrome;
        } catch (IOException | RuntimeException | Error e) {
            server.stop(0);
            if (process != null) {
                process.destroyForcibly();
            }
            throw e;
        }
    }

    /**
     * Plays {@code file} through {@code <video src>} to its end (or an error, or the timeout).
     */
    public Playback playProgressive(Path file) {
        String url = register(file);
        return call("playProgressive(" + Json.encode(url) + ", " + PLAY_TIMEOUT.toMillis() + ", " + RATE + ")");
    }

    /**
     * Plays {@code file} through Media Source Extensions: a SourceBuffer of type {@code mime} gets the byte
     * range {@code segments.get(0)} (the init segment), then each following range (a fragment: {@code moof} and
     * {@code mdat}, with any {@code styp}/{@code sidx} before it), one append at a time; playback starts after the
     * first fragment, as a live player starts, and the stream ends after the last.
     *
     * @param segments byte ranges {@code [start, end)} of {@code file}
     */
    public Playback playMse(Path file, String mime, List<long[]> segments) {
        String url = register(file);
        List<List<Long>> ranges = segments.stream().map(r -> List.of(r[0], r[1])).toList();
        return call("playMse(" + Json.encode(url) + ", " + Json.encode(mime) + ", " + Json.encode(ranges) + ", "
                + PLAY_TIMEOUT.toMillis() + ", " + RATE + ")");
    }

    /**
     * What a live HLS player saw of a presentation it played while the presentation was being written.
     *
     * @param playback the element's playback; {@link Playback#buffered()} is the element's (what every
     *     SourceBuffer holds), {@link Playback#appended()} counts every append, init segments included
     * @param mimes the type each SourceBuffer was made with, from the multivariant playlist's {@code CODECS}
     * @param buffered each SourceBuffer's buffered ranges after its last append, in the order of {@code mimes}
     * @param segments media segments appended per SourceBuffer
     * @param appendedLive media segments appended before the player saw {@code EXT-X-ENDLIST}: more than 0 when
     *     it played the presentation while it was written
     * @param polls how many times the player read a media playlist
     * @param startedLive the element was playing (its current time had moved) before {@code EXT-X-ENDLIST}
     */
    public record LivePlayback(Playback playback, List<String> mimes, List<List<double[]>> buffered,
            List<Integer> segments, int appendedLive, int polls, boolean startedLive) {
        /** One line for a failure message. */
        public String describe() {
            return playback.describe() + "; " + mimes + ", segments " + segments + ", " + appendedLive
                    + " appended before EXT-X-ENDLIST, " + polls + " playlist reads, playing before the end: "
                    + startedLive;
        }
    }

    /**
     * Plays the HLS presentation that is being written into {@code dir} as a live HLS player does, with Media
     * Source Extensions: the page polls {@code master} (the multivariant playlist) until it appears, makes one
     * SourceBuffer per rendition (the variant; with an {@code EXT-X-MEDIA} audio rendition, a second one) of the
     * type its {@code CODECS} name, then polls each media playlist, appends the {@code EXT-X-MAP} init segment and
     * every newly listed segment in order, starts playback once each SourceBuffer holds a segment, and ends the
     * stream once every playlist has {@code EXT-X-ENDLIST} and every segment is appended. The directory is served
     * as it changes ({@code Cache-Control: no-store}); the writer replaces each file whole.
     *
     * @param master the multivariant playlist's name in {@code dir} ({@code master.m3u8})
     * @param startTimeout how long to wait for the multivariant playlist to appear (a child JVM starts first)
     */
    public LivePlayback playHlsLive(Path dir, String master, Duration startTimeout) {
        Duration timeout = PLAY_TIMEOUT.plus(startTimeout);
        Object v = devTools.evaluate("playHlsLive(" + Json.encode(liveBase(dir)) + ", " + Json.encode(master)
                + ", " + startTimeout.toMillis() + ", " + timeout.toMillis() + ", " + RATE + ")",
                timeout.plusSeconds(15));
        if (!(v instanceof Map<?, ?> m)) {
            return fail("the player page returned " + v + " for the live presentation in " + dir);
        }
        List<List<double[]>> perBuffer = new ArrayList<>();
        for (Object b : (List<?>) m.get("perBuffer")) {
            perBuffer.add(pairs((List<?>) b));
        }
        List<Integer> segments = ((List<?>) m.get("segments")).stream().map(o -> (int) num(o)).toList();
        List<String> mimes = ((List<?>) m.get("mimes")).stream().map(String::valueOf).toList();
        return new LivePlayback(playback((Map<?, ?>) m.get("playback")), mimes, List.copyOf(perBuffer), segments,
                (int) num(m.get("appendedLive")), (int) num(m.get("polls")), Boolean.TRUE.equals(m.get(
                "startedLive")));
    }

    /**
     * Serves {@code dir} from this browser's local server as {@link #playHlsLive} does, for another player (GStreamer's
     * {@code hlsdemux2} reads HLS only over HTTP); the answer is the URL of {@code name} in it.
     */
    public URI serve(Path dir, String name) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + liveBase(dir) + name);
    }

    private String liveBase(Path dir) {
        String id = Integer.toString(nextMedia.incrementAndGet());
        liveDirs.put(id, dir.toAbsolutePath());
        liveServed.putIfAbsent(dir.toAbsolutePath(), ConcurrentHashMap.newKeySet());
        return "/live/" + id + "/";
    }

    /**
     * Whether the page of a {@link #playHlsLive} on {@code dir} has fetched {@code name} yet: a test feeding the
     * recording waits for it so that the player demonstrably plays the start before the recording ends. Call it
     * from another thread than the one in {@code playHlsLive}.
     */
    public boolean served(Path dir, String name) {
        Set<String> names = liveServed.get(dir.toAbsolutePath());
        return names != null && names.contains(name);
    }

    /**
     * The byte ranges of a fragmented (or hybrid, while recording) file as a live player appends them: the init
     * segment (from the start to the end of the {@code moov}), then one range per fragment, from the end of the
     * one before (so a {@code styp}, {@code sidx} or {@code free} goes with the fragment after it) to the end of
     * its {@code mdat}. Whatever follows the last mdat ({@code mfra}) is not media and is left out.
     */
    public static List<long[]> mseSegments(Path file) throws IOException {
        List<long[]> out = new ArrayList<>();
        long start = 0;
        boolean init = true;
        for (BoxNode n : BoxReader.read(file, ReadOptions.lenient()).nodes()) {
            String type = n.header().type().toString();
            if ((init && type.equals("moov")) || (!init && type.equals("mdat"))) {
                out.add(new long[] {start, n.header().end()});
                start = n.header().end();
                init = false;
            }
        }
        if (out.size() < 2) {
            fail(file + " has no init segment and fragment to append: " + out.size() + " ranges");
        }
        return out;
    }

    /** {@code MediaSource.isTypeSupported(mime)} in this browser. */
    public boolean isTypeSupported(String mime) {
        Object v = devTools.evaluate("MediaSource.isTypeSupported(" + Json.encode(mime) + ")", Duration.ofSeconds(10));
        return Boolean.TRUE.equals(v);
    }

    /** {@code video.canPlayType(mime)}: "probably", "maybe" or "". */
    public String canPlayType(String mime) {
        Object v = devTools.evaluate("document.createElement('video').canPlayType(" + Json.encode(mime) + ")",
                Duration.ofSeconds(10));
        return String.valueOf(v);
    }

    private Playback call(String expression) {
        Object v = devTools.evaluate(expression, PLAY_TIMEOUT.plusSeconds(15));
        if (!(v instanceof Map<?, ?> m)) {
            return fail("the player page returned " + v + " for " + expression);
        }
        return playback(m);
    }

    private static Playback playback(Map<?, ?> m) {
        return new Playback(String.valueOf(m.get("outcome")), num(m.get("duration")), num(m.get("currentTime")),
                (long) num(m.get("decoded")), (long) num(m.get("dropped")), (long) num(m.get("presented")),
                (long) num(m.get("callbacks")), (int) num(m.get("width")), (int) num(m.get("height")),
                (long) num(m.get("audioBytes")), pairs((List<?>) m.get("buffered")), (int) num(m.get("appended")));
    }

    private static List<double[]> pairs(List<?> ranges) {
        List<double[]> out = new ArrayList<>();
        for (Object r : ranges) {
            List<?> pair = (List<?>) r;
            out.add(new double[] {num(pair.get(0)), num(pair.get(1))});
        }
        return List.copyOf(out);
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private String register(Path file) {
        String id = nextMedia.incrementAndGet() + "-" + file.getFileName().toString().replaceAll("[^A-Za-z0-9._-]",
                "_");
        media.put(id, file.toAbsolutePath());
        return "/media/" + id;
    }

    private void serve(com.sun.net.httpserver.HttpServer http) {
        http.createContext("/player.html", ex -> {
            byte[] page = PAGE.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, page.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(page);
            }
        });
        http.createContext("/live/", ex -> {
            try (ex) {
                // /live/ID/NAME: a file of a presentation being written; no caching, a player polls it.
                String[] parts = ex.getRequestURI().getPath().substring("/live/".length()).split("/", 2);
                Path dir = parts.length == 2 ? liveDirs.get(parts[0]) : null;
                Path file = dir == null || !parts[1].matches("[A-Za-z0-9_-][A-Za-z0-9._-]*") ? null : dir.resolve(parts[1]);
                byte[] body;
                try {
                    body = file == null ? null : Files.readAllBytes(file);
                } catch (NoSuchFileException notYet) {
                    body = null;
                }
                ex.getResponseHeaders().set("Cache-Control", "no-store");
                if (body == null) {
                    ex.sendResponseHeaders(404, -1);
                    return;
                }
                liveServed.computeIfAbsent(dir, d -> ConcurrentHashMap.newKeySet()).add(parts[1]);
                ex.getResponseHeaders().set("Content-Type", parts[1].endsWith(".m3u8")
                        ? "application/vnd.apple.mpegurl" : "video/mp4");
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                } catch (IOException clientGone) {
                    // The page gave up (its timeout): nothing to send to.
                }
            }
        });
        http.createContext("/media/", ex -> {
            try (ex) {
                Path file = media.get(ex.getRequestURI().getPath().substring("/media/".length()));
                if (file == null) {
                    ex.sendResponseHeaders(404, -1);
                    return;
                }
                long size = Files.size(file);
                long start = 0;
                long end = size;
                String range = ex.getRequestHeaders().getFirst("Range");
                Matcher m = range == null ? null : Pattern.compile("bytes=(\\d+)-(\\d*)").matcher(range);
                ex.getResponseHeaders().set("Content-Type", "video/mp4");
                ex.getResponseHeaders().set("Accept-Ranges", "bytes");
                if (m != null && m.matches()) {
                    start = Long.parseLong(m.group(1));
                    end = m.group(2).isEmpty() ? size : Math.min(size, Long.parseLong(m.group(2)) + 1);
                    if (start >= size) {
                        ex.getResponseHeaders().set("Content-Range", "bytes */" + size);
                        ex.sendResponseHeaders(416, -1);
                        return;
                    }
                    ex.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + (end - 1) + "/" + size);
                    ex.sendResponseHeaders(206, end - start);
                } else {
                    ex.sendResponseHeaders(200, size);
                }
                try (InputStream in = Files.newInputStream(file); OutputStream out = ex.getResponseBody()) {
                    in.skipNBytes(start);
                    byte[] buf = new byte[64 * 1024];
                    long left = end - start;
                    while (left > 0) {
                        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                        if (n < 0) {
                            break;
                        }
                        out.write(buf, 0, n);
                        left -= n;
                    }
                } catch (IOException clientGone) {
                    // The media element cancels requests it no longer needs (it read the moov, it seeks).
                }
            }
        });
    }

    private void open() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/player.html";
        devTools.send("Page.navigate", Map.of("url", url), Duration.ofSeconds(30));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"function".equals(devTools.evaluate("typeof playMse", Duration.ofSeconds(10)))) {
            if (System.nanoTime() > deadline) {
                fail("Chromium did not load " + url + " within 30 s");
            }
            sleep(50);
        }
    }

    /** The port Chromium writes into {@code DevToolsActivePort} in its profile once it listens. */
    private static int devToolsPort(Path profile, Process process) throws IOException {
        Path file = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(file)) {
                Matcher m = PORT.matcher(Files.readString(file, StandardCharsets.UTF_8));
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            if (!process.isAlive()) {
                return fail("Chromium exited with status " + process.exitValue() + " before it listened; its log: "
                        + log(profile));
            }
            sleep(50);
        }
        return fail("Chromium did not open its DevTools port within 60 s; its log: " + log(profile));
    }

    private static String log(Path profile) {
        try {
            return Files.readString(profile.resolveSibling(profile.getFileName() + ".log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Stops the browser and the server and deletes the browser's profile. */
    @Override
    public void close() {
        devTools.close();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop(0);
        try (Stream<Path> all = Files.walk(profile)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            Files.deleteIfExists(profile.resolveSibling(profile.getFileName() + ".log"));
        } catch (IOException | UncheckedIOException ignored) {
            // A leftover temporary profile is harmless.
        }
    }

    /** A DevTools protocol session with the browser's first page: numbered requests, their answers by number. */
    private static final class DevTools implements WebSocket.Listener {
        private final Map<Integer, CompletableFuture<Map<?, ?>>> pending = new ConcurrentHashMap<>();
        private final AtomicInteger ids = new AtomicInteger();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static DevTools connect(int port) throws IOException {
            HttpClient http = HttpClient.newHttpClient();
            String list;
            try {
                list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            String ws = null;
            for (Object t : (List<?>) JsonParser.parse(list)) {
                Map<?, ?> target = (Map<?, ?>) t;
                if ("page".equals(target.get("type"))) {
                    ws = (String) target.get("webSocketDebuggerUrl");
                    break;
                }
            }
            if (ws == null) {
                throw new IOException("Chromium has no page to drive: " + list);
            }
            DevTools d = new DevTools();
            d.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create(ws), d).join();
            return d;
        }

        /** Evaluates {@code expression} in the page, waits for its promise, returns its value as JSON values. */
        Object evaluate(String expression, Duration timeout) {
            Map<?, ?> result = send("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true,
                    "returnByValue", true), timeout);
            if (result.get("exceptionDetails") != null) {
                return fail("the page threw on " + expression + ": " + Json.encode(result.get("exceptionDetails")));
            }
            return ((Map<?, ?>) result.get("result")).get("value");
        }

        Map<?, ?> send(String method, Map<String, Object> params, Duration timeout) {
            int id = ids.incrementAndGet();
            CompletableFuture<Map<?, ?>> answer = new CompletableFuture<>();
            pending.put(id, answer);
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("id", id);
            message.put("method", method);
            message.put("params", params);
            synchronized (this) {
                socket.sendText(Json.encode(message), true).join();
            }
            try {
                Map<?, ?> reply = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (reply.get("error") != null) {
                    return fail("Chromium answered " + method + " with " + Json.encode(reply.get("error")));
                }
                return (Map<?, ?>) reply.get("result");
            } catch (TimeoutException e) {
                return fail("Chromium did not answer " + method + " within " + timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted while waiting for Chromium");
            } catch (java.util.concurrent.ExecutionException e) {
                return fail("the DevTools connection failed: " + e.getCause());
            } finally {
                pending.remove(id);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                Map<?, ?> message = (Map<?, ?>) JsonParser.parse(partial.toString());
                partial.setLength(0);
                if (message.get("id") instanceof Number n) {
                    CompletableFuture<Map<?, ?>> f = pending.get(n.intValue());
                    if (f != null) {
                        f.complete(message);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            pending.values().forEach(f -> f.completeExceptionally(error));
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            pending.values().forEach(f -> f.completeExceptionally(new IOException("closed: " + reason)));
            return null;
        }

        void close() {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // The browser is stopped next anyway.
            }
        }
    }

    /**
     * The player page. Both functions resolve (never reject) with what they saw; a new element per playback.
     * MSE appends wait for each {@code updateend}, as a live player waits before its next append.
     */
    private static final String PAGE = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>bmff player check</title></head><body><script>
            function watch(v, timeoutMs, rate) {
              const seen = {presented: 0, callbacks: 0};
              const onFrame = (now, meta) => {
                seen.callbacks++;
                seen.presented = meta.presentedFrames;
                v.requestVideoFrameCallback(onFrame);
              };
              v.requestVideoFrameCallback(onFrame);
              const done = new Promise(resolve => {
                v.addEventListener('ended', () => resolve('ended'));
                v.addEventListener('error', () => resolve('error ' + v.error.code + ' ' + v.error.message));
                setTimeout(() => resolve('timeout'), timeoutMs);
              });
              v.addEventListener('loadedmetadata', () => { v.playbackRate = rate; });
              return {seen, done};
            }
            function report(v, outcome, seen, buffered, appended) {
              const q = v.getVideoPlaybackQuality();
              return {outcome, duration: v.duration, currentTime: v.currentTime, decoded: q.totalVideoFrames,
                dropped: q.droppedVideoFrames, presented: seen.presented, callbacks: seen.callbacks,
                width: v.videoWidth, height: v.videoHeight, audioBytes: v.webkitAudioDecodedByteCount || 0,
                buffered, appended};
            }
            function element() {
              const v = document.createElement('video');
              v.muted = true;
              v.preload = 'auto';
              document.body.appendChild(v);
              return v;
            }
            async function playProgressive(url, timeoutMs, rate) {
              const v = element();
              const w = watch(v, timeoutMs, rate);
              v.src = url;
              v.play().catch(() => {});
              const outcome = await w.done;
              const r = report(v, outcome, w.seen, [], 0);
              v.removeAttribute('src');
              v.load();
              v.remove();
              return r;
            }
            function ranges(tr) {
              const out = [];
              for (let i = 0; i < tr.length; i++) out.push([tr.start(i), tr.end(i)]);
              return out;
            }
            async function playMse(url, mime, segments, timeoutMs, rate) {
              const v = element();
              if (!MediaSource.isTypeSupported(mime)) {
                v.remove();
                return report(v, 'unsupported', {presented: 0, callbacks: 0}, [], 0);
              }
              const bytes = await (await fetch(url)).arrayBuffer();
              const ms = new MediaSource();
              const w = watch(v, timeoutMs, rate);
              v.src = URL.createObjectURL(ms);
              await new Promise(r => ms.addEventListener('sourceopen', r, {once: true}));
              const sb = ms.addSourceBuffer(mime);
              let appended = 0;
              let failed = null;
              for (const [start, end] of segments) {
                const ok = await new Promise(resolve => {
                  sb.addEventListener('updateend', () => resolve(true), {once: true});
                  sb.addEventListener('error', () => resolve(false), {once: true});
                  try { sb.appendBuffer(bytes.slice(start, end)); } catch (e) { failed = String(e); resolve(false); }
                });
                if (!ok) {
                  // The element's error, which says why, is set just after the SourceBuffer's error event.
                  if (!v.error) {
                    await new Promise(r => { v.addEventListener('error', r, {once: true}); setTimeout(r, 2000); });
                  }
                  failed = failed || ('append ' + appended + ' failed' + (v.error ? ': ' + v.error.message : ''));
                  break;
                }
                appended++;
                if (appended === 2) v.play().catch(() => {});
              }
              const buffered = ranges(sb.buffered);
              let outcome;
              if (failed) {
                outcome = failed;
              } else {
                ms.endOfStream();
                outcome = await w.done;
              }
              const r = report(v, outcome, w.seen, buffered, appended);
              v.remove();
              return r;
            }
            function hlsAttributes(line) {
              const out = {};
              const re = /([A-Z0-9-]+)=("[^"]*"|[^,]*)/g;
              let m;
              while ((m = re.exec(line)) !== null) out[m[1]] = m[2].replace(/^"|"$/g, '');
              return out;
            }
            const sleepMs = ms => new Promise(r => setTimeout(r, ms));
            async function fetchText(url) {
              const r = await fetch(url, {cache: 'no-store'});
              return r.ok ? r.text() : null;
            }
            async function playHlsLive(base, masterName, startMs, timeoutMs, rate) {
              const deadline = Date.now() + timeoutMs;
              const startBy = Date.now() + startMs;
              let master = null;
              while ((master = await fetchText(base + masterName)) === null) {
                if (Date.now() > startBy) {
                  const v = element();
                  v.remove();
                  return {playback: report(v, 'no ' + masterName + ' within ' + startMs + ' ms',
                    {presented: 0, callbacks: 0}, [], 0), mimes: [], perBuffer: [], segments: [], appendedLive: 0,
                    polls: 0, startedLive: false};
                }
                await sleepMs(50);
              }
              // The variant (first URI after EXT-X-STREAM-INF), its CODECS, and a default audio rendition.
              const lines = master.split('\\n').map(l => l.trim());
              let codecs = [], variant = null, audio = null;
              for (let i = 0; i < lines.length; i++) {
                if (lines[i].startsWith('#EXT-X-STREAM-INF:')) {
                  codecs = (hlsAttributes(lines[i]).CODECS || '').split(',').filter(c => c);
                  variant = lines[i + 1];
                } else if (lines[i].startsWith('#EXT-X-MEDIA:')) {
                  const a = hlsAttributes(lines[i]);
                  if (a.TYPE === 'AUDIO' && a.URI && (audio === null || a.DEFAULT === 'YES')) audio = a.URI;
                }
              }
              const isAudio = c => /^(mp4a|opus|ac-3|ec-3|flac|alac)/.test(c);
              const renditions = audio === null
                ? [{playlist: variant, mime: 'video/mp4; codecs="' + codecs.join(',') + '"'}]
                : [{playlist: variant, mime: 'video/mp4; codecs="' + codecs.filter(c => !isAudio(c)).join(',') + '"'},
                   {playlist: audio, mime: 'audio/mp4; codecs="' + codecs.filter(isAudio).join(',') + '"'}];
              const mimes = renditions.map(r => r.mime);
              const v = element();
              const none = {presented: 0, callbacks: 0};
              for (const r of renditions) {
                if (!MediaSource.isTypeSupported(r.mime)) {
                  v.remove();
                  return {playback: report(v, 'unsupported ' + r.mime, none, [], 0), mimes, perBuffer: [],
                    segments: [], appendedLive: 0, polls: 0, startedLive: false};
                }
              }
              const ms = new MediaSource();
              const w = watch(v, timeoutMs, rate);
              v.src = URL.createObjectURL(ms);
              await new Promise(r => ms.addEventListener('sourceopen', r, {once: true}));
              const state = {appended: 0, appendedLive: 0, polls: 0, startedLive: false, failed: null, ready: 0};
              const buffers = renditions.map(r => ms.addSourceBuffer(r.mime));
              const counts = renditions.map(() => 0);
              let anyEnded = false;
              v.addEventListener('timeupdate', () => { if (!anyEnded && v.currentTime > 0) state.startedLive = true; });
              const append = (sb, bytes) => new Promise(resolve => {
                sb.addEventListener('updateend', () => resolve(true), {once: true});
                sb.addEventListener('error', () => resolve(false), {once: true});
                try { sb.appendBuffer(bytes); } catch (e) { state.failed = String(e); resolve(false); }
              });
              async function follow(k) {
                const r = renditions[k], sb = buffers[k];
                let initDone = false, next = 0;
                while (Date.now() < deadline && !state.failed) {
                  const text = await fetchText(base + r.playlist);
                  state.polls++;
                  if (text === null) { await sleepMs(100); continue; }
                  const pl = text.split('\\n').map(l => l.trim());
                  const ended = pl.includes('#EXT-X-ENDLIST');
                  if (ended) anyEnded = true;
                  const map = pl.find(l => l.startsWith('#EXT-X-MAP:'));
                  const uris = pl.filter(l => l && !l.startsWith('#'));
                  if (!initDone && map) {
                    const init = await (await fetch(base + hlsAttributes(map).URI, {cache: 'no-store'})).arrayBuffer();
                    if (!await append(sb, init)) { state.failed = state.failed || 'init of ' + r.playlist; break; }
                    state.appended++;
                    initDone = true;
                  }
                  while (initDone && next < uris.length && !state.failed) {
                    const resp = await fetch(base + uris[next], {cache: 'no-store'});
                    if (!resp.ok) { state.failed = uris[next] + ' listed but ' + resp.status; break; }
                    if (!await append(sb, await resp.arrayBuffer())) {
                      state.failed = state.failed || ('append of ' + uris[next] + ' failed');
                      break;
                    }
                    state.appended++;
                    if (!ended) state.appendedLive++;
                    if (counts[k]++ === 0 && ++state.ready === renditions.length) v.play().catch(() => {});
                    next++;
                  }
                  if (ended && next >= uris.length) return;
                  await sleepMs(100);
                }
                state.failed = state.failed || (r.playlist + ': no EXT-X-ENDLIST before the timeout');
              }
              await Promise.all(renditions.map((r, k) => follow(k)));
              let outcome;
              if (state.failed) {
                if (!v.error) await new Promise(r => { v.addEventListener('error', r, {once: true}); setTimeout(r, 2000); });
                outcome = state.failed + (v.error ? ': ' + v.error.message : '');
              } else {
                ms.endOfStream();
                outcome = await w.done;
              }
              const perBuffer = buffers.map(sb => ranges(sb.buffered));
              const r = report(v, outcome, w.seen, ranges(v.buffered), state.appended);
              v.remove();
              return {playback: r, mimes, perBuffer, segments: counts, appendedLive: state.appendedLive,
                polls: state.polls, startedLive: state.startedLive};
            }
            </script></body></html>
            """;
}
