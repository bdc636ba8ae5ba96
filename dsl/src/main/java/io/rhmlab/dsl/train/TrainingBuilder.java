package io.rhmlab.dsl.train;

/** Fluent builder of {@link Training}. */
public final class TrainingBuilder {

    // the new reference's values, public so that the command line's help shows the ones this builder uses
    public static final double DEFAULT_MOMENTUM = 0.9;
    public static final double DEFAULT_WEIGHT_DECAY = 0;
    public static final int DEFAULT_BATCH = 128;
    public static final double DEFAULT_LOSS_THRESHOLD = 1e-3;
    public static final int DEFAULT_CHECK_EVERY = 10;
    public static final int DEFAULT_MAX_EPOCHS = 300;

    private final Optimizer optimizer;
    private final double learningRate;
    private boolean scaleByWidth = true;
    private double momentum = DEFAULT_MOMENTUM;
    private double weightDecay = DEFAULT_WEIGHT_DECAY;
    private Schedule schedule = Schedule.CONSTANT;
    private int batchSize = DEFAULT_BATCH;
    private double lossThreshold = DEFAULT_LOSS_THRESHOLD;
    private int checkEvery = DEFAULT_CHECK_EVERY;
    private int maxEpochs = DEFAULT_MAX_EPOCHS;

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
