package io.rhmlab.engine.train;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that embeds rhmlab sets nothing: resolving a device turns DJL's offline mode and telemetry opt-out on
 * before the engine is used (the surefire configuration sets them too, so they are cleared here first).
 */
class OfflineTest {

    @Test
    void resolvingADeviceTurnsDjlOfflineWithoutAnySettingOfTheCaller() {
        String offline = System.getProperty("ai.djl.offline"), optOut = System.getProperty("OPT_OUT_TRACKING");
        try {
            System.clearProperty("ai.djl.offline");
            System.clearProperty("OPT_OUT_TRACKING");
            Devices.resolve(DeviceChoice.CPU);
            assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
            assertThat(System.getProperty("OPT_OUT_TRACKING")).isEqualTo("true");
        } finally {
            if (offline != null) System.setProperty("ai.djl.offline", offline);
            if (optOut != null) System.setProperty("OPT_OUT_TRACKING", optOut);
        }
    }
}
