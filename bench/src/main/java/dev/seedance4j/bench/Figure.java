package dev.seedance4j.bench;

import java.util.Locale;
import java.util.Objects;

/**
 * One measured figure: what was measured, its value and unit, the baseline measured in the same run (if the figure
 * has one) and the goal it is held to (if any). {@link #line()} is the printed form:
 * {@code ID name value unit [baseline value, ratio r] [goal op value, met|missed]}.
 *
 * @param id       short id from the benchmark table, e.g. {@code P6a}
 * @param name     one token naming the quantity, e.g. {@code emulator-create+get}
 * @param value    the measurement
 * @param unit     its unit, e.g. {@code req/s}, {@code x-realtime}, {@code errors}
 * @param baseline what the same measurement gave for the baseline in this run, or null
 * @param goal     the goal the figure is held to, or null
 * @param note     how it was measured (the baseline's name, sizes, settings); JSON only
 */
public record Figure(String id, String name, double value, String unit, Baseline baseline, Goal goal, String note) {

    public Figure {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        if (id.isBlank() || id.contains(" "))
            throw new IllegalArgumentException("figure id must be one token: '" + id + "'");
        if (name.isBlank() || name.contains(" "))
            throw new IllegalArgumentException("figure name must be one token: '" + name + "'");
        if (unit.isBlank() || unit.contains(" "))
            throw new IllegalArgumentException("figure unit must be one token: '" + unit + "'");
        note = note == null ? "" : note;
    }

    /** A figure without baseline or goal. */
    public static Figure of(String id, String name, double value, String unit, String note) {
        return new Figure(id, name, value, unit, null, null, note);
    }

    public Figure withBaseline(String label, double baselineValue) {
        return new Figure(id, name, value, unit, new Baseline(label, baselineValue), goal, note);
    }

    public Figure withGoal(Goal.Op op, double target) {
        return new Figure(id, name, value, unit, baseline, new Goal(op, target), note);
    }

    /** ours ÷ baseline, or NaN without a baseline (or with a zero one). */
    public double ratio() {
        return baseline == null || baseline.value() == 0 ? Double.NaN : value / baseline.value();
    }

    /** True when the figure has a goal and meets it; false when it misses it; null without a goal. */
    public Boolean met() {
        return goal == null ? null : goal.metBy(value);
    }

    /** The printed line: {@code ID name value unit [baseline value, ratio r] [goal op value, met|missed]}. */
    public String line() {
        StringBuilder s = new StringBuilder()
                .append(id)
                .append(' ')
                .append(name)
                .append(' ')
                .append(format(value))
                .append(' ')
                .append(unit);
        if (baseline != null) {
            s.append(" [baseline ")
                    .append(format(baseline.value()))
                    .append(", ratio ")
                    .append(format(ratio()))
                    .append(']');
        }
        if (goal != null) {
            s.append(" [goal ")
                    .append(goal.op().symbol())
                    .append(' ')
                    .append(format(goal.target()))
                    .append(", ")
                    .append(met() ? "met" : "missed")
                    .append(']');
        }
        return s.toString();
    }

    /** Numbers as people read them: integers without decimals, others with three significant decimals at most. */
    static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return String.valueOf(v);
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.valueOf((long) v);
        double abs = Math.abs(v);
        String pattern = abs >= 100 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3g";
        return String.format(Locale.ROOT, pattern, v);
    }

    /**
     * The same quantity measured on the baseline in the same run.
     *
     * @param label what the baseline is, e.g. {@code bare-jdk-httpserver}
     * @param value its measurement
     */
    public record Baseline(String label, double value) {
        public Baseline {
            Objects.requireNonNull(label, "label");
        }
    }

    /**
     * What a figure must reach.
     *
     * @param op     how the value compares with the target
     * @param target the target
     */
    public record Goal(Op op, double target) {
        public Goal {
            Objects.requireNonNull(op, "op");
        }

        public boolean metBy(double value) {
            return switch (op) {
                case AT_LEAST -> value >= target;
                case AT_MOST -> value <= target;
                case EQUAL -> value == target;
            };
        }

        /** The comparison of a goal. */
        public enum Op {
            AT_LEAST("≥"),
            AT_MOST("≤"),
            EQUAL("=");

            private final String symbol;

            Op(String symbol) {
                this.symbol = symbol;
            }

            public String symbol() {
                return symbol;
            }
        }
    }
}
