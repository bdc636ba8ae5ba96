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
        out.println(r.reading());
        if (!r.curve().incompleteSizes().isEmpty()) {
            out.println("P trained for some seeds only (pilots, one seed's refinements): " + r.curve().incompleteSizes());
        }
        out.println(r.cost());
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
