package io.rhmlab.dsl.net;

/** How tokens become the channels-first one-hot input [N, v, d] (science.md §2.A, §3.A). */
public enum InputEncoding {
    /** One-hot over v channels; a blank is an all-zero column. */
    ONE_HOT,
    /** (x − 1/v)/√(1 − 1/v): zero mean over channels, unit norm per position (new reference); blanks stay zero. */
    CENTRED,
    /** x(1 + a) − a with a = 1/√(v−1); a blank is −a in every channel (the SRHM reference's stored data). */
    REFERENCE_WHITENED
}
