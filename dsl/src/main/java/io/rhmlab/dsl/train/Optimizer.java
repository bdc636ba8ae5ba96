package io.rhmlab.dsl.train;

/** The optimisers of the reference codes. */
public enum Optimizer { SGD, ADAM }
