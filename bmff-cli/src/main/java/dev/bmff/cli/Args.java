package dev.bmff.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Splits arguments into flags ({@code --json}) and positional values, rejecting unknown flags. */
final class Args {
    final Set<String> flags;
    final List<String> positional;
    private final java.util.Map<String, String> values;

    private Args(Set<String> flags, List<String> positional, java.util.Map<String, String> values) {
        this.flags = flags;
        this.positional = positional;
        this.values = values;
    }

    static Args parse(List<String> args, Set<String> allowedFlags) throws UsageException {
        return parse(args, allowedFlags, Set.of());
    }

    /**
     * Like {@link #parse(List, Set)}, with options that take the next argument as their value
     * ({@code --fps 25}); a value may be {@code -} (stdin).
     */
    static Args parse(List<String> args, Set<String> allowedFlags, Set<String> valued) throws UsageException {
        java.util.HashSet<String> flags = new java.util.HashSet<>();
        java.util.Map<String, String> values = new java.util.HashMap<>();
        List<String> pos = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (valued.contains(a)) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(a + " needs a value");
                }
                if (values.put(a, args.get(++i)) != null) {
                    throw new UsageException(a + " given twice");
                }
            } else if (a.startsWith("--") && a.length() > 2) {
                if (!allowedFlags.contains(a)) {
                    throw new UsageException("unknown option " + a);
                }
                flags.add(a);
            } else {
                pos.add(a);
            }
        }
        return new Args(flags, pos, values);
    }

    /** The value of option {@code name}, or null when it was not given. */
    String value(String name) {
        return values.get(name);
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }

    String one(String what) throws UsageException {
        if (positional.size() != 1) {
            throw new UsageException("expected one " + what + ", got " + positional.size() + " arguments");
        }
        return positional.get(0);
    }
}
