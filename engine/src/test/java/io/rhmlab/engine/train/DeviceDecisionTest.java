package io.rhmlab.engine.train;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every branch of the device decision, on facts a CPU-only machine can only pretend to have. */
class DeviceDecisionTest {

    private static final EngineFacts CPU_BUILD = new EngineFacts(false, false, 0, "2.7.1 in /cache/2.7.1-cpu-linux-x86_64");
    private static final EngineFacts CPU_BUILD_GPU_VISIBLE = new EngineFacts(false, true, 2, "2.7.1 in /cache/cpu");
    private static final EngineFacts CUDA_NO_RUNTIME = new EngineFacts(true, false, 0, "2.7.1 in /opt/libtorch/lib");
    private static final EngineFacts CUDA_NO_GPU = new EngineFacts(true, true, 0, "2.7.1 in /opt/libtorch/lib");
    private static final EngineFacts CUDA_ONE_GPU = new EngineFacts(true, true, 1, "2.7.1 in /opt/libtorch/lib");

    @Test
    void lanesAndThreadsAreFilledInAndEveryOtherSettingKept() {
        TrainerSettings off = TrainerSettings.defaults().withDevice(DeviceChoice.CPU).withScriptedStep(false);
        TrainerSettings resolved = Devices.lanesFor(off, 1);
        assertThat(resolved.lanes()).isEqualTo(1);
        assertThat(resolved.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(resolved.scriptedStep()).isFalse();
        assertThat(resolved.evalBatch()).isEqualTo(off.evalBatch());
        assertThat(resolved.device()).isEqualTo(DeviceChoice.CPU);
        assertThat(Devices.lanesFor(TrainerSettings.defaults().withDevice(DeviceChoice.CPU), 1).scriptedStep()).isTrue();
    }

    @Test
    void cpuIsAlwaysTheCpuAndSilent() {
        for (EngineFacts f : new EngineFacts[]{CPU_BUILD, CPU_BUILD_GPU_VISIBLE, CUDA_NO_RUNTIME, CUDA_NO_GPU, CUDA_ONE_GPU}) {
            assertThat(DeviceDecision.decide(DeviceChoice.CPU, f)).isEqualTo(new DeviceDecision(false, null, null));
        }
    }

    @Test
    void gpuAndAutoTakeAUsableGpu() {
        assertThat(DeviceDecision.decide(DeviceChoice.GPU, CUDA_ONE_GPU)).isEqualTo(new DeviceDecision(true, null, null));
        assertThat(DeviceDecision.decide(DeviceChoice.AUTO, CUDA_ONE_GPU)).isEqualTo(new DeviceDecision(true, null, null));
    }

    @Test
    void gpuWithoutACudaBuildFailsNamingTheLoadedLibtorch() {
        DeviceDecision d = DeviceDecision.decide(DeviceChoice.GPU, CPU_BUILD);
        assertThat(d.gpu()).isFalse();
        assertThat(d.failure()).startsWith("device: --device gpu cannot train here: the PyTorch engine loaded a CPU build")
                .contains("/cache/2.7.1-cpu-linux-x86_64", "CUDA build of libtorch 2.7.1", "PYTORCH_LIBRARY_PATH")
                .doesNotContain("GPU(s) are visible", "\n");
        assertThat(DeviceDecision.decide(DeviceChoice.GPU, CPU_BUILD_GPU_VISIBLE).failure()).contains("although 2 GPU(s) are visible");
    }

    @Test
    void gpuWithACudaBuildSaysWhetherTheRuntimeOrTheGpuIsMissing() {
        assertThat(DeviceDecision.decide(DeviceChoice.GPU, CUDA_NO_RUNTIME).failure())
                .contains("no CUDA runtime answered", "driver", "libcudart.so").doesNotContain("\n");
        assertThat(DeviceDecision.decide(DeviceChoice.GPU, CUDA_NO_GPU).failure())
                .contains("sees no GPU", "CUDA_VISIBLE_DEVICES").doesNotContain("runtime answered", "\n");
    }

    @Test
    void autoFallsBackToTheCpuAndSaysWhyWhereAGpuWasInSight() {
        for (EngineFacts f : new EngineFacts[]{CPU_BUILD_GPU_VISIBLE, CUDA_NO_RUNTIME, CUDA_NO_GPU}) {
            DeviceDecision d = DeviceDecision.decide(DeviceChoice.AUTO, f);
            assertThat(d.gpu()).isFalse();
            assertThat(d.failure()).isNull();
            assertThat(d.notice()).startsWith("device: auto chose the CPU: ")
                    .isEqualTo("device: auto chose the CPU: " + DeviceDecision.missing(f));
        }
    }

    @Test
    void autoOnThePlainCpuSetupHasNothingToSay() {
        assertThat(DeviceDecision.decide(DeviceChoice.AUTO, CPU_BUILD)).isEqualTo(new DeviceDecision(false, null, null));
    }

    @Test
    void thisMachineIsProbedWithoutError() {
        EngineFacts here = EngineFacts.probe();
        assertThat(here.libtorch()).startsWith(DeviceDecision.LIBTORCH_VERSION);
        // the test class path carries the CPU natives: whatever the machine, this build cannot use a GPU
        assertThat(here.cudaBuild()).isFalse();
        assertThat(Devices.resolve(DeviceChoice.AUTO).isGpu()).isFalse();
    }
}
