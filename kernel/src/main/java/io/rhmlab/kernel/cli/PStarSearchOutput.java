package io.rhmlab.kernel.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhmlab.engine.curve.PStar;
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
            t.row(round.index() == 0 ? "stored" : String.valueOf(round.index()), round.sizes().toString(), round.seeds(), round.trained(),
                    round.reused(), round.memberEpochs(), String.format("%.1f", round.wallSeconds()));
        }
        t.print(out);
        out.println(switch (r.outcome()) {
            case RESOLVED -> String.format("P* = %.4g (median curve), bracket [%d, %d], hi/lo − 1 = %.3f ≤ %s", r.pStar().samples(),
                    r.lower(), r.upper(), (double) r.upper() / r.lower() - 1, r.search().tolerance());
            case NOT_REACHED -> "P* not reached: median error above " + r.search().threshold() + " up to the cap P = " + r.lower();
            case BELOW_RANGE -> "P* below the range: median error at or below " + r.search().threshold() + " already at P = " + r.upper();
            case UNRESOLVED -> "P* not resolved to the tolerance: bracket [" + r.lower() + ", " + (r.upper() == 0 ? "∞" : r.upper())
                    + "], " + r.pStar();
        });
        PStar median = r.estimate().median();
        out.println(median.value().isPresent()
                ? String.format("over seeds: median P* = %.4g, %s [%.4g, %.4g]", median.samples(),
                        r.estimate().interval().describe(), r.estimate().interval().lower(), r.estimate().interval().upper())
                : "over seeds: P* " + median.reason());
        out.println(String.format("trained %d members, %d member-epochs, %.1f s; reused %d members from the store",
                r.trained(), r.memberEpochs(), r.wallSeconds(), r.reused()));
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
        if (r.pStar().value().isPresent()) o.put("pStar", r.pStar().samples()); else o.putNull("pStar");
        o.put("trained", r.trained());
        o.put("reused", r.reused());
        o.put("memberEpochs", r.memberEpochs());
        o.put("wallSeconds", r.wallSeconds());
        ArrayNode rounds = o.putArray("rounds");
        for (SampleComplexitySearchResult.Round round : r.rounds()) {
            ObjectNode x = rounds.addObject().put("index", round.index());
            ArrayNode sizes = x.putArray("sizes");
            round.sizes().forEach(sizes::add);
            x.put("seeds", round.seeds());
            x.put("trained", round.trained()).put("reused", round.reused()).put("memberEpochs", round.memberEpochs())
                    .put("wallSeconds", round.wallSeconds());
        }
        return o;
    }
}
