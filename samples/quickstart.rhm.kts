// rhmlab quick start: does a deep CNN beat a fully connected network on the Random Hierarchy Model?
// P1 (Cagnetta et al. 2024): a deep CNN learns the RHM with P* ~ n_c·m^L samples; an FCN needs far more.
// Run with `./rhmlab run samples/quickstart.rhm.kts` (CPU: 2 min 18 s including the build on 2 shared cores; all 16 members
// converged; CNN P* = 462 = 1.81 n_c·m^L).
// Results go to the run store (./rhmlab-runs.sqlite): a second run reuses them and trains nothing. The figures land in ./rhmlab-runs-figures/
// (curve-*.png: test error vs P for both networks; its subtitle counts members that did not reach the threshold).

val task = rhm { v = 4; classes = 4; m = 4; s = 2; L = 3; seed = 1 }
val scale = task.sampleComplexityScale().toDouble()      // n_c·m^L = 256
println(task.summary())

val networks = mapOf(
    "CNN" to cnn { width = 64 },
    "FCN" to fcn { width = 64; hiddenLayers = 2 },
)

for ((name, network) in networks) {
    // batch 32 gives the smallest P enough steps per epoch: every member reaches training loss 1e-3 (at most 160
    // epochs in our runs); at batch 128 and 100 epochs the CNN stopped at loss ~1 for P = 128 and no FCN converged
    val curve = learningCurve(task) {
        model = network
        train { sgd(lr = 0.2, momentum = 0.9); batch = 32; lossThreshold = 1e-3; maxEpochs = 400; checkEvery = 10 }
        sizes = task.sizesAround(from = 0.5, to = 4.0, points = 4)
        seeds = 2
        testSize = 4096
        device = DeviceChoice.CPU
    }
    println()
    println("$name: ${network.label()}, ${curve.seeds()} seeds, ${curve.trained()} trained, ${curve.reused()} reused")
    println("%8s  %12s  %10s".format("P", "P/(n_c·m^L)", "test error"))
    for ((p, error) in curve.medianTestError()) {
        println("%8d  %12.3g  %10.4f".format(p, p / scale, error))
    }
    // P* compares trained networks only if every member reached the loss threshold: say how many did
    val converged = curve.members().count { it.status() == Status.CONVERGED }
    println("trained to loss ≤ 1e-3: $converged of ${curve.members().size} members" +
        (if (converged < curve.members().size) " (the others stopped at the epoch cap or diverged; see the figure's subtitle)" else ""))
    println(curve.sampleComplexity().label(scale, "n_c·m^L"))
}
