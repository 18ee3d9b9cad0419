package dev.bmff.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress line on stderr for a person watching: bytes done, rate and time left, redrawn in place with
 * {@code \r} at most ten times a second, ended with a newline by {@link #finish()}. Switched off (every method does
 * nothing) unless stderr is a terminal, or {@code --progress} asks for it; {@code --no-progress} always silences
 * it, so a pipe or a log never receives carriage returns.
 */
final class ProgressBar {
    /** The flags every command with long work accepts. */
    static final String ON = "--progress";
    static final String OFF = "--no-progress";

    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 24;

    private final PrintStream err;
    private final String label;
    private final boolean enabled;
    private final LongSupplier clock;
    private final long started;
    private long lastDraw = Long.MIN_VALUE;
    private long done;
    private long total = -1;
    private String extra = "";

    ProgressBar(PrintStream err, String label, boolean enabled, LongSupplier nanoClock) {
        this.err = err;
        this.label = label;
        this.enabled = enabled;
        this.clock = nanoClock;
        this.started = nanoClock.getAsLong();
    }

    /** For command {@code name}: on when {@code --progress} was given or stderr is a terminal, off with {@code --no-progress}. */
    static ProgressBar of(Args args, PrintStream err, String name) throws UsageException {
        if (args.has(ON) && args.has(OFF)) {
            throw new UsageException(ON + " and " + OFF + " contradict each other");
        }
        boolean on = args.has(ON) || (!args.has(OFF) && System.console() != null);
        return new ProgressBar(err, "bmff " + name, on, System::nanoTime);
    }

    boolean enabled() {
        return enabled;
    }

    /** {@code done} of {@code total} bytes ({@code total} below 0: unknown); redraws when 100 ms have passed. */
    void update(long done, long total) {
        update(done, total, extra);
    }

    /** As {@link #update(long, long)}, with a few words after the figures (e.g. "75 pictures"). */
    synchronized void update(long done, long total, String extra) {
        if (!enabled) {
            return;
        }
        this.done = done;
        this.total = total;
        this.extra = extra;
        long now = clock.getAsLong();
        if (lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        draw(now);
    }

    /** Draws the final state and ends the line; nothing when nothing was drawn or the bar is off. */
    synchronized void finish() {
        if (!enabled || lastDraw == Long.MIN_VALUE) {
            return;
        }
        draw(clock.getAsLong());
        err.print('\n');
        err.flush();
        lastDraw = Long.MIN_VALUE;
    }

    private void draw(long now) {
        err.print("\r" + line(now) + "\u001b[K"); // [K: clear what a longer line left
        err.flush();
    }

    /** The line without its carriage return. */
    String line(long now) {
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        double rate = done / seconds;
        StringBuilder sb = new StringBuilder(label).append(": ");
        if (total > 0) {
            double share = Math.min(1, (double) done / total);
            int filled = (int) Math.round(share * WIDTH);
            sb.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
            sb.append(String.format(Locale.ROOT, "%3d%% %s / %s", (int) Math.floor(share * 100), bytes(done),
                    bytes(total)));
        } else {
            sb.append(bytes(done));
        }
        sb.append(", ").append(bytes((long) rate)).append("/s");
        if (total > 0 && done < total && rate > 0) {
            sb.append(", ").append(duration((total - done) / rate)).append(" left");
        } else if (total > 0 && done >= total) {
            sb.append(", done in ").append(duration(seconds));
        }
        if (!extra.isEmpty()) {
            sb.append(", ").append(extra);
        }
        return sb.toString();
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
