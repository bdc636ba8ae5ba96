package io.rhmlab.dsl.train;

/** Fluent builder of {@link Training}. */
public final class TrainingBuilder {
    private final Optimizer optimizer;
    private final double learningRate;
    private boolean scaleByWidth = true;
    private double momentum = 0.9;
    private double weightDecay;
    private Schedule schedule = Schedule.CONSTANT;
    private int batchSize = 128;
    private double lossThreshold = 1e-3;
    private int checkEvery = 10;
    private int maxEpochs = 300;

    TrainingBuilder(Optimizer optimizer, double learningRate) {
        this.optimizer = optimizer;
        this.learningRate = learningRate;
    }

    public TrainingBuilder scaleByWidth(boolean on) { this.scaleByWidth = on; return this; }
    public TrainingBuilder momentum(double mu) { this.momentum = mu; return this; }
    public TrainingBuilder weightDecay(double lambda) { this.weightDecay = lambda; return this; }
    public TrainingBuilder schedule(Schedule s) { this.schedule = s; return this; }
    public TrainingBuilder cosine() { return schedule(Schedule.COSINE); }
    public TrainingBuilder batch(int size) { this.batchSize = size; return this; }
    public TrainingBuilder lossThreshold(double threshold) { this.lossThreshold = threshold; return this; }
    public TrainingBuilder checkEvery(int epochs) { this.checkEvery = epochs; return this; }
    public TrainingBuilder maxEpochs(int epochs) { this.maxEpochs = epochs; return this; }

    public Training build() {
        return new Training(optimizer, learningRate, scaleByWidth, momentum, weightDecay, schedule, batchSize,
                lossThreshold, checkEvery, maxEpochs);
    }
}
