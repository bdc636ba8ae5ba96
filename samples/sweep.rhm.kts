// A small learning-curve sweep, trained on Apache Spark with `./rhmlab sweep samples/sweep.rhm.kts --master local[2]`
// (or locally with `./rhmlab run`): the same runs, the same store, the same results.

val task = rhm { v = 4; classes = 4; m = 4; s = 2; L = 2; seed = 1 }
println(task.summary())

val curve = learningCurve(task) {
    model = cnn { width = 32 }
    train { sgd(lr = 0.1, momentum = 0.9); batch = 64; lossThreshold = 1e-3; maxEpochs = 60 }
    sizes = task.sizesAround(from = 0.5, to = 2.0, points = 3)
    seeds = 2
    testSize = 64
    device = DeviceChoice.CPU
}
for ((p, error) in curve.medianTestError()) println("P = %5d  test error %.4f".format(p, error))
println("${curve.trained()} trained, ${curve.reused()} reused")
