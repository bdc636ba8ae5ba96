package io.rhmlab.kernel.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhmlab.engine.curve.SampleComplexitySearchResult;

import java.io.PrintWriter;

/** How {@code curve --find-pstar} shows its search: the rounds, the bracket, P* and what it cost. */
final class PStarSearchOutput {

    private PStarSearchOutput() {
    }

    static void print(PrintWriter out, SampleComplexitySearchResult r) {
        out.println();
        out.println("P* search (threshold " + r.search().threshold() + ", tolerance " + r.search().tolerance()
                + ", from the theory scale " + r.theoryScale() + ", P in [" + r.minSize() + ", " + r.maxSize() + "]):");
        Table t = new Table("round", "P", "seeds", "trained", "reused", "member-epochs", "wall s");
        for (SampleComplexitySearchResult.Round round : r.rounds()) {
            t.row(round.index() == 0 ? "stored" : String.valueOf(round.index()), round.sizes().toString(), seeds(round), round.trained(),
                    round.reused(), round.memberEpochs(), String.format("%.1f", round.wallSeconds()));
        }
        t.print(out);
        // the same P* as the grid and the table above print: the median of every seed's own crossing
        out.println(switch (r.outcome()) {
            case RESOLVED -> String.format("%s; median bracket [%d, %d], hi/lo − 1 = %.3f, and every seed's own bracket ≤ %s",
                    r.pStar(), r.lower(), r.upper(), (double) r.upper() / r.lower() - 1, r.search().tolerance());
            case NOT_REACHED -> "P* not reached: median error above " + r.search().threshold() + " up to the cap P = " + r.lower() + "; " + r.pStar();
            case BELOW_RANGE -> "P* below the range: median error at or below " + r.search().threshold() + " already at P = " + r.upper() + "; " + r.pStar();
            case UNRESOLVED -> "UNRESOLVED, not a result: rounds ran out (or a bracket could not be narrowed) before every bracket was within "
                    + r.search().tolerance() + "; median bracket [" + r.lower() + ", " + (r.upper() == 0 ? "∞" : r.upper())
                    + "]; reading so far: " + r.pStar();
        });
        if (!r.curve().incompleteSizes().isEmpty()) {
            out.println("P trained for some seeds only (pilots, one seed's refinements): " + r.curve().incompleteSizes());
        }
        out.println(String.format("trained %d members, %d member-epochs, %.1f s; reused %d members from the store",
                r.trained(), r.memberEpochs(), r.wallSeconds(), r.reused()));
    }

    /** "1..3" for seeds 1 to 3, else the list. */
    private static String seeds(SampleComplexitySearchResult.Round round) {
        java.util.List<Integer> s = round.seeds();
        boolean run = !s.isEmpty() && s.get(s.size() - 1) - s.get(0) == s.size() - 1;
        return s.isEmpty() ? "-" : s.size() == 1 ? String.valueOf(s.get(0)) : run ? s.get(0) + ".." + s.get(s.size() - 1) : s.toString();
    }

    static ObjectNode json(SampleComplexitySearchResult r) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("outcome", r.outcome().name());
        o.put("tolerance", r.search().tolerance());
        o.put("threshold", r.search().threshold());
        o.put("pilotSeeds", r.search().pilotSeeds());
        o.put("theoryScale", r.theoryScale());
        o.put("minSize", r.minSize());
        o.put("maxSize", r.maxSize());
        if (r.lower() > 0) o.put("lower", r.lower()); else o.putNull("lower");
        if (r.upper() > 0) o.put("upper", r.upper()); else o.putNull("upper");
        if (r.pStar().crossed()) o.put("pStar", r.pStar().value()); else o.putNull("pStar");
        o.put("pStarReason", r.pStar().median().reason());
        ArrayNode partial = o.putArray("incompleteSizes");
        r.curve().incompleteSizes().forEach(partial::add);
        o.put("trained", r.trained());
        o.put("reused", r.reused());
        o.put("memberEpochs", r.memberEpochs());
        o.put("wallSeconds", r.wallSeconds());
        ArrayNode rounds = o.putArray("rounds");
        for (SampleComplexitySearchResult.Round round : r.rounds()) {
            ObjectNode x = rounds.addObject().put("index", round.index());
            ArrayNode sizes = x.putArray("sizes");
            round.sizes().forEach(sizes::add);
            ArrayNode seeds = x.putArray("seeds");
            round.seeds().forEach(seeds::add);
            x.put("trained", round.trained()).put("reused", round.reused()).put("memberEpochs", round.memberEpochs())
                    .put("wallSeconds", round.wallSeconds());
        }
        return o;
    }
}
