package io.rhmlab.engine.train;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that embeds rhmlab sets nothing: resolving a device turns DJL's offline mode and telemetry opt-out on
 * before the engine is used (the surefire configuration sets them too, so they are cleared here first); a value the
 * user set is kept. A JVM started with none of them: {@link EmbeddedEnvironmentTest}.
 */
class OfflineTest {

    @Test
    void resolvingADeviceTurnsDjlOfflineWithoutAnySettingOfTheCaller() {
        String offline = System.getProperty("ai.djl.offline"), optOut = System.getProperty("OPT_OUT_TRACKING");
        try {
            System.clearProperty("ai.djl.offline");
            System.clearProperty("OPT_OUT_TRACKING");
            Devices.resolve(DeviceChoice.CPU);
            // as DJL reads them (the surefire configuration also sets DJL_OFFLINE, which then stands as the user's)
            assertThat(ai.djl.util.Utils.isOfflineMode()).isTrue();
            assertThat(ai.djl.util.Utils.getEnvOrSystemProperty("OPT_OUT_TRACKING")).isEqualTo("true");
        } finally {
            if (offline != null) System.setProperty("ai.djl.offline", offline);
            if (optOut != null) System.setProperty("OPT_OUT_TRACKING", optOut);
        }
    }

    @Test
    void aSettingOfTheUserIsKept() {
        String offline = System.getProperty("ai.djl.offline");
        try {
            System.setProperty("ai.djl.offline", "false");
            Offline.ensure();
            assertThat(System.getProperty("ai.djl.offline")).isEqualTo("false");
        } finally {
            if (offline != null) System.setProperty("ai.djl.offline", offline); else System.clearProperty("ai.djl.offline");
        }
    }
}
