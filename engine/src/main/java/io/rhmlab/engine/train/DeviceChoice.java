package io.rhmlab.engine.train;

/** Where to train: the GPU when one is usable, else the CPU ({@code AUTO}); or forced. */
public enum DeviceChoice { AUTO, CPU, GPU }
