package io.rhmlab.kernel.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with right-aligned numbers, for terminal output. */
final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... header) {
        this.header = List.of(header);
    }

    Table row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) r.add(String.valueOf(c));
        rows.add(r);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out) {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) w[i] = header.get(i).length();
        for (List<String> r : rows) for (int i = 0; i < w.length; i++) w[i] = Math.max(w[i], r.get(i).length());
        line(out, header, w);
        for (List<String> r : rows) line(out, r, w);
        out.flush();
    }

    private static void line(PrintWriter out, List<String> cells, int[] w) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            if (i > 0) b.append("  ");
            String c = cells.get(i);
            boolean numeric = c.matches("[-+0-9.eE%×/]+") && !c.isEmpty();
            String pad = " ".repeat(w[i] - c.length());
            b.append(numeric ? pad + c : (i == w.length - 1 ? c : c + pad));
        }
        out.println(b);
    }

    /** A rate such as a test error, to 4 decimals; NaN as "-". */
    static String rate(double x) {
        return Double.isNaN(x) ? "-" : String.format("%.4f", x);
    }
}
