package dev.bmff.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Splits arguments into flags ({@code --json}) and positional values, rejecting unknown flags. */
final class Args {
    final Set<String> flags;
    final List<String> positional;

    private Args(Set<String> flags, List<String> positional) {
        this.flags = flags;
        this.positional = positional;
    }

    static Args parse(List<String> args, Set<String> allowedFlags) throws UsageException {
        java.util.HashSet<String> flags = new java.util.HashSet<>();
        List<String> pos = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--") && a.length() > 2) {
                if (!allowedFlags.contains(a)) {
                    throw new UsageException("unknown option " + a);
                }
                flags.add(a);
            } else {
                pos.add(a);
            }
        }
        return new Args(flags, pos);
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
