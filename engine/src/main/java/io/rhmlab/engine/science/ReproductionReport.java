package io.rhmlab.engine.science;

import java.util.ArrayList;
import java.util.List;

/**
 * What a reproduction measured, next to what the papers report.
 *
 * @param name    the reproduction
 * @param title   what it reproduces
 * @param rows    one per compared quantity
 * @param notes   protocol deviations, scale reductions, caveats
 * @param seconds wall time (small when served from the store)
 * @param curves  the learning curves behind the rows, each read with the P* criterion of its rows and labelled by its
 *                point (e.g. "CNN m=3"): what a notebook draws (may be empty)
 */
public record ReproductionReport(String name, String title, List<Row> rows, List<String> notes, double seconds,
                                 List<io.rhmlab.engine.curve.LearningCurveResult> curves) {

    public ReproductionReport {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
        curves = curves == null ? List.of() : List.copyOf(curves);
    }

    /** A report without its curves. */
    public ReproductionReport(String name, String title, List<Row> rows, List<String> notes, double seconds) {
        this(name, title, rows, notes, seconds, List.of());
    }

    /**
     * One compared quantity.
     *
     * @param quantity what (e.g. "P* in units of n_c·m^L, v=4 L=3 CNN")
     * @param measured our value
     * @param papers   what the papers (docs/science.md) report
     * @param agrees   "yes", "no" or "n/a", by the criterion stated in the quantity or the notes
     */
    public record Row(String quantity, String measured, String papers, String agrees) {
    }

    /** Whether every row with a verdict agrees. */
    public boolean allAgree() {
        return rows.stream().noneMatch(r -> r.agrees().equals("no"));
    }

    @Override
    public String toString() {
        String[] h = {"quantity", "measured", "papers (docs/science.md)", "agrees"};
        List<String[]> cells = new ArrayList<>();
        cells.add(h);
        for (Row r : rows) cells.add(new String[] {r.quantity(), r.measured(), r.papers(), r.agrees()});
        int[] w = new int[4];
        for (String[] c : cells) for (int i = 0; i < 4; i++) w[i] = Math.max(w[i], c[i].length());
        StringBuilder sb = new StringBuilder();
        sb.append(name).append(" — ").append(title).append('\n');
        for (int j = 0; j < cells.size(); j++) {
            String[] c = cells.get(j);
            for (int i = 0; i < 4; i++) sb.append(String.format("%-" + w[i] + "s", c[i])).append(i < 3 ? "  " : "");
            sb.append('\n');
            if (j == 0) {
                for (int i = 0; i < 4; i++) sb.append("-".repeat(w[i])).append(i < 3 ? "  " : "");
                sb.append('\n');
            }
        }
        for (String n : notes) sb.append("note: ").append(n).append('\n');
        sb.append(String.format("(%.1f s)%n", seconds));
        return sb.toString();
    }
}
