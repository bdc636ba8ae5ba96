package io.rhmlab.dsl.grammar;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import io.rhmlab.dsl.Seeds;

import java.util.SplittableRandom;

/**
 * The production rules of an RHM / Sparse RHM (docs/science.md §2.A, §9.1): one table per generation depth
 * t = 0..L−1. Depth 0 expands the class (n_c rows), depths t ≥ 1 expand level-(L−t+1) features (v rows).
 * Row r holds m distinct s-tuples (its synonyms); the whole level uses rows·m distinct tuples, so a tuple has
 * at most one parent per level and the grammar is unambiguous. The same table serves every position of a level.
 *
 * <p>Tuples are coded as integers base v with child 0 most significant: code = Σ_j x_j·v^(s−1−j).
 *
 * <p>Random stream of {@link #draw}: one {@code SplittableRandom(Seeds.derive(ruleSeed, RULES))}; for t = 0, 1, ..., L−1 in turn a
 * fresh partial Fisher–Yates over the identity list of the v^s codes: for i = 0..rows·m−1,
 * {@code j = i + nextInt(v^s − i)}, swap positions i and j, the code now at i is chosen; chosen code i is rule
 * {@code i mod m} of row {@code i / m} ("shuffle all tuples and cut into consecutive groups of m").
 */
public final class Rules {
    /** Bound on v^s: the reverse lookup of a level is an int array over all tuple codes. */
    public static final int MAX_TUPLE_CODES = 1 << 28;
    /** Tokens are stored as unsigned bytes with the blank = v, so v ≤ 255. */
    public static final int MAX_VOCABULARY = 255;

    private final Hierarchy hierarchy;
    private final int v, m, s, tupleCodes;
    /** flat[t][(row·m + rule)·s + j] = child j. */
    private final int[][] flat;
    private final int[][] reverse;

    private Rules(Hierarchy h, int[][] flat) {
        this.hierarchy = h;
        this.v = h.vocabulary();
        this.m = h.multiplicity();
        this.s = h.branching();
        this.tupleCodes = tupleCodes(h);
        this.flat = flat;
        this.reverse = new int[flat.length][];
        for (int t = 0; t < flat.length; t++) reverse[t] = buildReverse(t);
    }

    /** Draws the L tables from {@code h.ruleSeed()} (stream documented on the class). */
    public static Rules draw(Hierarchy h) {
        int codes = tupleCodes(h);
        SplittableRandom rng = new SplittableRandom(Seeds.derive(h.ruleSeed(), Seeds.Purpose.RULES));
        int[][] flat = new int[h.depth()][];
        for (int t = 0; t < h.depth(); t++) {
            int rows = rowsAt(h, t);
            int picks = rows * h.multiplicity();
            int[] chosen = codes <= (1 << 24) ? denseFisherYates(codes, picks, rng) : sparseFisherYates(codes, picks, rng);
            int[] table = new int[picks * h.branching()];
            for (int i = 0; i < picks; i++) decodeTuple(chosen[i], h.vocabulary(), h.branching(), table, i * h.branching());
            flat[t] = table;
        }
        return new Rules(h, flat);
    }

    /**
     * Rules given explicitly, {@code tables[t][row][rule][j]}, for tests and imported grammars. Shapes must be
     * [n_c][m][s] at t = 0 and [v][m][s] below, symbols in [0, v), and no tuple may repeat within a level.
     */
    public static Rules of(Hierarchy h, int[][][]... tables) {
        tupleCodes(h);
        require(tables != null && tables.length == h.depth(), "tables",
                "need L = " + h.depth() + " tables, got " + (tables == null ? 0 : tables.length));
        int m = h.multiplicity(), s = h.branching(), v = h.vocabulary();
        int[][] flat = new int[h.depth()][];
        for (int t = 0; t < h.depth(); t++) {
            int rows = rowsAt(h, t);
            String name = "tables[" + t + "]";
            int[][][] tab = tables[t];
            require(tab != null && tab.length == rows, name, "needs " + rows + (t == 0 ? " rows (n_c)" : " rows (v)")
                    + ", got " + (tab == null ? 0 : tab.length));
            int[] out = new int[rows * m * s];
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int r = 0; r < rows; r++) {
                require(tab[r] != null && tab[r].length == m, name, "row " + r + " needs m = " + m + " rules");
                for (int k = 0; k < m; k++) {
                    int[] tuple = tab[r][k];
                    require(tuple != null && tuple.length == s, name, "rule " + r + "," + k + " needs s = " + s + " symbols");
                    int code = 0;
                    for (int j = 0; j < s; j++) {
                        require(tuple[j] >= 0 && tuple[j] < v, name, "symbol " + tuple[j] + " of rule " + r + "," + k + " is outside [0, v = " + v + ")");
                        code = code * v + tuple[j];
                        out[(r * m + k) * s + j] = tuple[j];
                    }
                    require(seen.add(code), name, "tuple " + Arrays.toString(tuple) + " appears twice in the level (the grammar would be ambiguous)");
                }
            }
            flat[t] = out;
        }
        return new Rules(h, flat);
    }

    public Hierarchy hierarchy() {
        return hierarchy;
    }

    /** L, the number of tables. */
    public int depths() {
        return flat.length;
    }

    /** Rows of the table at generation depth t: n_c at t = 0, v below. */
    public int rows(int depth) {
        return rowsAt(hierarchy, depth);
    }

    /** Child j of rule {@code rule} of {@code symbol} at generation depth {@code depth}. */
    public int child(int depth, int symbol, int rule, int j) {
        return flat[depth][(symbol * m + rule) * s + j];
    }

    /** A copy of the table at generation depth t, [rows][m][s]. */
    public int[][][] table(int depth) {
        int rows = rows(depth);
        int[][][] out = new int[rows][m][s];
        for (int r = 0; r < rows; r++)
            for (int k = 0; k < m; k++)
                System.arraycopy(flat[depth], (r * m + k) * s, out[r][k], 0, s);
        return out;
    }

    /** A copy of the table at generation depth t, flat: index (row·m + rule)·s + j. */
    public int[] flatTable(int depth) {
        return flat[depth].clone();
    }

    /** Code of a tuple: base v, child 0 most significant. */
    public int tupleCode(int[] tuple) {
        int code = 0;
        for (int x : tuple) code = code * v + x;
        return code;
    }

    /** v^s, the number of tuple codes. */
    public int tupleCodes() {
        return tupleCodes;
    }

    /**
     * The parent of a tuple at generation depth t, as {@code row·m + rule}, or −1 if no rule of that level
     * produces it. A copy, indexed by tuple code.
     */
    public int[] reverseLookup(int depth) {
        return reverse[depth].clone();
    }

    /** {@code row·m + rule} producing the tuple with this code at depth t, or −1. */
    public int parentOf(int depth, int tupleCode) {
        return reverse[depth][tupleCode];
    }

    private int[] buildReverse(int depth) {
        int[] rev = new int[tupleCodes];
        Arrays.fill(rev, -1);
        int[] tab = flat[depth];
        for (int i = 0, n = tab.length / s; i < n; i++) {
            int code = 0;
            for (int j = 0; j < s; j++) code = code * v + tab[i * s + j];
            rev[code] = i;
        }
        return rev;
    }

    private static int rowsAt(Hierarchy h, int t) {
        if (t < 0 || t >= h.depth()) throw new IndexOutOfBoundsException("depth " + t + " outside [0, L = " + h.depth() + ")");
        return t == 0 ? h.classes() : h.vocabulary();
    }

    private static int tupleCodes(Hierarchy h) {
        require(h.vocabulary() <= MAX_VOCABULARY, "v", "v = " + h.vocabulary() + " > " + MAX_VOCABULARY
                + " (tokens are unsigned bytes and the blank takes the value v)");
        double codes = Math.pow(h.vocabulary(), h.branching());
        require(codes <= MAX_TUPLE_CODES, "s", "v^s = " + h.vocabulary() + "^" + h.branching()
                + " exceeds 2^28 tuple codes (v = " + h.vocabulary() + ", s = " + h.branching() + ")");
        int c = 1;
        for (int j = 0; j < h.branching(); j++) c *= h.vocabulary();
        return c;
    }

    private static int[] denseFisherYates(int n, int picks, SplittableRandom rng) {
        int[] codes = new int[n];
        for (int i = 0; i < n; i++) codes[i] = i;
        for (int i = 0; i < picks; i++) {
            int j = i + rng.nextInt(n - i);
            int tmp = codes[i];
            codes[i] = codes[j];
            codes[j] = tmp;
        }
        return Arrays.copyOf(codes, picks);
    }

    /** The same permutation as {@link #denseFisherYates}, storing only displaced entries. */
    private static int[] sparseFisherYates(int n, int picks, SplittableRandom rng) {
        Map<Integer, Integer> moved = new HashMap<>();
        int[] out = new int[picks];
        for (int i = 0; i < picks; i++) {
            int j = i + rng.nextInt(n - i);
            int atI = moved.getOrDefault(i, i);
            int atJ = moved.getOrDefault(j, j);
            out[i] = atJ;
            moved.put(j, atI);
            moved.remove(i);
        }
        return out;
    }

    private static void decodeTuple(int code, int v, int s, int[] out, int off) {
        for (int j = s - 1; j >= 0; j--) {
            out[off + j] = code % v;
            code /= v;
        }
    }

    private static void require(boolean ok, String parameter, String constraint) {
        if (!ok) throw new InvalidSpecException(parameter, constraint);
    }
}
