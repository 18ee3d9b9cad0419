package dev.bmff.core.write;

import java.time.Duration;

/**
 * When a writer forces what it wrote to the storage device ({@code FileChannel.force}). Forcing costs
 * time on every call, but bounds what a power cut can take: with {@link #everyFragment()} it is at most
 * the fragment being written.
 *
 * <pre>{@code
 * Durability.everyFragment();
 * Durability.atInterval(Duration.ofSeconds(5));
 * }</pre>
 *
 * @param mode what triggers a force
 * @param interval the least time between two forces for {@link Mode#INTERVAL}; zero otherwise
 */
public record Durability(Mode mode, Duration interval) {
    /** What triggers a force. */
    public enum Mode {
        /** Never force; the operating system writes back when it likes (a crash of the process loses
         * nothing, a power cut may lose what the OS had not written). */
        NONE,
        /**
         * Force after every fragment (and at close). The fragmented and hybrid writers force on a thread of
         * their own while they write the next fragment, and mark a fragment complete ({@code moof}) only once
         * its force returned; a power cut loses at most the fragment being built and the (at most two) written
         * fragments still waiting for their force.
         */
        EVERY_FRAGMENT,
        /** Force after a fragment when at least {@code interval} passed since the last force. */
        INTERVAL
    }

    public Durability {
        if (mode == null || interval == null || interval.isNegative()) {
            throw new IllegalArgumentException("durability needs a mode and a non-negative interval");
        }
    }

    public static Durability none() {
        return new Durability(Mode.NONE, Duration.ZERO);
    }

    public static Durability everyFragment() {
        return new Durability(Mode.EVERY_FRAGMENT, Duration.ZERO);
    }

    public static Durability atInterval(Duration interval) {
        return new Durability(Mode.INTERVAL, interval);
    }

    /** True when a force is due, {@code nanosSinceLastForce} after the last one. */
    public boolean due(long nanosSinceLastForce) {
        return switch (mode) {
            case NONE -> false;
            case EVERY_FRAGMENT -> true;
            case INTERVAL -> nanosSinceLastForce >= interval.toNanos();
        };
    }
}
